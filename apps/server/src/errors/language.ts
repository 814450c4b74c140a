/** The languages people read the server's messages in. */
export type Language = 'nl' | 'en';

export const LANGUAGES: readonly Language[] = ['nl', 'en'];

/**
 * The language an `Accept-Language` header prefers among Dutch and English (RFC 9110 §12.5.4:
 * the highest q-value wins, the first of equals; `nl-NL` counts as `nl`), or undefined when it
 * names neither (no header, `*`, only other languages). Undefined keeps the messages written for
 * programs: English naming each field by its JSON path.
 */
export function languageOf(header: string | string[] | undefined): Language | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.length > 1000) return undefined;
  let best: { language: Language; q: number } | undefined;
  for (const part of value.split(',')) {
    const [range, ...parameters] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    if (primary !== 'nl' && primary !== 'en') continue;
    const q = qualityOf(parameters);
    if (q > 0 && (best === undefined || q > best.q)) best = { language: primary, q };
  }
  return best?.language;
}

/** The q-value of one language range: 1 without one, 0 (not acceptable) for a malformed one. */
function qualityOf(parameters: string[]): number {
  for (const parameter of parameters) {
    if (!/^\s*q\s*=/i.test(parameter)) continue;
    const match = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(parameter);
    return match ? Math.min(1, Number(match[1])) : 0;
  }
  return 1;
}
