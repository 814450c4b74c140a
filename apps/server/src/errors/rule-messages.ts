import type { Language } from './language';

/**
 * A message in Dutch and English. `{name}` marks a parameter; a message about a field follows its
 * label ("Reageren vóór: moet in de toekomst liggen."), so it starts in lower case.
 */
export type Texts = Readonly<Record<Language, string>>;

/**
 * Every class-validator constraint the request DTOs use, by the name class-validator reports
 * (`constraints` keys), plus the ones the validation pipe adds itself (unknown fields, nesting).
 */
export const RULE_MESSAGES: Readonly<Record<string, Texts>> = {
  isDefined: { nl: 'vul dit veld in.', en: 'fill in this field.' },
  isString: { nl: 'moet tekst zijn.', en: 'must be text.' },
  isLineOfText: {
    nl: 'moet één regel tekst zijn, zonder stuurtekens, richtingstekens of tekens voor eigen gebruik.',
    en: 'must be one line of text, without control, bidirectional-override or private-use characters.',
  },
  minLength: { nl: 'gebruik minstens {min} tekens.', en: 'use at least {min} characters.' },
  maxLength: { nl: 'gebruik hoogstens {max} tekens.', en: 'use at most {max} characters.' },
  isLength: {
    nl: 'gebruik {min} tot {max} tekens.',
    en: 'use {min} to {max} characters.',
  },
  matches: { nl: 'heeft niet de juiste vorm (geen spaties).', en: 'is not in the right form (no spaces).' },
  isArray: { nl: 'moet een lijst zijn.', en: 'must be a list.' },
  arrayMinSize: { nl: 'kies er minstens {min}.', en: 'choose at least {min}.' },
  arrayMaxSize: { nl: 'kies er hoogstens {max}.', en: 'choose at most {max}.' },
  arrayUnique: { nl: 'noem elke waarde één keer.', en: 'name every value once.' },
  isIn: { nl: 'maak een keuze uit de lijst.', en: 'choose a value from the list.' },
  isEnum: { nl: 'maak een keuze uit de lijst.', en: 'choose a value from the list.' },
  isUuid: {
    nl: 'is geen geldig id (een UUID zoals 3f2b8c1e-6d4a-4b7e-9c1d-2a5e8f7b6c4d).',
    en: 'is not a valid id (a UUID such as 3f2b8c1e-6d4a-4b7e-9c1d-2a5e8f7b6c4d).',
  },
  isObject: { nl: 'moet een samengesteld gegeven zijn.', en: 'must be an object.' },
  nestedValidation: { nl: 'moet een samengesteld gegeven zijn.', en: 'must be an object.' },
  isBoolean: { nl: 'moet ja of nee zijn.', en: 'must be yes or no.' },
  isInt: { nl: 'vul een geheel getal in.', en: 'enter a whole number.' },
  isNumber: { nl: 'vul een getal in.', en: 'enter a number.' },
  min: { nl: 'vul een getal van minstens {min} in.', en: 'enter a number of at least {min}.' },
  max: { nl: 'vul een getal van hoogstens {max} in.', en: 'enter a number of at most {max}.' },
  isUrl: { nl: 'vul een geldig webadres in (https://…).', en: 'enter a valid web address (https://…).' },
  isEmail: { nl: 'vul een geldig e-mailadres in.', en: 'enter a valid e-mail address.' },
  isIsoDate: { nl: 'vul een geldige datum in (JJJJ-MM-DD).', en: 'enter a valid date (YYYY-MM-DD).' },
  isDateString: { nl: 'vul een geldige datum in (JJJJ-MM-DD).', en: 'enter a valid date (YYYY-MM-DD).' },
  isISO8601: { nl: 'vul een geldige datum in (JJJJ-MM-DD).', en: 'enter a valid date (YYYY-MM-DD).' },
  isIsoDateTime: {
    nl: 'vul een geldig tijdstip in, met tijdzone (bijvoorbeeld 2026-04-01T17:00:00+02:00).',
    en: 'enter a valid date and time with its offset (for example 2026-04-01T17:00:00+02:00).',
  },
  isIsoDateOrDateTime: {
    nl: 'vul een geldige datum (JJJJ-MM-DD) of een tijdstip met tijdzone in.',
    en: 'enter a valid date (YYYY-MM-DD) or a date and time with its offset.',
  },
  integerRange: {
    nl: 'vul een geheel getal van {min} tot {max} in.',
    en: 'enter a whole number from {min} to {max}.',
  },
  pageWindow: {
    nl: 'een pagina heeft één kant: gebruik first met after, of last met before.',
    en: 'a page has one end: use first with after, or last with before.',
  },
  emptyBody: { nl: 'stuur geen inhoud, of {}.', en: 'send no body, or {}.' },
  whitelistValidation: { nl: 'dit veld bestaat niet.', en: 'this field does not exist.' },
  unknownValue: {
    nl: 'het verzoek heeft niet de verwachte vorm.',
    en: 'the request is not of the expected form.',
  },
};

/** What a constraint's arguments (class-validator metadata `constraints`) are called in its message. */
export const RULE_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  minLength: ['min'],
  maxLength: ['max'],
  isLength: ['min', 'max'],
  arrayMinSize: ['min'],
  arrayMaxSize: ['max'],
  min: ['min'],
  max: ['max'],
};
