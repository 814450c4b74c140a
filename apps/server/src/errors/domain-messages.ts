import type { Texts } from './rule-messages';

/**
 * The domain's refusals by their stable `code`, in Dutch and English for people. Parameters come
 * from the error (`DomainError.params`); `{status}` is shown by its name in the web app (TERMS).
 */
export const DOMAIN_MESSAGES: Readonly<Record<string, Texts>> = {
  // Input, shared by every aggregate
  VALIDATION_FAILED: { nl: 'het verzoek is niet geldig.', en: 'the request is not valid.' },
  REQUIRED: { nl: 'vul dit veld in.', en: 'fill in this field.' },
  TOO_SHORT: { nl: 'gebruik minstens {min} tekens.', en: 'use at least {min} characters.' },
  TOO_LONG: { nl: 'gebruik hoogstens {max} tekens.', en: 'use at most {max} characters.' },
  TOO_MANY: { nl: 'noem er hoogstens {max}.', en: 'name at most {max}.' },
  UNKNOWN_VALUE: { nl: 'maak een keuze uit de lijst.', en: 'choose a value from the list.' },
  UNKNOWN_FIELD: { nl: 'dit veld kan niet worden gewijzigd.', en: 'this field cannot be amended.' },
  NO_CHANGES: { nl: 'wijzig minstens één veld.', en: 'change at least one field.' },
  OUT_OF_RANGE: { nl: 'vul een getal van {min} tot {max} in.', en: 'enter a number from {min} to {max}.' },
  LONE_SURROGATE: {
    nl: 'bevat een half teken (een losse surrogaathelft).',
    en: 'holds half a character (a lone surrogate).',
  },
  CONTROL_CHARACTER: {
    nl: 'bevat een stuurteken of een regeleinde dat hier niet mag.',
    en: 'holds a control character or a line break not allowed here.',
  },
  BIDI_CONTROL: {
    nl: 'bevat een teken dat de schrijfrichting omdraait.',
    en: 'holds a bidirectional override character.',
  },
  PRIVATE_USE: { nl: 'bevat een teken voor eigen gebruik.', en: 'holds a private-use character.' },
  INVALID_DATE: { nl: 'vul een geldige datum in (JJJJ-MM-DD).', en: 'enter a valid date (YYYY-MM-DD).' },
  INVALID_DATE_TIME: {
    nl: 'vul een geldig tijdstip in, met tijdzone.',
    en: 'enter a valid date and time with its offset.',
  },
  DATE_OUT_OF_RANGE: {
    nl: 'kies een datum van {from} tot en met {to}.',
    en: 'choose a date from {from} to {to}.',
  },
  TOO_FAR_AHEAD: {
    nl: 'mag hoogstens {years} jaar vooruit liggen.',
    en: 'may lie at most {years} years ahead.',
  },
  UNKNOWN_AUTHORITY: { nl: '{id} is geen bekende overheid.', en: '{id} is not a known authority.' },
  UNKNOWN_POLICY_DOMAIN: {
    nl: '{id} is geen bekend beleidsterrein.',
    en: '{id} is not a known policy domain.',
  },
  ROLE_NOT_ALLOWED: { nl: 'uw rol mag dit niet doen.', en: 'your role may not do this.' },
  SYSTEM_ONLY: {
    nl: 'dit legt alleen het platform zelf vast.',
    en: 'only the platform itself records this.',
  },
  // Signals
  EMPTY_CLASSIFICATION: {
    nl: 'kies minstens één thema of een beleidsterrein.',
    en: 'choose at least one theme or a policy domain.',
  },
  SIGNAL_NOT_FOUND: {
    nl: 'dit signaal bestaat niet of u mag het niet inzien.',
    en: 'this signal does not exist or you may not see it.',
  },
  SIGNAL_ALREADY_RECORDED: {
    nl: 'dit signaal is al vastgelegd.',
    en: 'this signal has already been recorded.',
  },
  SIGNAL_WITHDRAWN: { nl: 'signaal {id} is ingetrokken.', en: 'signal {id} has been withdrawn.' },
  NOT_REPORTING_AUTHORITY: {
    nl: 'alleen de organisatie die het signaal meldde mag dit doen.',
    en: 'only the authority that reported the signal may do this.',
  },
  OBSERVED_IN_FUTURE: { nl: 'mag niet in de toekomst liggen.', en: 'cannot lie in the future.' },
  CONFLICTING_NORMS_NEED_TWO_NORMS: {
    nl: 'noem bij tegenstrijdige normen minstens twee verschillende normen.',
    en: 'name at least two different norms for conflicting norms.',
  },
  UNCLEAR_AUTHORITY_NEEDS_TWO_AUTHORITIES: {
    nl: 'noem bij onduidelijk bevoegd gezag minstens twee overheden.',
    en: 'name at least two authorities for an unclear competent authority.',
  },
  UNKNOWN_SIGNAL: { nl: 'er is geen signaal {id}.', en: 'there is no signal {id}.' },
  DUPLICATE_OF_ITSELF: {
    nl: 'een signaal is nooit een dubbel van zichzelf.',
    en: 'a signal is never a duplicate of itself.',
  },
  DUPLICATE_TARGET_WITHDRAWN: { nl: 'signaal {id} is ingetrokken.', en: 'signal {id} has been withdrawn.' },
  DUPLICATE_TARGET_IS_DUPLICATE: {
    nl: 'signaal {id} is zelf een dubbel van {original}; kies het oorspronkelijke signaal.',
    en: 'signal {id} is itself a duplicate of {original}; choose the original.',
  },
  SIGNAL_ALREADY_DUPLICATE: {
    nl: 'dit signaal is al een dubbel van {id}.',
    en: 'this signal is already a duplicate of {id}.',
  },
  PERSONAL_DATA_NOT_VISIBLE: {
    nl: 'alleen uitvoerders en bestuurders van de melder zien de persoonsgegevens van een initiatief.',
    en: "only the reporting authority's officers and administrators see an initiative's personal data.",
  },
  FOLLOW_LINK_NOT_FOUND: {
    nl: 'deze volglink is onbekend of niet meer geldig.',
    en: 'this follow link is unknown or no longer valid.',
  },
  FOLLOW_LINK_NOT_ALLOWED: {
    nl: 'alleen uitvoerders en bestuurders van de melder beheren volglinks.',
    en: "only the reporting authority's officers and administrators manage follow links.",
  },
  // Escalations
  ESCALATION_NOT_FOUND: {
    nl: 'deze escalatie bestaat niet of u mag haar niet inzien.',
    en: 'this escalation does not exist or you may not see it.',
  },
  ESCALATION_ALREADY_RAISED: {
    nl: 'deze escalatie is al ingediend.',
    en: 'this escalation has already been raised.',
  },
  ESCALATION_NOT_ACKNOWLEDGED: {
    nl: 'dit kan pas als de escalatie in behandeling is; ze heeft de status ‘{status}’.',
    en: 'this needs the escalation to be acknowledged first; its status is ‘{status}’.',
  },
  ESCALATION_NOT_DECIDED: {
    nl: 'dit kan pas na een besluit over de escalatie; ze heeft de status ‘{status}’.',
    en: 'this needs a decision on the escalation first; its status is ‘{status}’.',
  },
  ESCALATION_NOT_RESOLVED: {
    nl: 'dit kan pas als de escalatie is afgehandeld; ze heeft de status ‘{status}’.',
    en: 'this needs the escalation to be resolved first; its status is ‘{status}’.',
  },
  ESCALATION_ALREADY_ACKNOWLEDGED: {
    nl: 'dit kan niet meer: de escalatie heeft de status ‘{status}’.',
    en: 'this is no longer possible: the escalation’s status is ‘{status}’.',
  },
  ESCALATION_ALREADY_DECIDED: {
    nl: 'dit kan niet meer: de escalatie heeft de status ‘{status}’.',
    en: 'this is no longer possible: the escalation’s status is ‘{status}’.',
  },
  ESCALATION_ALREADY_RESOLVED: {
    nl: 'dit kan niet meer: de escalatie heeft de status ‘{status}’.',
    en: 'this is no longer possible: the escalation’s status is ‘{status}’.',
  },
  RESPOND_BY_NOT_IN_FUTURE: { nl: 'kies een moment in de toekomst.', en: 'choose a moment in the future.' },
  RESPOND_BY_TOO_FAR: {
    nl: 'mag hoogstens {years} jaar vooruit liggen.',
    en: 'may lie at most {years} years ahead.',
  },
  NO_SIGNALS: { nl: 'kies minstens één signaal.', en: 'choose at least one signal.' },
  NOT_ADDRESSED_AUTHORITY: {
    nl: 'alleen de overheid waaraan de escalatie is gericht mag dit doen.',
    en: 'only the authority the escalation is addressed to may do this.',
  },
  NOT_ADDRESSED_OR_RAISING_AUTHORITY: {
    nl: 'alleen de geadresseerde of de aankaartende overheid mag een andere overheid betrekken.',
    en: 'only the addressed or the raising authority may involve another authority.',
  },
  NOT_INVOLVED_AUTHORITY: {
    nl: 'alleen een betrokken overheid mag signalen toevoegen.',
    en: 'only an involved authority may attach signals.',
  },
  NOT_RAISING_AUTHORITY: {
    nl: 'alleen de overheid die de escalatie aankaartte mag haar heropenen.',
    en: 'only the raising authority may reopen the escalation.',
  },
  AUTHORITY_ALREADY_INVOLVED: { nl: '{authority} is al betrokken.', en: '{authority} is already involved.' },
  SIGNALS_ALREADY_ATTACHED: {
    nl: 'elk gekozen signaal hoort al bij de escalatie.',
    en: 'every chosen signal is already attached.',
  },
  TRANSFER_TO_ADDRESSED_AUTHORITY: {
    nl: 'stuur door naar een andere overheid dan de huidige geadresseerde.',
    en: 'transfer to another authority than the one addressed now.',
  },
  CHAIN_LOOPS: {
    nl: 'de volgende overheid in de keten is de overheid waarop al wordt gewacht.',
    en: 'the next authority in the chain is the one already awaited.',
  },
  // Agreements
  AGREEMENT_NOT_FOUND: { nl: 'deze afspraak bestaat niet.', en: 'this agreement does not exist.' },
  AGREEMENT_ALREADY_MADE: { nl: 'deze afspraak is al gemaakt.', en: 'this agreement has already been made.' },
  AGREEMENT_CLOSED: {
    nl: 'de afspraak is afgesloten (‘{status}’); er verandert niets meer.',
    en: 'the agreement is closed (‘{status}’); nothing changes any more.',
  },
  NOT_AGREEMENT_OWNER: {
    nl: 'alleen de eigenaar van de afspraak mag dit doen.',
    en: 'only the owner of the agreement may do this.',
  },
  OWNER_NOT_OWN_AUTHORITY: {
    nl: 'de eigenaar moet uw eigen organisatie zijn.',
    en: 'the owner must be your own authority.',
  },
  DUE_NOT_AFTER_MADE: { nl: 'moet na vandaag liggen.', en: 'must lie after today.' },
  FOLLOW_UP_BEFORE_MADE: { nl: 'mag niet vóór vandaag liggen.', en: 'cannot lie before today.' },
  FOLLOW_UP_AFTER_DUE: {
    nl: 'mag niet na de datum ‘Gereed op’ liggen.',
    en: 'cannot lie after the due date.',
  },
  UNKNOWN_ESCALATION: { nl: 'er is geen escalatie {id}.', en: 'there is no escalation {id}.' },
  PERCENT_OUT_OF_RANGE: {
    nl: 'vul een geheel getal van 0 tot 100 in.',
    en: 'enter a whole number from 0 to 100.',
  },
  NOT_A_PARTY: {
    nl: 'alleen een partij bij de afspraak mag een terugkomgesprek vastleggen.',
    en: 'only a party to the agreement may record a follow-up.',
  },
  HELD_IN_FUTURE: { nl: 'mag niet in de toekomst liggen.', en: 'cannot lie in the future.' },
  HELD_BEFORE_AGREEMENT: {
    nl: 'mag niet liggen vóór de dag waarop de afspraak is gemaakt.',
    en: 'cannot lie before the day the agreement was made.',
  },
  NEXT_FOLLOW_UP_NOT_AFTER_HELD: {
    nl: 'moet na de datum ‘Gehouden op’ liggen.',
    en: 'must lie after the date held on.',
  },
  // Experiments
  EXPERIMENT_NOT_FOUND: { nl: 'dit experiment bestaat niet.', en: 'this experiment does not exist.' },
  EXPERIMENT_ALREADY_STARTED: {
    nl: 'dit experiment is al gestart.',
    en: 'this experiment has already been started.',
  },
  NOT_EXPERIMENT_OWNER: {
    nl: 'alleen de eigenaar van het experiment mag dit doen.',
    en: 'only the owner of the experiment may do this.',
  },
  EXPERIMENT_CLOSED: { nl: 'het experiment is afgesloten.', en: 'the experiment is closed.' },
  NOT_DECIDING_AUTHORITY: {
    nl: 'alleen de overheid die over de escalatie besloot mag dit doen.',
    en: 'only the authority that decided the escalation may do this.',
  },
  EXPERIMENT_NOT_GRANTED: {
    nl: 'over deze escalatie is niet besloten tot een experiment.',
    en: 'this escalation was not decided with an experiment granted.',
  },
  ENDS_NOT_AFTER_START: {
    nl: 'de einddatum mag niet vóór de begindatum liggen.',
    en: 'the end date may not lie before the start date.',
  },
  EXTENSION_NOT_LATER: {
    nl: 'moet na de huidige einddatum ({date}) liggen.',
    en: 'must lie after the current end date ({date}).',
  },
  EXPERIMENT_ALREADY_EVALUATED: {
    nl: 'het experiment is al geëvalueerd.',
    en: 'the experiment has already been evaluated.',
  },
  EXPERIMENT_NOT_EVALUATED: {
    nl: 'evalueer het experiment voordat u het afsluit.',
    en: 'evaluate the experiment before closing it.',
  },
  // Policy changes
  POLICY_CHANGE_NOT_FOUND: {
    nl: 'deze beleidswijziging bestaat niet.',
    en: 'this policy change does not exist.',
  },
  POLICY_CHANGE_ALREADY_RECORDED: {
    nl: 'deze beleidswijziging is al vastgelegd.',
    en: 'this policy change has already been recorded.',
  },
  NOT_POLICY_CHANGE_OWNER: {
    nl: 'alleen de organisatie die de beleidswijziging vastlegde mag dit doen.',
    en: 'only the authority that recorded the policy change may do this.',
  },
  POLICY_CHANGE_WITHDRAWN: {
    nl: 'de beleidswijziging is ingetrokken.',
    en: 'the policy change has been withdrawn.',
  },
  POLICY_NOT_ADJUSTED: {
    nl: 'over escalatie {id} is niet besloten tot een beleidsaanpassing.',
    en: 'escalation {id} was not decided with a policy adjustment.',
  },
  // Case files
  CASE_NOT_FOUND: {
    nl: 'dit dossier bestaat niet of u mag het niet inzien.',
    en: 'this case file does not exist or you may not see it.',
  },
  CASE_ALREADY_CREATED: { nl: 'dit dossier bestaat al.', en: 'this case file already exists.' },
  NOT_INVOLVED: {
    nl: 'uw organisatie moet minstens één van de signalen hebben gemeld.',
    en: 'your authority must have reported at least one of the signals.',
  },
  SIGNALS_ALREADY_IN_CASE: {
    nl: 'elk gekozen signaal zit al in het dossier.',
    en: 'every chosen signal is in the case file already.',
  },
  // Subscriptions
  URL_OR_EMAIL: {
    nl: 'vul óf een webhook-adres óf een e-mailadres in.',
    en: 'give either a webhook address or an e-mail address.',
  },
  EMAIL_NOT_CONFIGURED: { nl: 'deze server verstuurt geen e-mail.', en: 'this server sends no e-mail.' },
  WEBHOOK_URL_REFUSED: {
    nl: 'dit adres wordt niet aangeroepen (geen https, of een intern netwerkadres).',
    en: 'this address is not called (not https, or an internal network address).',
  },
  SUBSCRIPTION_NOT_FOUND: { nl: 'dit abonnement bestaat niet.', en: 'this subscription does not exist.' },
  // Views: filters and paging
  INVALID_PERIOD: {
    nl: 'de einddatum mag niet vóór de begindatum liggen.',
    en: 'the end date may not lie before the start date.',
  },
  INVALID_CURSOR: {
    nl: 'deze positie in de lijst is onbekend; begin opnieuw.',
    en: 'this position in the list is unknown; start again.',
  },
  INVALID_PAGE_SIZE: {
    nl: 'vul een geheel getal van minstens 0 in.',
    en: 'enter a whole number of at least 0.',
  },
  FIRST_AND_LAST: {
    nl: 'vraag de eerste óf de laatste, niet allebei.',
    en: 'ask for the first or the last, not both.',
  },
  INVALID_WINDOW: {
    nl: 'vul een geheel getal van 1 tot {max} in.',
    en: 'enter a whole number from 1 to {max}.',
  },
  INVALID_DIMENSION: { nl: 'hier kan niet op worden gegroepeerd.', en: 'this cannot be grouped on.' },
  TOO_MANY_DIMENSIONS: {
    nl: 'groepeer op hoogstens {max} kenmerken tegelijk.',
    en: 'group on at most {max} dimensions at a time.',
  },
  TOO_MANY_GROUPS: {
    nl: 'het antwoord zou meer dan {max} groepen hebben: groepeer op minder kenmerken, een grovere periode of een smaller filter.',
    en: 'the answer would have more than {max} groups: group on fewer dimensions, a coarser period or a narrower filter.',
  },
  INVALID_BUCKET: { nl: 'onbekende periode.', en: 'unknown period.' },
};

/** Status and outcome values as the web app names them, for `{status}` and `{outcome}`. */
export const TERMS: Readonly<Record<string, Texts>> = {
  RAISED: { nl: 'Aangekaart', en: 'Raised' },
  ACKNOWLEDGED: { nl: 'In behandeling', en: 'Acknowledged' },
  DECIDED: { nl: 'Besloten', en: 'Decided' },
  RESOLVED: { nl: 'Afgehandeld', en: 'Resolved' },
  OPEN: { nl: 'Lopend', en: 'Open' },
  FULFILLED: { nl: 'Nagekomen', en: 'Fulfilled' },
  UNMET: { nl: 'Niet nagekomen', en: 'Unmet' },
  CANCELLED: { nl: 'Geannuleerd', en: 'Cancelled' },
  RUNNING: { nl: 'Lopend', en: 'Running' },
  EVALUATED: { nl: 'Geëvalueerd', en: 'Evaluated' },
  CLOSED: { nl: 'Afgesloten', en: 'Closed' },
  WITHDRAWN: { nl: 'Ingetrokken', en: 'Withdrawn' },
  RECORDED: { nl: 'Vastgelegd', en: 'Recorded' },
};
