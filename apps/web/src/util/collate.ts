import type { Language } from '../i18n/messages';

const COLLATORS: Record<Language, Intl.Collator> = {
  nl: new Intl.Collator('nl', { sensitivity: 'base', numeric: true }),
  en: new Intl.Collator('en', { sensitivity: 'base', numeric: true }),
};

/** Compares two names as a reader of the language orders them ('s-Hertogenbosch, IJssel, accents). */
export const compareNames = (language: Language, a: string, b: string): number =>
  COLLATORS[language].compare(a, b);

/** A copy of the items in the order of their names in the reader's language. */
export function sortByName<T>(items: readonly T[], nameOf: (item: T) => string, language: Language): T[] {
  return [...items].sort((a, b) => compareNames(language, nameOf(a), nameOf(b)));
}

/** Select options (`{ value, label }`) in the order of their labels in the reader's language. */
export const byLabel = <O extends { label: string }>(options: readonly O[], language: Language): O[] =>
  sortByName(options, (option) => option.label, language);
