import { createHash } from 'node:crypto';

// A fixed namespace so ids derived here never collide with ids derived elsewhere for the same parts.
const NAMESPACE = Buffer.from('6f1c2a7e9b0d4c4e8a35d2b1f0e7c9a4', 'hex');

/** A UUID (version 5 layout, SHA-1) determined by its parts: the same parts give the same id. */
export function deterministicUuid(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE);
  for (const part of parts) {
    // Length-prefixed so ('ab', 'c') and ('a', 'bc') differ.
    hash.update(`${Buffer.byteLength(part)}:`).update(part);
  }
  const bytes = hash.digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the `index`-th event a command writes to `streamId` under an idempotency seed. */
export function eventIdFor(seed: string, streamId: string, index: number): string {
  return deterministicUuid('event', seed, streamId, String(index));
}
