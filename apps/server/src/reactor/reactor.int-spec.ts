import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamIdOf } from '@praktijklus/domain';
import { type RecordedEvent, SqliteEventStore } from '@praktijklus/event-store';
import { Reactor, REACTOR_FILE, REACTOR_LOCK_FILE, type ReactorLogger } from '@praktijklus/reactor';
import { ReferenceData } from '@praktijklus/reference';
import { deterministicUuid } from '@praktijklus/commands';
import { createTimeCommandIssuer } from './time-commands';

const quiet: ReactorLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const reference = ReferenceData.load();
const officer = { sub: 'officer-utrecht', authority: 'gm0344', roles: ['officer' as const] };
const ESCALATION = 'e0000000-0000-4000-8000-00000000e001';
const AGREEMENT = 'a0000000-0000-4000-8000-00000000a001';
const EXPERIMENT = 'c0000000-0000-4000-8000-00000000c001';
const SIGNAL = '50000000-0000-4000-8000-000000000001';

describe('Reactor with the time commands (real SQLite store, a controlled clock)', () => {
  let dir: string;
  let store: SqliteEventStore;
  const reactors: Reactor[] = [];

  const reactor = (nonResponseAfterWorkingDays = 5): Reactor => {
    const created = new Reactor({
      store,
      file: join(dir, REACTOR_FILE),
      lockFile: join(dir, REACTOR_LOCK_FILE),
      rules: { nonResponseAfterWorkingDays },
      issue: createTimeCommandIssuer(store, reference, { escalationResponseWorkingDays: 20 }),
      synchronous: 'NORMAL',
      logger: quiet,
    });
    reactors.push(created);
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

  const stream = (category: 'escalation' | 'agreement' | 'experiment', id: string) =>
    streamIdOf(category, id);
  const recorded = async (streamId: string): Promise<RecordedEvent[]> => store.readStream(streamId);
  const typesOf = async (streamId: string) => (await recorded(streamId)).map((e) => e.type);

  /** Lets the reactor's subscription take in what was written, then runs one scan at `now`. */
  const settleAndTick = async (subject: Reactor, now: string) => {
    const head = await store.headPosition();
    for (let i = 0; i < 200 && subject.status().position !== head; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await subject.tick(new Date(now));
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reactor-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    await write(streamIdOf('signal', SIGNAL), 'SignalRecorded', {
      signalId: SIGNAL,
      policyDomain: 'housing',
    });
    await write(stream('escalation', ESCALATION), 'EscalationRaised', {
      escalationId: ESCALATION,
      title: 'Woningsplitsing',
      reason: 'Loopt vast',
      signalIds: [SIGNAL],
      raisedBy: 'gm0344',
      raisedByUser: 'officer-utrecht',
      addressedTo: 'gm0363',
      // Friday 2026-03-06 17:00 in Amsterdam.
      respondBy: '2026-03-06T16:00:00.000Z',
      raisedAt: '2026-02-01T09:00:00.000Z',
    });
  });

  afterEach(async () => {
    for (const each of reactors.splice(0)) await each.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits the working days after a passed deadline, then climbs to the province and on to the domain’s ministry', async () => {
    const subject = reactor(5);
    subject.start();
    const id = stream('escalation', ESCALATION);
    await settleAndTick(subject, '2026-03-06T16:00:00.000Z');
    expect(await typesOf(id)).toEqual(['EscalationRaised']);

    await settleAndTick(subject, '2026-03-06T16:00:01.000Z');
    expect(await typesOf(id)).toEqual(['EscalationRaised', 'EscalationDeadlinePassed']);

    // Five working days after Friday 17:00 is Friday 13 March 17:00: not before.
    await settleAndTick(subject, '2026-03-13T15:59:00.000Z');
    expect((await typesOf(id)).length).toBe(2);
    await settleAndTick(subject, '2026-03-13T16:00:01.000Z');
    const climbed = (await recorded(id))[2];
    expect(climbed).toMatchObject({
      type: 'EscalationEscalatedForNonResponse',
      data: { from: 'gm0363', to: 'pv27', escalatedAt: '2026-03-13T16:00:01.000Z' },
    });
    const provinceDeadline = String(climbed.data.respondBy);

    await settleAndTick(subject, new Date(Date.parse(provinceDeadline) + 1).toISOString());
    await settleAndTick(subject, '2027-01-01T12:00:00.000Z');
    const events = await recorded(id);
    expect(events.map((e) => e.type)).toEqual([
      'EscalationRaised',
      'EscalationDeadlinePassed',
      'EscalationEscalatedForNonResponse',
      'EscalationDeadlinePassed',
      'EscalationEscalatedForNonResponse',
    ]);
    // Housing is the ministry of VRO's; above it nobody, recorded once more as the end of the chain.
    expect(events[4].data).toMatchObject({ from: 'pv27', to: 'mnre1171' });
    await settleAndTick(subject, '2027-06-01T12:00:00.000Z');
    await settleAndTick(subject, '2027-12-01T12:00:00.000Z');
    const final = await recorded(id);
    expect(final.slice(5).map((e) => [e.type, e.data.to ?? null])).toEqual([
      ['EscalationDeadlinePassed', null],
      ['EscalationEscalatedForNonResponse', null],
    ]);
    await settleAndTick(subject, '2028-12-01T12:00:00.000Z');
    expect(await recorded(id)).toHaveLength(7);
  });

  it('records agreement and experiment dates from the day after them in the Netherlands', async () => {
    await write(stream('agreement', AGREEMENT), 'AgreementMade', {
      agreementId: AGREEMENT,
      title: 'Regel aanpassen',
      commitment: 'De provincie past de regel aan',
      owner: 'pv26',
      parties: ['pv26', 'gm0344'],
      dueBy: '2026-06-30',
      firstFollowUpOn: '2026-04-15',
      escalationId: null,
      madeBy: 'pv26',
      madeAt: '2026-03-01T09:00:00.000Z',
    });
    await write(stream('experiment', EXPERIMENT), 'ExperimentStarted', {
      experimentId: EXPERIMENT,
      escalationId: ESCALATION,
      owner: 'pv26',
      title: 'Proef',
      hypothesis: 'Werkt',
      legalRoute: 'EXPERIMENT_CLAUSE',
      startsOn: '2026-04-01',
      endsOn: '2026-04-15',
      startedAt: '2026-03-05T09:00:00.000Z',
    });
    const subject = reactor();
    subject.start();
    await settleAndTick(subject, '2026-04-15T21:59:59.000Z');
    expect(await typesOf(stream('agreement', AGREEMENT))).toEqual(['AgreementMade']);
    await settleAndTick(subject, '2026-04-15T22:00:00.000Z');
    expect(await typesOf(stream('agreement', AGREEMENT))).toEqual(['AgreementMade', 'FollowUpMissed']);
    expect(await typesOf(stream('experiment', EXPERIMENT))).toEqual([
      'ExperimentStarted',
      'ExperimentEvaluationOverdue',
    ]);
    await settleAndTick(subject, '2026-07-01T08:00:00.000Z');
    const agreement = await recorded(stream('agreement', AGREEMENT));
    expect(agreement.map((e) => e.type)).toEqual([
      'AgreementMade',
      'FollowUpMissed',
      'AgreementDueDatePassed',
    ]);
    expect(agreement[2].metadata.actor).toEqual({ sub: 'system', authority: 'system', roles: [] });
  });

  it('one reactor per file: a second stands by, and takes over when the first stops, without recording twice', async () => {
    const first = reactor();
    const second = reactor();
    first.start();
    second.start();
    expect(first.status().role).toBe('leader');
    expect(second.status().role).toBe('standby');
    await second.tick(new Date('2026-03-07T09:00:00.000Z'));
    expect(await typesOf(stream('escalation', ESCALATION))).toEqual(['EscalationRaised']);

    await settleAndTick(first, '2026-03-07T09:00:00.000Z');
    await first.stop();
    await second.tick(new Date('2026-03-07T09:00:00.000Z'));
    expect(second.status().role).toBe('leader');
    await settleAndTick(second, '2026-03-07T09:00:00.000Z');
    expect(await typesOf(stream('escalation', ESCALATION))).toEqual([
      'EscalationRaised',
      'EscalationDeadlinePassed',
    ]);
  });

  it('a reactor that lost its file replays the log and records nothing twice', async () => {
    const first = reactor();
    first.start();
    await settleAndTick(first, '2026-03-07T09:00:00.000Z');
    await first.stop();
    rmSync(join(dir, REACTOR_FILE));
    const again = reactor();
    again.start();
    await settleAndTick(again, '2026-03-07T09:00:00.000Z');
    await settleAndTick(again, '2026-03-07T09:00:00.000Z');
    expect(await typesOf(stream('escalation', ESCALATION))).toEqual([
      'EscalationRaised',
      'EscalationDeadlinePassed',
    ]);
  });

  it('two instances racing on the same due item append its event once (deterministic ids)', async () => {
    const issue = createTimeCommandIssuer(store, reference, { escalationResponseWorkingDays: 20 });
    const due = {
      kind: 'escalation-deadline' as const,
      streamId: stream('escalation', ESCALATION),
      entityId: ESCALATION,
      key: '2026-03-06T16:00:00.000Z',
      dueAt: 0,
    };
    const answers = await Promise.all([
      issue(due, new Date('2026-03-07T09:00:00.000Z')),
      issue(due, new Date('2026-03-07T09:00:05.000Z')),
    ]);
    expect(answers).toEqual([true, true]);
    expect(await typesOf(due.streamId)).toEqual(['EscalationRaised', 'EscalationDeadlinePassed']);
  });
});
