import { agreementDecider, type ExistingAgreementState, NotFound, streamIdOf } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { type LoadedAggregate, readAggregate } from '../escalations/aggregate-stream';

export const agreementStreamId = (agreementId: string): string => streamIdOf('agreement', agreementId);

export const agreementLocation = (agreementId: string): string => `/api/v1/agreements/${agreementId}`;

/** An agreement that exists; agreements are public accountability, so every reader may see them. */
export async function existingAgreement(
  store: EventStore,
  agreementId: string,
): Promise<LoadedAggregate<ExistingAgreementState>> {
  const loaded = await readAggregate(store, agreementStreamId(agreementId), agreementDecider);
  if (loaded.state.status === 'EMPTY') throw new NotFound('AGREEMENT_NOT_FOUND', 'No such agreement.');
  return { ...loaded, state: loaded.state };
}
