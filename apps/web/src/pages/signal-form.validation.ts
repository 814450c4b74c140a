import type { InitiativeKind, RecordSignalBody, SignalLevel, SignalType } from '../api/api.types';
import type { MessageKey } from '../i18n/messages';

export interface NormDraft {
  ref: string;
  title: string;
}

export interface SignalDraft {
  type: SignalType | '';
  title: string;
  description: string;
  policyDomain: string;
  level: SignalLevel | '';
  initiativeKind: InitiativeKind | '';
  observedAt: string;
  authorities: string[];
  norms: NormDraft[];
  initiativeName: string;
  initiativeContact: string;
  municipality: string;
  lat: string;
  lon: string;
}

/** The form's fields, named as the API names them, so server errors land on the same keys. */
export type SignalField =
  | 'type'
  | 'title'
  | 'description'
  | 'policyDomain'
  | 'level'
  | 'initiativeKind'
  | 'observedAt'
  | 'authorities'
  | 'norms'
  | 'initiative.name'
  | 'initiative.contact'
  | 'location.municipality'
  | 'location.lat'
  | 'location.lon';

export const SIGNAL_FIELD_ORDER: readonly SignalField[] = [
  'type',
  'title',
  'description',
  'policyDomain',
  'level',
  'initiativeKind',
  'observedAt',
  'authorities',
  'norms',
  'initiative.name',
  'initiative.contact',
  'location.municipality',
  'location.lat',
  'location.lon',
];

export const emptySignalDraft = (): SignalDraft => ({
  type: '',
  title: '',
  description: '',
  policyDomain: '',
  level: '',
  initiativeKind: '',
  observedAt: '',
  authorities: [],
  norms: [{ ref: '', title: '' }],
  initiativeName: '',
  initiativeContact: '',
  municipality: '',
  lat: '',
  lon: '',
});

// Mirrors the server's norm identity: case and spacing do not make a different rule.
const normKey = (ref: string): string => ref.trim().replace(/\s+/g, ' ').toLowerCase();

const filledNorms = (norms: readonly NormDraft[]): NormDraft[] =>
  norms.filter((norm) => norm.ref.trim() !== '' || norm.title.trim() !== '');

const isNumber = (raw: string): boolean =>
  raw.trim() !== '' && Number.isFinite(Number(raw.replace(',', '.')));

/**
 * The server's rules, checked while the user types so they need not wait for a refusal; the server
 * stays the judge. Gives a message key per field in error.
 */
export function validateSignal(
  draft: SignalDraft,
  todayIso: string,
): Partial<Record<SignalField, MessageKey>> {
  const errors: Partial<Record<SignalField, MessageKey>> = {};
  if (draft.type === '') errors.type = 'validation.choose';
  const title = draft.title.trim();
  if (title === '') errors.title = 'validation.required';
  else if (title.length < 3 || draft.title.length > 200) errors.title = 'validation.titleLength';
  if (draft.description.trim() === '') errors.description = 'validation.required';
  else if (draft.description.length > 10_000) errors.description = 'validation.descriptionLength';
  if (draft.policyDomain === '') errors.policyDomain = 'validation.choose';
  if (draft.level === '') errors.level = 'validation.choose';
  if (draft.initiativeKind === '') errors.initiativeKind = 'validation.choose';
  if (draft.observedAt === '') errors.observedAt = 'validation.required';
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.observedAt)) errors.observedAt = 'validation.date';
  else if (draft.observedAt > todayIso) errors.observedAt = 'validation.observedFuture';

  const authorities = new Set(draft.authorities);
  if (draft.authorities.length > 20) errors.authorities = 'validation.tooMany';
  else if (draft.type === 'UNCLEAR_AUTHORITY' && authorities.size < 2)
    errors.authorities = 'validation.twoAuthorities';

  const norms = filledNorms(draft.norms);
  const distinctNorms = new Set(norms.filter((n) => n.ref.trim() !== '').map((n) => normKey(n.ref)));
  if (norms.some((norm) => norm.ref.trim() === '')) errors.norms = 'validation.required';
  else if (norms.length > 20) errors.norms = 'validation.tooMany';
  else if (draft.type === 'CONFLICTING_NORMS' && distinctNorms.size < 2) errors.norms = 'validation.twoNorms';

  if (draft.initiativeName.trim() === '' && draft.initiativeContact.trim() !== '') {
    errors['initiative.name'] = 'validation.initiativeName';
  }
  if (draft.lat.trim() !== '' && !isNumber(draft.lat)) errors['location.lat'] = 'validation.number';
  if (draft.lon.trim() !== '' && !isNumber(draft.lon)) errors['location.lon'] = 'validation.number';
  return errors;
}

/** The body of `POST /api/v1/signals`; optional parts are left out when empty. */
export function signalBodyOf(draft: SignalDraft): RecordSignalBody {
  const location: NonNullable<RecordSignalBody['location']> = {};
  if (draft.municipality.trim() !== '') location.municipality = draft.municipality.trim();
  if (draft.lat.trim() !== '') location.lat = Number(draft.lat.replace(',', '.'));
  if (draft.lon.trim() !== '') location.lon = Number(draft.lon.replace(',', '.'));
  return {
    type: draft.type as SignalType,
    title: draft.title.trim(),
    description: draft.description,
    policyDomain: draft.policyDomain,
    level: draft.level as SignalLevel,
    initiativeKind: draft.initiativeKind as InitiativeKind,
    observedAt: draft.observedAt,
    authorities: [...new Set(draft.authorities)],
    norms: filledNorms(draft.norms).map((norm) => ({
      ref: norm.ref.trim(),
      ...(norm.title.trim() !== '' ? { title: norm.title.trim() } : {}),
    })),
    ...(draft.initiativeName.trim() !== ''
      ? {
          initiative: {
            name: draft.initiativeName.trim(),
            ...(draft.initiativeContact.trim() !== '' ? { contact: draft.initiativeContact.trim() } : {}),
          },
        }
      : {}),
    ...(Object.keys(location).length > 0 ? { location } : {}),
  };
}

/** Which form field a server error path (`norms[1].ref`, `initiative`, `location.lat`) belongs to. */
export function signalFieldOf(path: string): SignalField | undefined {
  const base = path.replace(/\[\d+\].*$/, '');
  if (base.startsWith('norms')) return 'norms';
  if (base.startsWith('authorities')) return 'authorities';
  if (base === 'initiative') return 'initiative.name';
  if (base === 'location') return 'location.municipality';
  return SIGNAL_FIELD_ORDER.find((field) => field === base);
}

export const signalFieldId = (field: SignalField): string => `signal-${field.replace('.', '-')}`;
