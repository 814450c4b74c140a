import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { InvalidInput } from '@praktijklus/domain';
import type { RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import { facetToken } from './full-text';
import { createSignalsProjection } from './signals.projection';
import { getSignal, getSignals, listSignals, ListSignalsInput, toFullTextQuery } from './signals.queries';
import { applyAll, applyWithCrash, dumpTables, EventLog, testContext } from './test-support/signal-events';

const TABLES = [
  'signals',
  'signals_authorities',
  'signals_norms',
  'signals_escalations',
  'signals_counts',
  'signals_terms',
];

let db: Database;
let projection: Projection;

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  projection = createSignalsProjection(testContext);
  projection.migrate(db);
  projection.index?.(db);
});

afterEach(() => db.close());

const ids = (input: Partial<ListSignalsInput> = {}): string[] =>
  listSignals(db, { first: 100, ...input }).rows.map((row) => row.id);

const total = (input: Partial<ListSignalsInput> = {}): number =>
  listSignals(db, { first: 100, ...input }).totalCount;

/** A small landscape: five signals over three authorities, amended, classified, escalated. */
const landscape = (): RecordedEvent[] => {
  const log = new EventLog();
  log.recorded({
    signalId: 's1',
    type: 'CONFLICTING_NORMS',
    title: 'Geluidsnorm botst met energietransitie',
    description: 'Het Bbl en het omgevingsplan spreken elkaar tegen over warmtepompen.',
    norms: [
      { ref: 'Bbl  art. 4.101 ', title: 'Geluid installaties' },
      { ref: 'Omgevingsplan gm0344 art. 22.3' },
    ],
    authorities: ['gm0344', 'pv26'],
    initiative: { personalDataRef: 'pd-1' },
    location: { municipality: 'Utrecht', lat: 52.09, lon: 5.12 },
  });
  log.recorded({
    signalId: 's2',
    reportingAuthority: 'gm0363',
    authorities: ['gm0363'],
    title: 'Café mag geen terras op de kade',
    description: 'Monumentenzorg en erfgoed blokkeren het initiatief.',
    policyDomain: 'heritage',
    level: 'IMPLEMENTATION',
    initiativeKind: 'ENTREPRENEUR',
    observedAt: '2026-02-10T23:30:00+01:00',
  });
  log.recorded({
    signalId: 's3',
    reportingAuthority: 'pv26',
    authorities: ['pv26', 'ws0155'],
    type: 'UNCLEAR_AUTHORITY',
    title: 'Wie beslist over de dijkversterking?',
    description: 'Waterschap en provincie wijzen naar elkaar.',
    policyDomain: 'water',
    level: 'SYSTEM',
    initiativeKind: 'GOVERNMENT',
    observedAt: '2026-01-15',
  });
  log.recorded({
    signalId: 's4',
    title: 'Zonnepanelen op een monument',
    description: 'Het dak ligt in beschermd stadsgezicht.',
    policyDomain: 'energy',
  });
  log.recorded({
    signalId: 's5',
    reportingAuthority: 'xx999',
    authorities: [],
    title: 'Onbekende laag',
    description: 'Een melder buiten het register.',
  });
  log.other();
  log.amended('s4', {
    title: 'Zonnepanelen op een rijksmonument',
    norms: [{ ref: 'Erfgoedwet art. 3.1' }],
    authorities: ['gm0344', 'mnre1130'],
    observedAt: '2026-03-01',
  });
  log.classified('s1', ['energietransitie', 'geluid'], 'energy');
  log.escalated('e1', ['s1', 's3']);
  log.attached('e2', ['s1']);
  log.attached('e1', ['s1']);
  log.duplicate('s5', 's4');
  log.withdrawn('s2');
  return log.events;
};

