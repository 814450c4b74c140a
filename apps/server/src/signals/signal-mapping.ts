import type { NormReference, SignalLocation } from '@praktijklus/domain';
import type { CommandRequest } from '../commands/command-request';
import { deterministicUuid } from '@praktijklus/commands';
import type { NormReferenceDto, SignalLocationDto } from './signal-fields.dto';

/** With an Idempotency-Key a retry names the same vault reference as its first attempt. */
export function initiativeSeedOf(request: CommandRequest): string | undefined {
  return request.idempotencyKey === undefined
    ? undefined
    : deterministicUuid('initiative', request.actor.sub, request.idempotencyKey, request.fingerprint);
}

// DTO instances become plain objects without undefined keys, so events compare and serialise cleanly.
export function normOf(norm: NormReferenceDto): NormReference {
  return { ref: norm.ref, ...(norm.title !== undefined ? { title: norm.title } : {}) };
}

export function locationOf(location: SignalLocationDto): SignalLocation {
  return {
    ...(location.municipality !== undefined ? { municipality: location.municipality } : {}),
    ...(location.lat !== undefined ? { lat: location.lat } : {}),
    ...(location.lon !== undefined ? { lon: location.lon } : {}),
  };
}
