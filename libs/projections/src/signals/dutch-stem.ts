import { stemmer } from '@orama/stemmers/dutch';

/** What the full-text index counts as a word: letters, digits and their marks (as unicode61 cuts). */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}+/gu;

const stems = new Map<string, string>();

/**
 * A word as the full-text index stores it: diacritics and case folded, then cut to its Dutch
 * Snowball stem, so "vergunningen" and "vergunning" are one term, and so are "dakopbouwen" and
 * "dakopbouw".
 */
export const stemOf = (word: string): string => {
  let stem = stems.get(word);
  if (stem === undefined) {
    // Words repeat across signals; the cache stays small enough to keep.
    if (stems.size >= 50_000) stems.clear();
    stem = stemmer(foldedWord(word));
    stems.set(word, stem);
  }
  return stem;
};

/** A word with its diacritics and case folded, what a stem is made of (and a typed prefix matched by). */
export const foldedWord = (word: string): string => word.normalize('NFD').replace(MARKS, '').toLowerCase();

/**
 * Text as the full-text index takes it: every word followed by its stem where that differs, so a
 * search finds a word by its stem (another form of it) and by the word itself (a half-typed word
 * such as "vergunni" is no prefix of the stem "vergunn", but is of "vergunning").
 */
export const withStems = (text: string): string =>
  text.replace(WORD, (word) => {
    const stem = stemOf(word);
    return stem === foldedWord(word) ? word : `${word} ${stem}`;
  });

/** The words of a text, in order, as the index would cut them. */
export const wordsOf = (text: string): string[] => text.match(WORD) ?? [];

/**
 * The prefixes a typed word is searched as: its stem (a typed "vergunningen" finds the stem
 * "vergunn" of "vergunning") and the word itself (a half word such as "vergunni" stems to no
 * prefix of it). A prefix another one starts with adds nothing and is left out.
 */
export const searchPrefixesOf = (word: string): string[] => {
  const candidates = [...new Set([stemOf(word), foldedWord(word)])].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const candidate of candidates) {
    if (candidate.length === 0) continue;
    if (!kept.some((prefix) => candidate.startsWith(prefix))) kept.push(candidate);
  }
  return kept;
};
