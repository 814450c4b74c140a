import type { Language } from './language';

/**
 * The name people know a request field by, as the web app's forms label it, in Dutch and English.
 * Keyed by the field's last segment (`respondBy`); where a segment means something else under a
 * parent, by the path without indices (`norms.title`). `{n}` is the 1-based position in a list.
 */
export const FIELD_LABELS: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  // Signals
  type: { nl: 'Soort signaal', en: 'Type of signal' },
  title: { nl: 'Titel', en: 'Title' },
  description: { nl: 'Beschrijving', en: 'Description' },
  policyDomain: { nl: 'Beleidsterrein', en: 'Policy domain' },
  level: { nl: 'Niveau', en: 'Level' },
  initiativeKind: { nl: 'Soort initiatief', en: 'Kind of initiative' },
  observedAt: { nl: 'Datum waargenomen', en: 'Date observed' },
  authorities: { nl: 'Betrokken overheden', en: 'Authorities involved' },
  norms: { nl: 'Normen (regels)', en: 'Norms (rules)' },
  ref: { nl: 'Verwijzing norm {n}', en: 'Reference of norm {n}' },
  'norms.ref': { nl: 'Verwijzing norm {n}', en: 'Reference of norm {n}' },
  'norms.title': { nl: 'Omschrijving norm {n}', en: 'Description of norm {n}' },
  initiative: { nl: 'Initiatief', en: 'Initiative' },
  name: { nl: 'Naam', en: 'Name' },
  'initiative.name': { nl: 'Naam initiatiefnemer', en: 'Name of the initiator' },
  contact: { nl: 'Contactgegevens', en: 'Contact details' },
  location: { nl: 'Locatie', en: 'Location' },
  municipality: { nl: 'Gemeente (plaats)', en: 'Municipality (place)' },
  lat: { nl: 'Breedtegraad', en: 'Latitude' },
  lon: { nl: 'Lengtegraad', en: 'Longitude' },
  themes: { nl: 'Thema’s', en: 'Themes' },
  signalId: { nl: 'Oorspronkelijk signaal', en: 'Original signal' },
  signalIds: { nl: 'Signalen', en: 'Signals' },
  // Escalations
  reason: { nl: 'Reden', en: 'Reason' },
  addressedTo: { nl: 'Gericht aan (bevoegd gezag)', en: 'Addressed to (competent authority)' },
  respondBy: { nl: 'Reageren vóór', en: 'Respond by' },
  note: { nl: 'Toelichting', en: 'Note' },
  authority: { nl: 'Overheid', en: 'Authority' },
  to: { nl: 'Doorsturen naar', en: 'Transfer to' },
  outcome: { nl: 'Uitkomst', en: 'Outcome' },
  rationale: { nl: 'Onderbouwing', en: 'Rationale' },
  summary: { nl: 'Samenvatting', en: 'Summary' },
  raisedBy: { nl: 'Aangekaart door', en: 'Raised by' },
  // Agreements
  escalationId: { nl: 'Escalatie', en: 'Escalation' },
  escalationIds: { nl: 'Escalaties', en: 'Escalations' },
  commitment: { nl: 'Toezegging', en: 'Commitment' },
  owner: { nl: 'Eigenaar', en: 'Owner' },
  parties: { nl: 'Partijen', en: 'Parties' },
  party: { nl: 'Partij', en: 'Party' },
  dueBy: { nl: 'Gereed op', en: 'Due by' },
  firstFollowUpOn: { nl: 'Eerste terugkomgesprek', en: 'First follow-up' },
  percent: { nl: 'Percentage gereed', en: 'Percentage done' },
  heldOn: { nl: 'Gehouden op', en: 'Held on' },
  assessment: { nl: 'Beoordeling', en: 'Assessment' },
  notes: { nl: 'Verslag', en: 'Notes' },
  nextFollowUpOn: { nl: 'Volgend terugkomgesprek op', en: 'Next follow-up on' },
  result: { nl: 'Resultaat of reden', en: 'Result or reason' },
  followUpOverdue: { nl: 'Terugkomgesprek te laat', en: 'Follow-up overdue' },
  // Experiments
  hypothesis: { nl: 'Hypothese', en: 'Hypothesis' },
  legalRoute: { nl: 'Juridische route', en: 'Legal route' },
  startsOn: { nl: 'Begindatum', en: 'Start date' },
  endsOn: { nl: 'Einddatum', en: 'End date' },
  conclusion: { nl: 'Conclusie', en: 'Conclusion' },
  policyConsequence: { nl: 'Gevolg voor beleid', en: 'Consequence for policy' },
  // Policy changes and case files
  effectiveOn: { nl: 'Ingangsdatum', en: 'Effective on' },
  // Sign-in, follow links and subscriptions
  sub: { nl: 'Gebruikers-id', en: 'User id' },
  roles: { nl: 'Rol', en: 'Role' },
  expiresInDays: { nl: 'Geldig (dagen)', en: 'Valid for (days)' },
  url: { nl: 'Webhook-adres', en: 'Webhook address' },
  email: { nl: 'E-mailadres', en: 'E-mail address' },
  types: { nl: 'Soorten', en: 'Types' },
  id: { nl: 'Id', en: 'Id' },
  // Filters, search and paging
  statuses: { nl: 'Status', en: 'Status' },
  overdue: { nl: 'Te laat', en: 'Overdue' },
  policyDomains: { nl: 'Beleidsterreinen', en: 'Policy domains' },
  governmentLayers: { nl: 'Bestuurslagen', en: 'Layers of government' },
  layer: { nl: 'Bestuurslaag', en: 'Layer of government' },
  levels: { nl: 'Niveaus', en: 'Levels' },
  initiativeKinds: { nl: 'Soorten initiatief', en: 'Kinds of initiative' },
  observedFrom: { nl: 'Waargenomen vanaf', en: 'Observed from' },
  observedTo: { nl: 'Waargenomen tot en met', en: 'Observed up to' },
  search: { nl: 'Zoeken', en: 'Search' },
  text: { nl: 'Tekst', en: 'Text' },
  normRefs: { nl: 'Normen', en: 'Norms' },
  groupBy: { nl: 'Groeperen op', en: 'Group by' },
  bucket: { nl: 'Periode', en: 'Period' },
  windowDays: { nl: 'Venster (dagen)', en: 'Window (days)' },
  first: { nl: 'Aantal', en: 'Number' },
  last: { nl: 'Aantal', en: 'Number' },
  after: { nl: 'Vanaf', en: 'After' },
  before: { nl: 'Tot', en: 'Before' },
  from: { nl: 'Vanaf', en: 'From' },
};

/**
 * The label of a field path such as `norms[1].title` ("Omschrijving norm 2"), or the path itself
 * when the catalogue has none.
 */
export function fieldLabel(path: string, language: Language): string {
  const indices = [...path.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]) + 1);
  const bare = path.replace(/\[\d+\]/g, '');
  const segments = bare.split('.');
  const last = segments[segments.length - 1];
  const qualified = segments.length > 1 ? `${segments[segments.length - 2]}.${last}` : last;
  const entry = FIELD_LABELS[qualified] ?? FIELD_LABELS[last];
  if (entry === undefined) return path;
  const position = indices.length > 0 ? String(indices[indices.length - 1]) : '';
  return entry[language]
    .replace('{n}', position)
    .replace(/\s+$/, '')
    .replace(/\s{2,}/g, ' ');
}

/** Whether a field segment (a DTO property) has a label; the completeness test walks every DTO. */
export const hasFieldLabel = (segment: string): boolean => FIELD_LABELS[segment] !== undefined;
