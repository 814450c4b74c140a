import type { Database, Statement } from 'better-sqlite3';
import type {
  DomainEvent,
  EscalationRaised,
  NormReference,
  SignalAmended,
  SignalClassified,
  SignalMarkedDuplicate,
  SignalPersonalDataErased,
  SignalRecorded,
  SignalWithdrawn,
  SignalsAttached,
} from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection, ProjectionContext } from '../projection';
import { distinctNormRefs } from './norm-ref';
import { monthOf } from '../signal-stats/period';
import { observedDayOf } from './signal-filter';
import { SIGNALS_DROP, SIGNALS_INDEXES, SIGNALS_SCHEMA } from './schema';
import { withStems } from './dutch-stem';
import { facetsText, indexedText, termsOf } from './full-text';
import { forgetStatements } from './statement-cache';

export const SIGNALS_PROJECTION = 'signals';

type Params = Record<string, string | number | null>;

/** A row of `signals` as stored (JSON columns still text). */
export interface StoredSignal {
  seq: number;
  signal_id: string;
  type: string;
  title: string;
  description: string;
  policy_domain: string;
  recorded_policy_domain: string;
  classified_policy_domain: string | null;
  level: string;
  initiative_kind: string;
  observed_at: string;
  observed_on: string;
  authorities: string;
  norms: string;
  location: string | null;
  has_initiative: number;
  initiative_ref: string | null;
  reporting_authority: string;
  government_layer: string | null;
  reported_by: string;
  status: string;
  duplicate_of: string | null;
  withdrawn_reason: string | null;
  themes: string;
  classified_at: string | null;
  escalation_ids: string;
  revision: number;
  recorded_at: string;
  updated_at: string;
}

type Value = string | number | null;

interface Writes {
  insert: Statement<Value[]>;
  select: Statement<[string], StoredSignal>;
  update: Statement<Value[]>;
  count: Statement<Value[]>;
  addAuthority: Statement<[string, number]>;
  removeAuthority: Statement<[string, number]>;
  addNorm: Statement<[string, number]>;
  removeNorm: Statement<[string, number]>;
  linkEscalation: Statement<[Params]>;
  escalationIdsOf: Statement<[string], { ids: string }>;
  setEscalations: Statement<[string, string]>;
  ftsInsert: Statement<[number, string, string, string, string, string]>;
  ftsDelete: Statement<[number]>;
  addTerm: Statement<[string]>;
}

const dataOf = <E extends DomainEvent>(event: RecordedEvent): E['data'] => event.data as unknown as E['data'];

