/** What the lists of escalations, agreements and experiments share: a title search and a policy-domain filter. */

type Params = Record<string, string | number | null>;

/** At most this many words of a search count; more add nothing a person would type into a picker. */
export const MAX_TITLE_SEARCH_WORDS = 8;

const escapeLike = (word: string): string => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Conditions that every word of `search` occurs in `column` (case-insensitively for ASCII, as SQLite's
 * LIKE), with their parameters added to `params`. A blank search adds nothing.
 */
export function titleSearchConditions(column: string, search: string | undefined, params: Params): string[] {
  const words = (search ?? '')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, MAX_TITLE_SEARCH_WORDS);
  return words.map((word, index) => {
    params[`titleWord${index}`] = `%${escapeLike(word)}%`;
    return `${column} LIKE @titleWord${index} ESCAPE '\\'`;
  });
}

/**
 * The ids of escalations with at least one signal in one of the policy domains in the JSON array
 * `@policyDomains` (the signals' current domain, after classification).
 */
export const ESCALATIONS_IN_POLICY_DOMAINS = `SELECT se.escalation_id FROM signals_escalations se
  JOIN signals s ON s.signal_id = se.signal_id
  WHERE s.policy_domain IN (SELECT value FROM json_each(@policyDomains))`;
