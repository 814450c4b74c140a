import { foldedWord, stemOf } from './dutch-stem';

/** A piece of a snippet: text as written, and whether it is a word the search matched. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** Words shown before the first match, and at most in all. */
const LEAD_WORDS = 8;
const MAX_WORDS = 30;
const ELLIPSIS = '…';

/** Whether a word of the text is one the search found: it or its stem starts with a prefix searched. */
export const wordMatches = (word: string, prefixes: readonly string[]): boolean => {
  const folded = foldedWord(word);
  const stem = stemOf(word);
  return prefixes.some((prefix) => folded.startsWith(prefix) || stem.startsWith(prefix));
};

interface Word {
  start: number;
  end: number;
  match: boolean;
}

const snippetOf = (text: string, prefixes: readonly string[]): SnippetPart[] | null => {
  const words: Word[] = [];
  for (const found of text.matchAll(WORD)) {
    const start = found.index;
    words.push({ start, end: start + found[0].length, match: wordMatches(found[0], prefixes) });
  }
  const first = words.findIndex((word) => word.match);
  if (first === -1) return null;
  const from = Math.max(0, first - LEAD_WORDS);
  const to = Math.min(words.length, from + MAX_WORDS);
  const parts: SnippetPart[] = [];
  const push = (part: string, match: boolean): void => {
    if (part.length === 0) return;
    const last = parts.at(-1);
    if (last !== undefined && last.match === match) last.text += part;
    else parts.push({ text: part, match });
  };
  if (from > 0) push(ELLIPSIS, false);
  let at = from === 0 ? 0 : words[from].start;
  for (const word of words.slice(from, to)) {
    push(text.slice(at, word.start), false);
    push(text.slice(word.start, word.end), word.match);
    at = word.end;
  }
  if (to < words.length) push(` ${ELLIPSIS}`, false);
  else push(text.slice(at), false);
  return parts;
};

/**
 * Why a signal matched a search: a passage of the first text holding a searched word (its other
 * forms included), cut into plain text and matched words, as written; null when none holds one.
 * Plain parts, never markup: a client renders them as text.
 */
export const searchSnippet = (
  texts: readonly string[],
  prefixes: readonly string[],
): SnippetPart[] | null => {
  if (prefixes.length === 0) return null;
  for (const text of texts) {
    const snippet = snippetOf(text, prefixes);
    if (snippet !== null) return snippet;
  }
  return null;
};
