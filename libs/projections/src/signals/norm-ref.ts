import type { NormReference } from '@praktijklus/domain';

/** A norm ref as shown: trimmed, inner whitespace collapsed to one space. */
export const tidyNormRef = (ref: string): string => ref.trim().replace(/\s+/g, ' ');

/**
 * A norm ref as read models match it: tidied and case-folded, so "bbl art. 4.101" and
 * "Bbl  art. 4.101" are one norm (shown as first spelled).
 */
export const normaliseNormRef = (ref: string): string => tidyNormRef(ref).toLowerCase();

/** The distinct normalised refs a signal names, in the order first named, empty ones left out. */
export const distinctNormRefs = (norms: readonly NormReference[]): string[] => [
  ...new Set(norms.map((norm) => normaliseNormRef(norm.ref)).filter((ref) => ref.length > 0)),
];
