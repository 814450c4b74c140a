import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles } from '@praktijklus/auth';
import { policyChangesOf, type PolicyChangeRow, type SignalRow } from '@praktijklus/projections';
import { Signal } from '../signals/signal.model';
import { EVERY_ROLE } from '../viewer';
import { PolicyChange } from './policy-change.model';
import { atMoment, momentOf, TimeTravel } from '../time-travel/time-travel';

/** `Signal.policyChanges`: from a signal the caller may read to the changes its escalations led to. */
@Resolver(() => Signal)
export class SignalPolicyChangesResolver {
  constructor(private readonly timeTravel: TimeTravel) {}

  @ResolveField(() => [PolicyChange], {
    description: 'Recorded policy changes that answer an escalation this signal is in, latest first.',
  })
  @Roles(...EVERY_ROLE)
  async policyChanges(@Parent() signal: SignalRow): Promise<PolicyChangeRow[]> {
    const asOf = momentOf(signal);
    const rows = await this.timeTravel.read(asOf, (db) => policyChangesOf(db, signal.id));
    return rows.map((row) => atMoment(row, asOf));
  }
}
