import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  DECISION_OUTCOMES,
  INITIATIVE_KINDS,
  SIGNAL_LEVELS,
  SIGNAL_TYPES,
  streamIdOf,
  type EscalationEvent,
  type SignalEvent,
} from '@praktijklus/domain';
import { EVENTS_TABLE_DDL, INSERT_EVENT_SQL, type EventMetadata } from '@praktijklus/event-store';
import { ReferenceData } from '@praktijklus/reference';

/** Bump when the generated history changes, so cached fixture files are not reused. */
const FIXTURE_VERSION = 3;
const ROWS_PER_TRANSACTION = 50_000;
const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2024, 0, 1);
const SPAN_DAYS = 730;

const WORDS = (
  'warmtepomp geluidsnorm vergunning omgevingsplan bouwbesluit bodem grondwater natuur stikstof erfgoed ' +
  'monument energie zonnepanelen windturbine dakkapel gevel parkeren mobiliteit circulair afval grond ' +
  'sanering peil dijk woningsplitsing mantelzorgwoning tiny house kavel bestemming functie horeca ' +
  'evenement terras laadpaal netcongestie aansluiting subsidie beschikking termijn bezwaar loket'
).split(' ');
const FILLER = 'de het een van op in voor niet met door bij naar tegen onder'.split(' ');

/** A small, fast, seeded generator: the same seed gives the same history on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform 32-bit unsigned integer (mulberry32). */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  next(): number {
    return this.uint32() / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** A version-4-shaped UUID. */
  uuid(): string {
    const hex = () => this.uint32().toString(16).padStart(8, '0');
    const [a, b, c, d] = [hex(), hex(), hex(), hex()];
    const variant = '89ab'[c.charCodeAt(0) % 4] as string;
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }

  words(count: number): string {
    return Array.from({ length: count }, (_, i) => (i % 3 === 2 ? this.pick(FILLER) : this.pick(WORDS))).join(
      ' ',
    );
  }
}

type DomainEventOf = SignalEvent | EscalationEvent;

interface Row {
  eventId: string;
  streamId: string;
  revision: number;
  event: DomainEventOf;
  actor: EventMetadata['actor'];
  at: number;
}

interface OpenEscalation {
  id: string;
  revision: number;
  addressedTo: string;
  raisedBy: string;
  stage: 'RAISED' | 'ACKNOWLEDGED' | 'DECIDED';
}

/** What a generated log holds. */
export interface BenchLog {
  file: string;
  events: number;
  signals: number;
  escalations: number;
}

/**
 * A realistic log for benchmarks, written straight into the events table (a fixture, not the
 * product path): ten SignalRecorded for every event of another kind (classifications, escalations
 * raised, acknowledged, given more signals, decided and resolved), spread over two years, with
 * real authority and policy-domain codes. Cached per size and seed, since a million events take a
 * while to write.
 */
export function benchLog(file: string, events: number, seed = 7): BenchLog {
  const signals = Math.max(1, Math.round((events * 10) / 11));
  const cachedFile = `${file.replace(/\.sqlite$/, '')}-${events}-s${seed}-v${FIXTURE_VERSION}.sqlite`;
  const summaryFile = `${cachedFile}.json`;
  if (existsSync(cachedFile) && existsSync(summaryFile)) {
    return JSON.parse(readFileSync(summaryFile, 'utf8')) as BenchLog;
  }

  mkdirSync(dirname(cachedFile), { recursive: true });
  const partial = `${cachedFile}.partial`;
  rmSync(partial, { force: true });
  const db = new BetterSqlite3(partial);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.exec(EVENTS_TABLE_DDL);
  const insert = db.prepare(INSERT_EVENT_SQL);
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  let inTransaction = 0;
  let escalations = 0;
  begin.run();
  for (const row of history(events, signals, seed)) {
    if (row.event.type === 'EscalationRaised') escalations += 1;
    const metadata: EventMetadata = {
      actor: row.actor,
      correlationId: `bench-${row.streamId}-${row.revision}`,
      causationId: `bench-${row.streamId}-${row.revision}`,
      schemaVersion: 1,
    };
    insert.run(
      row.eventId,
      row.streamId,
      row.revision,
      row.event.type,
      JSON.stringify(row.event.data),
      JSON.stringify(metadata),
      new Date(row.at).toISOString(),
    );
    inTransaction += 1;
    if (inTransaction === ROWS_PER_TRANSACTION) {
      commit.run();
      begin.run();
      inTransaction = 0;
    }
  }
  commit.run();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const log: BenchLog = { file: cachedFile, events, signals, escalations };
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  renameSync(partial, cachedFile);
  writeFileSync(summaryFile, JSON.stringify(log));
  return log;
}

