import { DomainError } from '@praktijklus/domain';
import { DOMAIN_MESSAGES, TERMS } from './domain-messages';
import { fieldLabel } from './field-labels';
import { HTTP_MESSAGES } from './http-messages';
import type { Language } from './language';
import type { Problem, ProblemAnswer } from './problem';
import { HttpProblem } from './problem';
import { type FieldError, type MessageRule, RequestValidationFailed } from './request-validation';
import { RULE_MESSAGES, type Texts } from './rule-messages';

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** The message of a rule or code, or undefined when no catalogue has it. */
export function messageTexts(key: string): Texts | undefined {
  return RULE_MESSAGES[key] ?? DOMAIN_MESSAGES[key] ?? HTTP_MESSAGES[key];
}

/**
 * One message for people: the field's label, then what is wrong with it ("Reageren vóór: kies een
 * moment in de toekomst."), or the sentence alone when it is about no field.
 */
export function localiseRule(language: Language, rule: MessageRule, field?: string): string | undefined {
  const texts = messageTexts(rule.key);
  if (texts === undefined) return undefined;
  const text = fill(texts[language], rule.params ?? {}, language);
  if (field === undefined || field === '' || field === '(body)') return capitalise(text);
  return `${fieldLabel(field, language)}: ${text}`;
}

/**
 * The answer in the reader's language: `detail` and every `errors[].message`, built from the
 * error's code, fields and parameters; `code`, `field`, `type` and `status` stay as they are for
 * programs. Without a language the answer is left as it is.
 */
export function localiseAnswer(
  answer: ProblemAnswer,
  error: unknown,
  language: Language | undefined,
): ProblemAnswer {
  if (language === undefined) return answer;
  const problem = answer.problem;
  const sources = sourceErrorsOf(error, problem);
  const errors = sources.map((source): { field: string; message: string } => ({
    field: source.field,
    message:
      (source.rule ? localiseRule(language, source.rule, source.field) : undefined) ??
      localiseRule(language, { key: problem.code }, source.field) ??
      source.message,
  }));
  const localised: Problem = {
    ...problem,
    detail: detailOf(language, error, problem, errors),
    ...(errors.length > 0 ? { errors } : {}),
  };
  return { ...answer, problem: localised };
}

function sourceErrorsOf(error: unknown, problem: Problem): FieldError[] {
  if (error instanceof RequestValidationFailed || error instanceof HttpProblem) return error.errors ?? [];
  if (error instanceof DomainError && error.field) {
    return [{ field: error.field, message: error.message, rule: { key: error.code, params: error.params } }];
  }
  return problem.errors ?? [];
}

function detailOf(
  language: Language,
  error: unknown,
  problem: Problem,
  errors: ReadonlyArray<{ message: string }>,
): string {
  if (error instanceof DomainError) {
    return localiseRule(language, { key: error.code, params: error.params }, error.field) ?? problem.detail;
  }
  if (problem.code === 'VALIDATION_FAILED' || error instanceof RequestValidationFailed) {
    return summaryOf(language, errors.length);
  }
  if (errors.length > 0) return errors.map((entry) => entry.message).join(' ');
  return localiseRule(language, { key: problem.code }) ?? problem.detail;
}

function summaryOf(language: Language, count: number): string {
  const one = new Intl.PluralRules(LOCALES[language]).select(count) === 'one';
  if (language === 'nl') {
    return count === 0
      ? 'Het verzoek is niet geldig.'
      : `Het verzoek bevat ${count} ${one ? 'fout' : 'fouten'}.`;
  }
  return count === 0 ? 'The request is not valid.' : `The request has ${count} ${one ? 'error' : 'errors'}.`;
}

function fill(
  template: string,
  params: Readonly<Record<string, string | number>>,
  language: Language,
): string {
  return template
    .replace(/ ?\{(\w+)\}/g, (match, name: string) => {
      const value = params[name];
      if (value === undefined) return '';
      return `${match.startsWith(' ') ? ' ' : ''}${shown(name, value, language)}`;
    })
    .replace(/\s+([.,;:])/g, '$1');
}

function shown(name: string, value: string | number, language: Language): string {
  if (typeof value === 'number') return new Intl.NumberFormat(LOCALES[language]).format(value);
  if ((name === 'status' || name === 'outcome') && TERMS[value]) return TERMS[value][language];
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(LOCALES[language], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${value}T00:00:00Z`));
  }
  return value;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