// Bound by position: binding by name costs more than the statement it feeds.
const INSERTED = [
  'signal_id',
  'type',
  'title',
  'description',
  'policy_domain',
  'recorded_policy_domain',
  'level',
  'initiative_kind',
  'observed_at',
  'observed_on',
  'authorities',
  'norms',
  'location',
  'has_initiative',
  'initiative_ref',
  'reporting_authority',
  'government_layer',
  'reported_by',
  'status',
  'revision',
  'recorded_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof StoredSignal>;

type NewSignal = Pick<StoredSignal, (typeof INSERTED)[number]>;

const UPDATED = [
  'type',
  'title',
  'description',
  'policy_domain',
  'recorded_policy_domain',
  'classified_policy_domain',
  'level',
  'initiative_kind',
  'observed_at',
  'observed_on',
  'authorities',
  'norms',
  'location',
  'has_initiative',
  'initiative_ref',
  'status',
  'duplicate_of',
  'withdrawn_reason',
  'themes',
  'classified_at',
  'revision',
  'updated_at',
] as const satisfies ReadonlyArray<keyof StoredSignal>;

const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');

const prepareWrites = (db: Database): Writes => ({
  // Escalations may name a signal before it is recorded: it starts with the ones already known.
  insert: db.prepare<Value[]>(`
    INSERT INTO signals (${INSERTED.join(', ')}, escalation_ids)
    VALUES (${placeholders(INSERTED.length)}, COALESCE((SELECT json_group_array(escalation_id) FROM
      (SELECT escalation_id FROM signals_escalations WHERE signal_id = ? ORDER BY ordinal)), '[]'))
    ON CONFLICT (signal_id) DO NOTHING`),
  select: db.prepare<[string], StoredSignal>('SELECT * FROM signals WHERE signal_id = ?'),
  update: db.prepare<Value[]>(`
    UPDATE signals SET ${UPDATED.map((column) => `${column} = ?`).join(', ')} WHERE seq = ?`),
  count: db.prepare<Value[]>(`
    INSERT INTO signals_counts (type, policy_domain, level, government_layer, initiative_kind, status, n)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET n = n + excluded.n`),
  addAuthority: db.prepare('INSERT OR IGNORE INTO signals_authorities (authority, seq) VALUES (?, ?)'),
  removeAuthority: db.prepare('DELETE FROM signals_authorities WHERE authority = ? AND seq = ?'),
  addNorm: db.prepare('INSERT OR IGNORE INTO signals_norms (norm_ref, seq) VALUES (?, ?)'),
  removeNorm: db.prepare('DELETE FROM signals_norms WHERE norm_ref = ? AND seq = ?'),
  linkEscalation: db.prepare<[Params]>(`
    INSERT OR IGNORE INTO signals_escalations (signal_id, escalation_id, ordinal)
    VALUES (@signalId, @escalationId,
      (SELECT COUNT(*) FROM signals_escalations WHERE signal_id = @signalId))`),
  escalationIdsOf: db.prepare<[string], { ids: string }>(`
    SELECT json_group_array(escalation_id) AS ids FROM
      (SELECT escalation_id FROM signals_escalations WHERE signal_id = ? ORDER BY ordinal)`),
  setEscalations: db.prepare('UPDATE signals SET escalation_ids = ? WHERE signal_id = ?'),
  ftsInsert: db.prepare(
    'INSERT INTO signals_fts (rowid, title, description, norms, themes, facets) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  ftsDelete: db.prepare('DELETE FROM signals_fts WHERE rowid = ?'),
  addTerm: db.prepare('INSERT OR IGNORE INTO signals_terms (term) VALUES (?)'),
});

const normsText = (norms: readonly NormReference[]): string =>
  norms.map((norm) => (norm.title ? `${norm.ref} ${norm.title}` : norm.ref)).join('\n');

const themesText = (themes: readonly string[]): string => themes.join('\n');

const json = (value: unknown): string => JSON.stringify(value);

interface FullTextRow {
  seq: number;
  title: string;
  description: string;
  norms: string;
  themes: string;
  facets: string;
  /** The index holds an older row for this seq, to delete first. */
  replaces: boolean;
}

type CountKey = Pick<
  StoredSignal,
  'type' | 'policy_domain' | 'level' | 'government_layer' | 'initiative_kind' | 'status'
>;

/** The columns of `signals` a signal's full-text row is made of. */
export const FULL_TEXT_COLUMNS = [
  'title',
  'description',
  'norms',
  'themes',
  'type',
  'policy_domain',
  'level',
  'reporting_authority',
  'government_layer',
  'initiative_kind',
  'status',
  'observed_on',
] as const satisfies ReadonlyArray<keyof StoredSignal>;

export type FullTextSource = Pick<StoredSignal, (typeof FULL_TEXT_COLUMNS)[number]>;

export type SignalFullText = Omit<FullTextRow, 'seq' | 'replaces'>;

/**
 * A signal's row in the full-text index, made from its stored row: the text (with Dutch stems,
 * private-use characters cut out) and its facet tokens. Time travel's history indexes every
 * version of a signal with it too.
 */
export const signalFullTextOf = (row: FullTextSource): SignalFullText => ({
  title: withStems(indexedText(row.title)),
  description: withStems(indexedText(row.description)),
  norms: withStems(indexedText(normsText(JSON.parse(row.norms) as NormReference[]))),
  themes: withStems(indexedText(themesText(JSON.parse(row.themes) as string[]))),
  facets: facetsOf(row),
});

const facetsOf = (row: FullTextSource): string =>
  facetsText({
    type: row.type,
    policyDomain: row.policy_domain,
    level: row.level,
    authority: row.reporting_authority,
    governmentLayer: row.government_layer,
    initiativeKind: row.initiative_kind,
    status: row.status,
    month: monthOf(row.observed_on),
  });

/**
 * One row per signal with every recordable field (personal data stays in the vault: only whether
 * there is an initiative and its vault reference), its reporting authority's government layer,
 * status, duplicate target, themes, current policy domain and escalations; join tables for the
 * authorities and norms it names; counts per dimension combination; and a full-text index kept in
 * step on every change of title, description, norms or themes.
 *
 * The policy domain follows the signal's own state: the latest of recording, amendment or
 * classification sets it, so a classification's correction overrides the recorded domain.
 */
export function createSignalsProjection(ctx: ProjectionContext): Projection {
  const cache = new WeakMap<Database, Writes>();
  /**
   * Full-text rows to write in `flush`, by seq. Written then in seq order, old rows (changed) before
   * new ones: FTS5 writes a new segment whenever a rowid arrives below the last one it took, so
   * re-indexing a changed signal in the middle of a batch of new ones cost a segment each time.
   */
  let unindexed = new Map<number, FullTextRow>();
  // Every text queued, a superseded one too, so the vocabulary is the same however batches fall.
  let vocabulary: string[] = [];
  const writesFor = (db: Database): Writes => {
    let writes = cache.get(db);
    if (!writes) {
      writes = prepareWrites(db);
      cache.set(db, writes);
    }
    return writes;
  };

  const count = (w: Writes, key: CountKey, delta: number): void => {
    w.count.run(
      key.type,
      key.policy_domain,
      key.level,
      key.government_layer ?? '',
      key.initiative_kind,
      key.status,
      delta,
    );
  };

  /** Queues a signal's full-text row; `indexed` when the index already holds an older one. */
  const index = (seq: number, row: FullTextSource, indexed: boolean): void => {
    const queued = unindexed.get(seq);
    const text = signalFullTextOf(row);
    unindexed.set(seq, { seq, ...text, replaces: queued?.replaces ?? indexed });
    vocabulary.push(text.title, text.description, text.norms, text.themes);
  };

  const record = (w: Writes, event: RecordedEvent): void => {
    const d = dataOf<SignalRecorded>(event);
    const row: NewSignal = {
      signal_id: d.signalId,
      type: d.type,
      title: d.title,
      description: d.description,
      policy_domain: d.policyDomain,
      recorded_policy_domain: d.policyDomain,
      level: d.level,
      initiative_kind: d.initiativeKind,
      observed_at: d.observedAt,
      observed_on: observedDayOf(d.observedAt),
      authorities: json(d.authorities),
      norms: json(d.norms),
      location: d.location === null ? null : json(d.location),
      has_initiative: d.initiative === null ? 0 : 1,
      initiative_ref: d.initiative?.personalDataRef ?? null,
      reporting_authority: d.reportingAuthority,
      government_layer: ctx.layerOf(d.reportingAuthority) ?? null,
      reported_by: d.reportedBy,
      status: 'ACTIVE',
      revision: event.revision,
      recorded_at: d.recordedAt,
      updated_at: event.recordedAt,
    };
    const info = w.insert.run(...INSERTED.map((column) => row[column]), d.signalId);
    // Already recorded: a replayed event changes nothing.
    if (info.changes === 0) return;
    const seq = Number(info.lastInsertRowid);
    for (const authority of new Set(d.authorities)) w.addAuthority.run(authority, seq);
    for (const ref of distinctNormRefs(d.norms)) w.addNorm.run(ref, seq);
    count(w, row, 1);
    index(seq, { ...row, themes: '[]' }, false);
  };

  /** Applies a change to the stored row and keeps counts, join tables and full text in step. */
  const change = (
    w: Writes,
    event: RecordedEvent,
    signalId: string,
    mutate: (row: StoredSignal) => StoredSignal,
  ): void => {
    const before = w.select.get(signalId);
    // Exactly-once comes from the projector; the revision check also makes a replay harmless.
    if (!before || event.revision <= before.revision) return;
    const after = { ...mutate({ ...before }), revision: event.revision, updated_at: event.recordedAt };
    w.update.run(...UPDATED.map((column) => after[column]), after.seq);

    const countKeyChanged = (['type', 'policy_domain', 'level', 'initiative_kind', 'status'] as const).some(
      (key) => before[key] !== after[key],
    );
    if (countKeyChanged) {
      count(w, before, -1);
      count(w, after, 1);
    }
    if (before.authorities !== after.authorities) {
      const old = new Set(JSON.parse(before.authorities) as string[]);
      const now = new Set(JSON.parse(after.authorities) as string[]);
      for (const authority of old) if (!now.has(authority)) w.removeAuthority.run(authority, before.seq);
      for (const authority of now) if (!old.has(authority)) w.addAuthority.run(authority, before.seq);
    }
    if (before.norms !== after.norms) {
      const old = new Set(distinctNormRefs(JSON.parse(before.norms) as NormReference[]));
      const now = new Set(distinctNormRefs(JSON.parse(after.norms) as NormReference[]));
      for (const ref of old) if (!now.has(ref)) w.removeNorm.run(ref, before.seq);
      for (const ref of now) if (!old.has(ref)) w.addNorm.run(ref, before.seq);
    }
    if (FULL_TEXT_COLUMNS.some((key) => before[key] !== after[key])) index(after.seq, after, true);
  };

  const amend = (w: Writes, event: RecordedEvent): void => {
    const { signalId, changes } = dataOf<SignalAmended>(event);
    change(w, event, signalId, (row) => {
      if (changes.type !== undefined) row.type = changes.type;
      if (changes.title !== undefined) row.title = changes.title;
      if (changes.description !== undefined) row.description = changes.description;
      if (changes.policyDomain !== undefined) {
        row.recorded_policy_domain = changes.policyDomain;
        row.policy_domain = changes.policyDomain;
      }
      if (changes.level !== undefined) row.level = changes.level;
      if (changes.initiativeKind !== undefined) row.initiative_kind = changes.initiativeKind;
      if (changes.observedAt !== undefined) {
        row.observed_at = changes.observedAt;
        row.observed_on = observedDayOf(changes.observedAt);
      }
      if (changes.authorities !== undefined) row.authorities = json(changes.authorities);
      if (changes.norms !== undefined) row.norms = json(changes.norms);
      if (changes.location !== undefined)
        row.location = changes.location === null ? null : json(changes.location);
      if (changes.initiative !== undefined) {
        row.has_initiative = changes.initiative === null ? 0 : 1;
        row.initiative_ref = changes.initiative?.personalDataRef ?? null;
      }
      return row;
    });
  };

  const classify = (w: Writes, event: RecordedEvent): void => {
    const d = dataOf<SignalClassified>(event);
    change(w, event, d.signalId, (row) => {
      row.themes = json(d.themes);
      row.classified_at = d.classifiedAt;
      if (d.policyDomain !== undefined) {
        row.classified_policy_domain = d.policyDomain;
        row.policy_domain = d.policyDomain;
      }
      return row;
    });
  };

  const markDuplicate = (w: Writes, event: RecordedEvent): void => {
    const d = dataOf<SignalMarkedDuplicate>(event);
    change(w, event, d.signalId, (row) => {
      row.duplicate_of = d.duplicateOf;
      if (row.status !== 'WITHDRAWN') row.status = 'DUPLICATE';
      return row;
    });
  };

  const withdraw = (w: Writes, event: RecordedEvent): void => {
    const d = dataOf<SignalWithdrawn>(event);
    change(w, event, d.signalId, (row) => {
      row.status = 'WITHDRAWN';
      row.withdrawn_reason = d.reason;
      return row;
    });
  };

  // Nothing stored here changes (the vault holds the data), but `revision` is the stream's, as the ETag.
  const erase = (w: Writes, event: RecordedEvent): void =>
    change(w, event, dataOf<SignalPersonalDataErased>(event).signalId, (row) => row);

  const linkEscalation = (w: Writes, escalationId: string, signalIds: readonly string[]): void => {
    for (const signalId of new Set(signalIds)) {
      if (w.linkEscalation.run({ signalId, escalationId }).changes === 0) continue;
      const { ids } = w.escalationIdsOf.get(signalId) ?? { ids: '[]' };
      w.setEscalations.run(ids, signalId);
    }
  };

  return {
    name: SIGNALS_PROJECTION,
    // 4: signals_norms holds case-folded refs, an erasure moves the revision, and private-use
    // characters are no longer indexed as part of the text (facet tokens).
    // 5: the full-text index holds every word's Dutch stem next to the word (dutch-stem.ts).
    version: 5,
    migrate(db) {
      db.exec(SIGNALS_SCHEMA);
    },
    index(db) {
      db.exec(SIGNALS_INDEXES);
    },
    drop(db) {
      cache.delete(db);
      forgetStatements(db);
      db.exec(SIGNALS_DROP);
    },
    flush(db) {
      if (unindexed.size === 0) return;
      const w = writesFor(db);
      const rows = [...unindexed.values()].sort((a, b) => a.seq - b.seq);
      unindexed = new Map();
      for (const row of rows) {
        if (row.replaces) w.ftsDelete.run(row.seq);
        w.ftsInsert.run(row.seq, row.title, row.description, row.norms, row.themes, row.facets);
      }
      for (const term of termsOf(vocabulary)) w.addTerm.run(term);
      vocabulary = [];
    },
    discard() {
      unindexed = new Map();
      vocabulary = [];
    },
    apply(db, event) {
      switch (event.type) {
        case 'SignalRecorded':
          return record(writesFor(db), event);
        case 'SignalAmended':
          return amend(writesFor(db), event);
        case 'SignalClassified':
          return classify(writesFor(db), event);
        case 'SignalMarkedDuplicate':
          return markDuplicate(writesFor(db), event);
        case 'SignalWithdrawn':
          return withdraw(writesFor(db), event);
        case 'SignalPersonalDataErased':
          return erase(writesFor(db), event);
        case 'EscalationRaised': {
          const d = dataOf<EscalationRaised>(event);
          return linkEscalation(writesFor(db), d.escalationId, d.signalIds);
        }
        case 'SignalsAttached': {
          const d = dataOf<SignalsAttached>(event);
          return linkEscalation(writesFor(db), d.escalationId, d.signalIds);
        }
        default:
          return;
      }
    },
  };
}
