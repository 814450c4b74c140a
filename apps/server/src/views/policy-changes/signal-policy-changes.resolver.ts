import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Database } from 'better-sqlite3';
import { Roles } from '@praktijklus/auth';
import { policyChangesOf, type PolicyChangeRow, type SignalRow } from '@praktijklus/projections';
import { READ_MODELS } from '../../projections/projections.tokens';
import { Signal } from '../signals/signal.model';
import { EVERY_ROLE } from '../viewer';
import { PolicyChange } from './policy-change.model';

/** `Signal.policyChanges`: from a signal the caller may read to the changes its escalations led to. */
@Resolver(() => Signal)
export class SignalPolicyChangesResolver {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}

  @ResolveField(() => [PolicyChange], {
    description: 'Recorded policy changes that answer an escalation this signal is in, latest first.',
  })
  @Roles(...EVERY_ROLE)
  policyChanges(@Parent() signal: SignalRow): PolicyChangeRow[] {
    return policyChangesOf(this.db, signal.id);
  }
}
