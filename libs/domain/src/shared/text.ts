/**
 * The one set of rules for text people write, used by the deciders and by the HTTP edge: a single
 * line (titles, names, codes) or prose (descriptions, reasons), both in Unicode NFC.
 */
export type TextKind = 'line' | 'prose';

export type TextFaultCode = 'LONE_SURROGATE' | 'CONTROL_CHARACTER' | 'BIDI_CONTROL' | 'PRIVATE_USE';

export interface TextFault {
  code: TextFaultCode;
  message: string;
}

// A lone half of a surrogate pair has no character: JSON and GraphQL serialise it differently.
const LONE_SURROGATE = /\p{Cs}/u;
// Prose keeps tab, line feed and carriage return; a single line keeps none, nor U+2028/U+2029.
const PROSE_CONTROL = /[^\P{Cc}\t\n\r]/u;
const LINE_CONTROL = /[\p{Cc}\u2028\u2029]/u;
// Embeddings, overrides and isolates reorder what a reader sees ("Trojan Source").
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
// Private-use code points have no public meaning; the search index reserves them for itself.
const PRIVATE_USE = /\p{Co}/u;
// What renders as nothing: white space, default-ignorable code points (zero-width spaces and
// joiners, soft hyphen, fillers, variation selectors, ...) and the blank Braille pattern.
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]/gu;

const FAULTS: ReadonlyArray<[TextFaultCode, (kind: TextKind) => RegExp, string]> = [
  ['LONE_SURROGATE', () => LONE_SURROGATE, 'holds half of a UTF-16 surrogate pair'],
  [
    'CONTROL_CHARACTER',
    (kind) => (kind === 'line' ? LINE_CONTROL : PROSE_CONTROL),
    'holds a control character',
  ],
  ['BIDI_CONTROL', () => BIDI_CONTROL, 'holds a bidirectional embedding, override or isolate'],
  ['PRIVATE_USE', () => PRIVATE_USE, 'holds a private-use character'],
];

/** The first rule this text breaks, or undefined when it breaks none. */
export const textFault = (value: string, kind: TextKind): TextFault | undefined => {
  for (const [code, pattern, problem] of FAULTS) {
    if (pattern(kind).test(value)) {
      const detail = code === 'CONTROL_CHARACTER' && kind === 'line' ? ' or a line break' : '';
      return { code, message: `${problem}${detail}` };
    }
  }
  return undefined;
};

/** Canonical composition, so `é` typed one way or the other is stored, counted and found the same. */
export const normaliseText = (value: string): string => value.normalize('NFC');

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** True when nothing of the text would show: empty, white space or invisible characters only. */
export const isBlankText = (value: string): boolean => value.replace(INVISIBLE, '') === '';

/** The length a minimum is judged on: invisible characters and surrounding white space not counted. */
export const visibleLength = (value: string): number => value.replace(IGNORABLE, '').trim().length;