describe('signals projection', () => {
  it('stores a row per signal with every recordable field, the layer and no personal data', () => {
    applyAll(db, projection, landscape());
    expect(getSignal(db, 's1')).toEqual({
      id: 's1',
      type: 'CONFLICTING_NORMS',
      title: 'Geluidsnorm botst met energietransitie',
      description: 'Het Bbl en het omgevingsplan spreken elkaar tegen over warmtepompen.',
      policyDomain: 'energy',
      recordedPolicyDomain: 'building',
      classifiedPolicyDomain: 'energy',
      level: 'POLICY',
      initiativeKind: 'CITIZEN_INITIATIVE',
      observedAt: '2026-03-04',
      observedOn: '2026-03-04',
      authorities: ['gm0344', 'pv26'],
      norms: [
        { ref: 'Bbl  art. 4.101 ', title: 'Geluid installaties' },
        { ref: 'Omgevingsplan gm0344 art. 22.3' },
      ],
      location: { municipality: 'Utrecht', lat: 52.09, lon: 5.12 },
      hasInitiative: true,
      initiativeRef: 'pd-1',
      reportingAuthority: 'gm0344',
      governmentLayer: 'MUNICIPALITY',
      reportedBy: 'officer-1',
      status: 'ACTIVE',
      duplicateOf: null,
      withdrawnReason: null,
      themes: ['energietransitie', 'geluid'],
      classifiedAt: '2026-03-07T10:00:00.000Z',
      escalated: true,
      escalationIds: ['e1', 'e2'],
      revision: 1,
      recordedAt: '2026-03-05T09:00:00.000Z',
      updatedAt: '2026-03-05T09:08:00.000Z',
    });
    expect(getSignal(db, 'missing')).toBeNull();
  });

  it("follows the signal stream's revision through an erasure of personal data, as the ETag does", () => {
    const log = new EventLog();
    log.recorded({ signalId: 's1', initiative: { personalDataRef: 'pd-1' } });
    log.classified('s1', ['geluid']);
    const erased = log.erased('s1');
    applyAll(db, projection, log.events);
    expect(getSignal(db, 's1')).toMatchObject({
      revision: erased.revision,
      updatedAt: erased.recordedAt,
      hasInitiative: true,
      initiativeRef: 'pd-1',
      themes: ['geluid'],
    });
  });

  it('follows amendments, duplicates and withdrawals', () => {
    applyAll(db, projection, landscape());
    expect(getSignal(db, 's4')).toMatchObject({
      title: 'Zonnepanelen op een rijksmonument',
      norms: [{ ref: 'Erfgoedwet art. 3.1' }],
      authorities: ['gm0344', 'mnre1130'],
      observedOn: '2026-03-01',
      revision: 1,
      escalated: false,
      escalationIds: [],
    });
    expect(getSignal(db, 's5')).toMatchObject({
      status: 'DUPLICATE',
      duplicateOf: 's4',
      governmentLayer: null,
    });
    expect(getSignal(db, 's2')).toMatchObject({
      status: 'WITHDRAWN',
      withdrawnReason: 'Ten onrechte gemeld',
      observedOn: '2026-02-10',
    });
    expect(getSignals(db, ['s4', 'nope', 's1']).map((row) => row.id)).toEqual(['s4', 's1']);
  });

  it('lists newest first, leaving withdrawn signals out unless their status is asked for', () => {
    applyAll(db, projection, landscape());
    expect(ids()).toEqual(['s5', 's4', 's3', 's1']);
    expect(total()).toBe(4);
    expect(ids({ filter: { statuses: ['WITHDRAWN'] } })).toEqual(['s2']);
    expect(ids({ filter: { statuses: ['ACTIVE', 'WITHDRAWN'] } })).toEqual(['s4', 's3', 's2', 's1']);
  });

  it('filters OR within a list and AND across lists, on every dimension', () => {
    applyAll(db, projection, landscape());
    const statuses = ['ACTIVE', 'DUPLICATE', 'WITHDRAWN'] as const;
    const cases: Array<[ListSignalsInput['filter'], string[]]> = [
      [{ types: ['UNCLEAR_AUTHORITY', 'CONFLICTING_NORMS'] }, ['s3', 's1']],
      [{ policyDomains: ['energy'] }, ['s4', 's1']],
      [{ policyDomains: ['building'] }, ['s5']],
      [{ levels: ['SYSTEM'] }, ['s3']],
      [{ authorities: ['gm0344'] }, ['s4', 's1']],
      [{ authorities: ['gm0344', 'pv26'], types: ['BARRIER'] }, ['s4']],
      [{ governmentLayers: ['PROVINCE'] }, ['s3']],
      [{ governmentLayers: ['MUNICIPALITY'], statuses: [...statuses] }, ['s4', 's2', 's1']],
      [{ initiativeKinds: ['GOVERNMENT', 'ENTREPRENEUR'], statuses: [...statuses] }, ['s3', 's2']],
      [{ observedFrom: '2026-02-10', observedTo: '2026-03-01', statuses: [...statuses] }, ['s4', 's2']],
      [{ observedFrom: '2026-03-02T00:00:00Z' }, ['s5', 's1']],
      [{ observedTo: '2026-01-31' }, ['s3']],
      [{ namedAuthorities: ['pv26'] }, ['s3', 's1']],
      [{ namedAuthorities: ['mnre1130', 'ws0155'] }, ['s4', 's3']],
      [{ normRefs: ['Bbl art. 4.101'] }, ['s1']],
      [{ normRefs: ['Erfgoedwet  art. 3.1'] }, ['s4']],
      [{ normRefs: [' bbl ART. 4.101'] }, ['s1']],
      [{ escalated: true }, ['s3', 's1']],
      [{ escalated: false, types: ['BARRIER'] }, ['s5', 's4']],
      [{ types: [], policyDomains: [] }, ['s5', 's4', 's3', 's1']],
    ];
    for (const [filter, expected] of cases) {
      expect({ filter, ids: ids({ filter }) }).toEqual({ filter, ids: expected });
      expect({ filter, total: total({ filter }) }).toEqual({ filter, total: expected.length });
    }
  });

  it('shows an officer only the signals their authority reported', () => {
    applyAll(db, projection, landscape());
    expect(ids({ visibleToAuthority: 'gm0344' })).toEqual(['s4', 's1']);
    expect(total({ visibleToAuthority: 'gm0344', filter: { types: ['BARRIER'] } })).toBe(1);
    expect(ids({ visibleToAuthority: 'pv26', filter: { authorities: ['gm0344'] } })).toEqual([]);
  });

  it("keeps facet tokens typed into a signal's text out of every filter and an officer's scope", () => {
    const log = new EventLog();
    const elsewhere = { reportingAuthority: 'gm0363', authorities: ['gm0363'] };
    const posingAs = [facetToken('authority', 'gm0344'), facetToken('type', 'UNCLEAR_AUTHORITY')].join(' ');
    log.recorded({ signalId: 'posing', ...elsewhere, title: `Warmtepomp ${posingAs}` });
    log.recorded({ signalId: 'hiding', ...elsewhere, title: 'Warmtepomp in de tuin' });
    log.classified('hiding', [`${facetToken('status', 'WITHDRAWN')} ${facetToken('month', '2025-01')}`]);
    log.recorded({ signalId: 'own', title: 'Warmtepomp op het dak' });
    applyAll(db, projection, log.events);
    const search = (input: Partial<ListSignalsInput>) => ids({ search: 'warmtepomp', ...input });
    expect(search({ visibleToAuthority: 'gm0344' })).toEqual(['own']);
    expect(total({ search: 'warmtepomp', visibleToAuthority: 'gm0344' })).toBe(1);
    expect(search({ filter: { authorities: ['gm0344'] } })).toEqual(['own']);
    expect(search({ filter: { types: ['UNCLEAR_AUTHORITY'] } })).toEqual([]);
    expect(search({})).toEqual(['own', 'hiding', 'posing']);
    expect(search({ filter: { statuses: ['WITHDRAWN'] } })).toEqual([]);
    expect(search({ filter: { observedFrom: '2025-01-01', observedTo: '2025-01-31' } })).toEqual([]);
  });

  it('pages with a stable cursor and refuses one it did not hand out', () => {
    applyAll(db, projection, landscape());
    const first = listSignals(db, { first: 3 });
    expect(first.rows.map((row) => row.id)).toEqual(['s5', 's4', 's3']);
    expect(first).toMatchObject({ totalCount: 4, hasNextPage: true });
    expect(first.endCursor).toBe(first.rows[2].cursor);
    const second = listSignals(db, { first: 3, after: first.endCursor });
    expect(second.rows.map((row) => row.id)).toEqual(['s1']);
    expect(second).toMatchObject({ totalCount: 4, hasNextPage: false });
    expect(listSignals(db, { first: 0 })).toEqual({
      rows: [],
      totalCount: 4,
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
    expect(() => listSignals(db, { first: 2, after: 'bm9wZQ' })).toThrow(InvalidInput);
    expect(() => listSignals(db, { first: -1 })).toThrow(InvalidInput);
    expect(() => listSignals(db, { first: 2, filter: { observedFrom: 'yesterday' } })).toThrow(InvalidInput);
    expect(listSignals(db, { first: 1000 }).rows.length).toBe(4);
  });

  it('searches title, description, norms and themes, folding case and diacritics, by prefix', () => {
    applyAll(db, projection, landscape());
    const search = (text: string, input: Partial<ListSignalsInput> = {}) =>
      ids({ search: text, ...input, filter: { statuses: ['ACTIVE', 'DUPLICATE', 'WITHDRAWN'] } });
    expect(search('cafe')).toEqual(['s2']);
    expect(search('CAFÉ terras')).toEqual(['s2']);
    expect(search('warmtepomp')).toEqual(['s1']);
    expect(search('monument')).toEqual(['s2']);
    expect(search('rijksmonument')).toEqual(['s4']);
    expect(search('zonnepanelen rijks')).toEqual(['s4']);
    expect(search('4.101')).toEqual(['s1']);
    expect(search('Erfgoedwet')).toEqual(['s4']);
    expect(search('energietransitie')).toEqual(['s1']);
    expect(search('geluid')).toEqual(['s1']);
    expect(search('elkaar')).toEqual(['s3', 's1']);
    expect(search('elkaar', { first: 1 })).toEqual(['s3']);
    const paged = listSignals(db, { search: 'elkaar', first: 1 });
    expect(paged).toMatchObject({ totalCount: 2, hasNextPage: true });
    expect(
      listSignals(db, { search: 'elkaar', first: 1, after: paged.endCursor }).rows.map((r) => r.id),
    ).toEqual(['s1']);
    // FTS5 syntax from the user is taken literally, never parsed.
    expect(search('" OR NEAR( * ^')).toEqual([]);
    expect(search('   ')).toEqual(['s5', 's4', 's3', 's2', 's1']);
    expect(toFullTextQuery('geluid "hard", 4.101')).toBe('"geluid"* "hard"* "101"*');
    expect(toFullTextQuery(' ?! ')).toBeUndefined();
    expect(toFullTextQuery('a b warmte')).toBe('"warmte"*');
    expect(toFullTextQuery('a b')).toBe('"a"* "b"*');
  });

  it('answers a search with filters as the filters alone do, intersected with the words', () => {
    applyAll(db, projection, landscape());
    const everyStatus = { statuses: ['ACTIVE', 'DUPLICATE', 'WITHDRAWN'] } as const;
    const filters: Array<Partial<ListSignalsInput>> = [
      {},
      { filter: everyStatus },
      { filter: { statuses: ['WITHDRAWN'] } },
      { filter: { statuses: ['ACTIVE', 'WITHDRAWN'] } },
      { filter: { types: ['CONFLICTING_NORMS', 'UNCLEAR_AUTHORITY'] } },
      { filter: { policyDomains: ['energy'] } },
      { filter: { policyDomains: ['building', 'heritage'], ...everyStatus } },
      { filter: { levels: ['SYSTEM'], initiativeKinds: ['GOVERNMENT'] } },
      { filter: { authorities: ['gm0344', 'pv26'] } },
      { filter: { governmentLayers: ['MUNICIPALITY'], ...everyStatus } },
      { filter: { observedFrom: '2026-01-01', observedTo: '2026-02-28', ...everyStatus } },
      { filter: { observedFrom: '2026-01-16', observedTo: '2026-03-01', ...everyStatus } },
      { filter: { observedFrom: '2026-03-01', observedTo: '2026-03-31' } },
      { filter: { observedFrom: '2026-02-11' } },
      { filter: { observedFrom: '2020-01-01', observedTo: '2026-12-31' } },
      { filter: { namedAuthorities: ['pv26'], escalated: true } },
      { visibleToAuthority: 'gm0344' },
    ];
    for (const word of ['elkaar', 'monument', 'het', 'de', 'zon']) {
      const matching = new Set(ids({ search: word, filter: everyStatus }));
      for (const input of filters) {
        const expected = ids(input).filter((id) => matching.has(id));
        expect({ word, input, ids: ids({ ...input, search: word }) }).toEqual({ word, input, ids: expected });
        expect(total({ ...input, search: word })).toBe(expected.length);
      }
    }
    expect(ids({ search: 'elkaar', filter: { policyDomains: ['energy'] } })).toEqual(['s1']);
    expect(total({ search: 'nergens monument' })).toBe(0);
  });

  it('searches a prefix shared by more terms than it expands, and one shared by none', () => {
    const log = new EventLog();
    for (let index = 0; index < 70; index += 1) {
      log.recorded({
        signalId: `w${index}`,
        title: `Woordenlijst woord${index}x`,
        description: 'Een lijst.',
      });
    }
    applyAll(db, projection, log.events);
    expect(total({ search: 'woord' })).toBe(70);
    expect(total({ search: 'woord1' })).toBe(11);
    expect(total({ search: 'woord12x' })).toBe(1);
    expect(total({ search: 'woordx' })).toBe(0);
    expect(ids({ search: 'WOORD69X lijst' })).toEqual(['w69']);
  });

  it('keeps the full text in step with amendments and classifications', () => {
    applyAll(db, projection, landscape());
    expect(ids({ search: 'Zonnepanelen rijksmonument' })).toEqual(['s4']);
    const log = new EventLog();
    log.events.push(...landscape());
    applyAll(db, projection, [
      { ...log.amended('s4', { title: 'Windmolen bij de snelweg', norms: [] }), revision: 2 },
      { ...log.classified('s3', ['dijken']), revision: 1 },
      { ...log.amended('s3', { observedAt: '2025-12-20' }), revision: 2 },
    ]);
    const december = { observedFrom: '2025-12-01', observedTo: '2025-12-31' };
    expect(ids({ search: 'elkaar', filter: december })).toEqual(['s3']);
    expect(
      ids({ search: 'elkaar', filter: { observedFrom: '2026-01-01', observedTo: '2026-01-31' } }),
    ).toEqual([]);
    expect(ids({ search: 'zonnepanelen' })).toEqual([]);
    expect(ids({ search: 'erfgoedwet' })).toEqual([]);
    expect(ids({ search: 'windmolen' })).toEqual(['s4']);
    expect(ids({ search: 'dijken' })).toEqual(['s3']);
    expect(ids({ filter: { normRefs: ['Erfgoedwet art. 3.1'] } })).toEqual([]);
  });

  it('ends with the same rows when a batch is replayed after a crash before its commit', () => {
    const events = landscape();
    applyWithCrash(db, projection, events, 6);
    const clean = new BetterSqlite3(':memory:');
    const fresh = createSignalsProjection(testContext);
    fresh.migrate(clean);
    fresh.index?.(clean);
    applyAll(clean, fresh, events);
    expect(dumpTables(db, TABLES)).toEqual(dumpTables(clean, TABLES));
    for (const word of ['monument', 'cafe', 'geluid', 'elkaar', 'erfgoedwet']) {
      const statuses = ['ACTIVE', 'DUPLICATE', 'WITHDRAWN'] as const;
      const query = { first: 100, search: word, filter: { statuses: [...statuses] } };
      expect(listSignals(db, query).rows.map((r) => r.id)).toEqual(
        listSignals(clean, query).rows.map((r) => r.id),
      );
    }
    clean.close();
  });

  it('ignores an event it already applied, so a replay cannot double a change', () => {
    const events = landscape();
    applyAll(db, projection, events);
    const before = dumpTables(db, TABLES);
    applyAll(db, projection, events);
    expect(dumpTables(db, TABLES)).toEqual(before);
  });

  it('drops its tables', () => {
    applyAll(db, projection, landscape());
    projection.drop(db);
    const left = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE name LIKE 'signals%'")
      .all();
    expect(left).toEqual([]);
  });
});
