import type { NormReference } from '@praktijklus/domain';

/** A norm ref as read models compare it: trimmed, inner whitespace collapsed to one space. */
export const normaliseNormRef = (ref: string): string => ref.trim().replace(/\s+/g, ' ');

/** The distinct normalised refs a signal names, in the order first named, empty ones left out. */
export const distinctNormRefs = (norms: readonly NormReference[]): string[] => [
  ...new Set(norms.map((norm) => normaliseNormRef(norm.ref)).filter((ref) => ref.length > 0)),
];