function* history(events: number, signals: number, seed: number): Generator<Row> {
  const random = new Random(seed);
  const reference = ReferenceData.load();
  const authorities = reference.authorities().map((a) => a.id);
  const municipalities = reference.authorities('MUNICIPALITY').map((a) => a.id);
  const domains = reference.policyDomains().map((d) => d.code);
  const recentSignals: RecentSignal[] = [];
  const open: OpenEscalation[] = [];
  let written = 0;
  let signalsWritten = 0;
  const stepMs = (SPAN_DAYS * DAY_MS) / Math.max(1, events);

  for (let index = 0; index < events; index += 1) {
    const at = START_MS + Math.floor(index * stepMs);
    const nowIso = new Date(at).toISOString();
    const wantSignal = signalsWritten < signals && (index % 11 !== 10 || recentSignals.length === 0);
    if (wantSignal) {
      const signalId = random.uuid();
      const reporting = random.pick(municipalities);
      const type = random.next() < 0.2 ? 'CONFLICTING_NORMS' : random.pick(SIGNAL_TYPES);
      const observed = new Date(at - random.int(60) * DAY_MS).toISOString().slice(0, 10);
      const officer = `officer-${reporting}-${random.int(5)}`;
      yield {
        eventId: random.uuid(),
        streamId: streamIdOf('signal', signalId),
        revision: 0,
        at,
        actor: { sub: officer, authority: reporting, roles: ['officer'] },
        event: {
          type: 'SignalRecorded',
          data: {
            signalId,
            type,
            title: random.words(7),
            description: random.words(40),
            policyDomain: random.pick(domains),
            level: random.pick(SIGNAL_LEVELS),
            initiativeKind: random.pick(INITIATIVE_KINDS),
            observedAt: observed,
            authorities: random.next() < 0.4 ? [reporting, random.pick(authorities)] : [reporting],
            norms:
              type === 'CONFLICTING_NORMS'
                ? [
                    { ref: `Bbl art. 4.${random.int(40) + 1}` },
                    { ref: `Omgevingsplan ${reporting} art. ${random.int(30) + 1}.${random.int(9) + 1}` },
                  ]
                : [],
            initiative: null,
            location: random.next() < 0.5 ? { municipality: reporting } : null,
            reportingAuthority: reporting,
            reportedBy: officer,
            recordedAt: nowIso,
          },
        },
      };
      recentSignals.push({ id: signalId, revision: 0 });
      if (recentSignals.length > 200) recentSignals.shift();
      signalsWritten += 1;
      written += 1;
      continue;
    }
    written += 1;
    yield otherEvent(random, { at, nowIso, authorities, municipalities, recentSignals, open });
  }
  if (written !== events) throw new Error(`generated ${written} of ${events} events`);
}

interface Context {
  at: number;
  nowIso: string;
  authorities: string[];
  municipalities: string[];
  recentSignals: RecentSignal[];
  open: OpenEscalation[];
}

interface RecentSignal {
  id: string;
  revision: number;
}

/** One event that is not a recorded signal: a classification, or the next step of an escalation. */
function otherEvent(random: Random, ctx: Context): Row {
  const { at, nowIso, open } = ctx;
  const admin = (authority: string): EventMetadata['actor'] => ({
    sub: `admin-${authority}`,
    authority,
    roles: ['admin'],
  });
  const roll = random.next();
  const someSignal = (): string => random.pick(ctx.recentSignals).id;
  if (roll < 0.25) {
    const signal = random.pick(ctx.recentSignals);
    signal.revision += 1;
    const signalId = signal.id;
    return {
      eventId: random.uuid(),
      streamId: streamIdOf('signal', signalId),
      revision: signal.revision,
      at,
      actor: { sub: 'analyst-bzk', authority: 'mnre1034', roles: ['analyst'] },
      event: {
        type: 'SignalClassified',
        data: { signalId, themes: [random.pick(WORDS), random.pick(WORDS)], classifiedAt: nowIso },
      },
    };
  }
  if (open.length < 50 || roll < 0.45) {
    const escalationId = random.uuid();
    const raisedBy = random.pick(ctx.municipalities);
    const addressedTo = random.pick(ctx.authorities.filter((a) => a !== raisedBy));
    const signalIds = [...new Set([someSignal(), someSignal()])];
    open.push({ id: escalationId, revision: 0, addressedTo, raisedBy, stage: 'RAISED' });
    return {
      eventId: random.uuid(),
      streamId: streamIdOf('escalation', escalationId),
      revision: 0,
      at,
      actor: { sub: `officer-${raisedBy}-0`, authority: raisedBy, roles: ['officer'] },
      event: {
        type: 'EscalationRaised',
        data: {
          escalationId,
          title: random.words(6),
          reason: random.words(20),
          signalIds,
          raisedBy,
          raisedByUser: `officer-${raisedBy}-0`,
          addressedTo,
          respondBy: new Date(at + (20 + random.int(20)) * DAY_MS).toISOString(),
          raisedAt: nowIso,
        },
      },
    };
  }
  const slot = random.int(open.length);
  const escalation = open[slot] as OpenEscalation;
  escalation.revision += 1;
  const base = {
    eventId: random.uuid(),
    streamId: streamIdOf('escalation', escalation.id),
    revision: escalation.revision,
    at,
    actor: admin(escalation.addressedTo),
  };
  if (escalation.stage === 'RAISED') {
    escalation.stage = 'ACKNOWLEDGED';
    return {
      ...base,
      event: {
        type: 'EscalationAcknowledged',
        data: { escalationId: escalation.id, acknowledgedAt: nowIso },
      },
    };
  }
  if (escalation.stage === 'ACKNOWLEDGED' && random.next() < 0.4) {
    return {
      ...base,
      actor: admin(escalation.raisedBy),
      event: {
        type: 'SignalsAttached',
        data: { escalationId: escalation.id, signalIds: [someSignal()], attachedAt: nowIso },
      },
    };
  }
  if (escalation.stage === 'ACKNOWLEDGED') {
    escalation.stage = 'DECIDED';
    return {
      ...base,
      event: {
        type: 'EscalationDecided',
        data: {
          escalationId: escalation.id,
          outcome: random.pick(DECISION_OUTCOMES),
          rationale: random.words(15),
          decidedAt: nowIso,
          decidedBy: escalation.addressedTo,
        },
      },
    };
  }
  open.splice(slot, 1);
  return {
    ...base,
    event: {
      type: 'EscalationResolved',
      data: { escalationId: escalation.id, summary: random.words(10), resolvedAt: nowIso },
    },
  };
}
