import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import type { Database } from 'better-sqlite3';
import { CurrentActor, Roles } from '@praktijklus/auth';
import type { Actor } from '@praktijklus/domain';
import { myTasks } from '@praktijklus/projections';
import { READ_MODELS } from '../../projections/projections.tokens';
import { EVERY_ROLE } from '../viewer';
import { Task } from './task.model';

/**
 * The inbox: the work waiting for the caller, from their roles and authority in the token. Each
 * task names an entity the caller's authority is a party to (addressed, climbed to, owner) or, for
 * analysts, a signal they read anyway; nothing beyond what the other views already show them.
 */
@Resolver(() => Task)
export class TasksResolver {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}

  @Query(() => [Task], {
    description:
      "The caller's tasks, at most 100, most urgent first: overdue first, then by dueAt, then the " +
      "undated ones. Administrators get their own authority's escalations to acknowledge, decide " +
      'and resolve (including those non-response climbed to it while unacknowledged), follow-ups ' +
      'and progress of the OPEN agreements it owns and evaluations of the RUNNING experiments it ' +
      'owns; analysts get active signals without themes to classify, oldest first. Officers give ' +
      'none of the commands behind these tasks, so the officer role alone brings none.',
  })
  @Roles(...EVERY_ROLE)
  myTasks(@CurrentActor() actor: Actor): Task[] {
    return myTasks(this.db, { authority: actor.authority, roles: actor.roles, now: new Date() });
  }
}
