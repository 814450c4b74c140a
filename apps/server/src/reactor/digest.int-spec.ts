import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { streamIdOf } from '@praktijklus/domain';
import { SqliteEventStore } from '@praktijklus/event-store';
import {
  type DigestBody,
  NotificationStore,
  Reactor,
  REACTOR_FILE,
  REACTOR_LOCK_FILE,
  type ReactorLogger,
} from '@praktijklus/reactor';
import { ReferenceData } from '@praktijklus/reference';
import { deterministicUuid } from '@praktijklus/commands';
import { createTimeCommandIssuer } from './time-commands';

const quiet: ReactorLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const reference = ReferenceData.load();
const officer = { sub: 'officer-utrecht', authority: 'gm0344', roles: ['officer' as const] };
const ESCALATION = 'e0000000-0000-4000-8000-00000000e001';
const DECIDED = 'e0000000-0000-4000-8000-00000000e002';
const AGREEMENT = 'a0000000-0000-4000-8000-00000000a001';
const EXPERIMENT = 'c0000000-0000-4000-8000-00000000c001';
const SIGNAL = '50000000-0000-4000-8000-000000000001';

describe('the daily digest (real SQLite store and reactor file, a controlled clock)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let api: { db: BetterSqlite3.Database; notifications: NotificationStore };
  const reactors: Reactor[] = [];

  const reactor = (): Reactor => {
    const created = new Reactor({
      store,
      file: join(dir, REACTOR_FILE),
      lockFile: join(dir, REACTOR_LOCK_FILE),
      rules: { nonResponseAfterWorkingDays: 5 },
      issue: createTimeCommandIssuer(store, reference, { escalationResponseWorkingDays: 20 }),
      synchronous: 'NORMAL',
      logger: quiet,
      // No sendMail: the digests stay in the outbox, where this test reads them.
      notifications: { allowPrivateNetworks: false, maxAttempts: 3, digestHour: 7 },
    });
    reactors.push(created);
    created.start();
    return created;
  };

  const write = async (streamId: string, type: string, data: Record<string, unknown>) => {
    const existing = await store.readStream(streamId, { whenMissing: 'empty' });
    await store.append(
      streamId,
      [
        {
          id: deterministicUuid('test', streamId, String(existing.length)),
          type,
          data,
          metadata: { actor: officer, correlationId: 'c', causationId: 'c', schemaVersion: 1 },
        },
      ],
      { expectedRevision: existing.length === 0 ? 'NO_STREAM' : existing.length - 1 },
    );
  };

  const settleAndTick = async (subject: Reactor, now: string) => {
    const head = await store.headPosition();
    for (let i = 0; i < 200 && subject.status().position !== head; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await subject.tick(new Date(now));
  };

  /** The digests in the outbox of one subscription, oldest first. */
  const digestsOf = (subscriptionId: string): DigestBody[] =>
    api.notifications
      .due(new Date('2100-01-01T00:00:00Z'), 1000)
      .filter((d) => d.subscriptionId === subscriptionId && d.type === 'nl.praktijklus.digest.overdue')
      .map((d) => JSON.parse(d.body) as DigestBody)
      .sort((a, b) => a.day.localeCompare(b.day));

  const raise = (id: string, addressedTo: string, respondBy: string, title: string) =>
    write(streamIdOf('escalation', id), 'EscalationRaised', {
      escalationId: id,
      title,
      reason: 'Loopt vast',
      signalIds: [SIGNAL],
      raisedBy: 'gm0344',
      raisedByUser: 'officer-utrecht',
      addressedTo,
      respondBy,
      raisedAt: '2026-02-01T09:00:00.000Z',
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'digest-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    await write(streamIdOf('signal', SIGNAL), 'SignalRecorded', {
      signalId: SIGNAL,
      policyDomain: 'housing',
    });
    await raise(ESCALATION, 'gm0363', '2026-03-06T16:00:00.000Z', 'Woningsplitsing');
    await raise(DECIDED, 'gm0363', '2026-03-06T16:00:00.000Z', 'Al besloten');
    await write(streamIdOf('escalation', DECIDED), 'EscalationDecided', {
      escalationId: DECIDED,
      outcome: 'NO_CHANGE',
      rationale: 'Geen wijziging',
      decidedAt: '2026-03-02T09:00:00.000Z',
      decidedBy: 'gm0363',
    });
    await write(streamIdOf('agreement', AGREEMENT), 'AgreementMade', {
      agreementId: AGREEMENT,
      title: 'Regel aanpassen',
      commitment: 'De gemeente past de regel aan',
      owner: 'gm0363',
      parties: ['gm0363', 'gm0344'],
      dueBy: '2026-06-30',
      firstFollowUpOn: '2026-03-10',
      escalationId: null,
      madeBy: 'gm0363',
      madeAt: '2026-03-01T09:00:00.000Z',
    });
    await write(streamIdOf('experiment', EXPERIMENT), 'ExperimentStarted', {
      experimentId: EXPERIMENT,
      escalationId: ESCALATION,
      owner: 'gm0363',
      title: 'Proef',
      hypothesis: 'Werkt',
      legalRoute: 'EXPERIMENT_CLAUSE',
      startsOn: '2026-03-01',
      endsOn: '2026-03-20',
      startedAt: '2026-03-01T09:00:00.000Z',
    });
    const db = new BetterSqlite3(join(dir, REACTOR_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    api = { db, notifications: new NotificationStore(db) };
  });

  afterEach(async () => {
    for (const each of reactors.splice(0)) await each.stop();
    api.db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const subscribe = (authority: string) =>
    api.notifications.subscribe(
      {
        authority,
        createdBy: `admin-${authority}`,
        channel: 'EMAIL',
        target: `${authority}@example.nl`,
        types: ['nl.praktijklus.escalation.raised'],
      },
      new Date('2026-03-01T09:00:00.000Z'),
    ).id;

  it('goes out once a day from DIGEST_HOUR in Amsterdam, only with something overdue, never twice', async () => {
    const amsterdam = subscribe('gm0363');
    const utrecht = subscribe('gm0344');
    let subject = reactor();

    // Nothing overdue yet: nothing is sent.
    await settleAndTick(subject, '2026-03-06T12:00:00.000Z');
    expect(digestsOf(amsterdam)).toEqual([]);
    // 06:30 in Amsterdam on the 7th: overdue, but before the hour.
    await settleAndTick(subject, '2026-03-07T05:30:00.000Z');
    expect(digestsOf(amsterdam)).toEqual([]);
    // 07:30: the day's digest, with the undecided escalation only.
    await settleAndTick(subject, '2026-03-07T06:30:00.000Z');
    expect(digestsOf(amsterdam)).toEqual([
      {
        day: '2026-03-07',
        authority: 'gm0363',
        items: [
          {
            kind: 'escalation',
            entityId: ESCALATION,
            title: 'Woningsplitsing',
            dueOn: '2026-03-06T16:00:00.000Z',
          },
        ],
      },
    ]);
    await settleAndTick(subject, '2026-03-07T10:00:00.000Z');
    await subject.stop();
    subject = reactor();
    await settleAndTick(subject, '2026-03-07T22:59:00.000Z');
    expect(digestsOf(amsterdam)).toHaveLength(1);

    // Two weeks on: the follow-up and the experiment's evaluation are overdue too, the due date not yet.
    await settleAndTick(subject, '2026-03-21T08:00:00.000Z');
    const [, second] = digestsOf(amsterdam);
    expect(second.day).toBe('2026-03-21');
    expect(second.items.map((item) => [item.kind, item.entityId, item.dueOn])).toEqual([
      ['escalation', ESCALATION, '2026-03-06T16:00:00.000Z'],
      ['agreement-follow-up', AGREEMENT, '2026-03-10'],
      ['experiment-evaluation', EXPERIMENT, '2026-03-20'],
    ]);
    // Utrecht raised the escalation and is party to the agreement, but owes none of it.
    expect(digestsOf(utrecht)).toEqual([]);
  });

  it('drops what was decided, evaluated or followed up', async () => {
    const amsterdam = subscribe('gm0363');
    await write(streamIdOf('escalation', ESCALATION), 'EscalationDecided', {
      escalationId: ESCALATION,
      outcome: 'NO_CHANGE',
      rationale: 'Geen wijziging',
      decidedAt: '2026-03-09T09:00:00.000Z',
      decidedBy: 'gm0363',
    });
    await write(streamIdOf('agreement', AGREEMENT), 'FollowUpRecorded', {
      agreementId: AGREEMENT,
      heldOn: '2026-03-10',
      assessment: 'ON_TRACK',
      notes: 'Loopt',
      nextFollowUpOn: '2026-05-01',
      recordedBy: 'admin-gm0363',
      recordedAt: '2026-03-10T09:00:00.000Z',
    });
    await write(streamIdOf('experiment', EXPERIMENT), 'ExperimentEvaluated', {
      experimentId: EXPERIMENT,
      conclusion: 'Werkt',
      policyConsequence: 'NONE',
      rationale: 'Zie rapport',
      evaluatedAt: '2026-03-21T07:00:00.000Z',
    });
    const subject = reactor();
    await settleAndTick(subject, '2026-03-21T08:00:00.000Z');
    expect(digestsOf(amsterdam)).toEqual([]);
    await settleAndTick(subject, '2026-05-02T08:00:00.000Z');
    expect(digestsOf(amsterdam).map((d) => d.items.map((i) => [i.kind, i.dueOn]))).toEqual([
      [['agreement-follow-up', '2026-05-01']],
    ]);
  });

  it('makes no pending delivery of an ended subscription', async () => {
    const amsterdam = subscribe('gm0363');
    const subject = reactor();
    await settleAndTick(subject, '2026-03-07T06:30:00.000Z');
    expect(digestsOf(amsterdam)).toHaveLength(1);
    expect(api.notifications.unsubscribe(amsterdam, 'gm0363', new Date('2026-03-07T06:31:00.000Z'))).toBe(
      true,
    );
    expect(digestsOf(amsterdam)).toEqual([]);
    await settleAndTick(subject, '2026-03-08T06:30:00.000Z');
    expect(digestsOf(amsterdam)).toEqual([]);
  });
});
