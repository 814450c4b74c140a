import { startTestServer, type TestServer } from './support/test-server';
import { onIdempotencyRecords } from './support/idempotency-records';
import type { TestResponse } from '../libs/testing/src/http-response';
import { eventStoreOf, signalBody, utrechtOfficer, type ProblemBody, type Written } from './signals.fixtures';

jest.setTimeout(60_000);

const TRIALS = 40;

describe('Idempotency-Key under truly concurrent requests', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(() => server?.close());

  const record = (key: string, title: string): Promise<TestResponse<Written | ProblemBody>> =>
    server.request<Written | ProblemBody>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody({ title }),
      headers: { 'idempotency-key': key },
    });

  const recordedCount = async (): Promise<number> =>
    (await eventStoreOf(server).readAll()).filter((event) => event.type === 'SignalRecorded').length;

  it('the same key with two bodies at the same moment writes one resource; the other is 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const before = await recordedCount();
    for (let trial = 0; trial < TRIALS; trial++) {
      const key = `race-${trial}`;
      const titles = [`Eerste melding ${trial}`, `Tweede melding ${trial}`];
      const answers = await Promise.all(titles.map((title) => record(key, title)));
      const statuses = answers.map((answer) => answer.status).sort();
      expect({ trial, statuses }).toEqual({ trial, statuses: [201, 409] });
      const winner = answers.findIndex((answer) => answer.status === 201);
      expect((answers[1 - winner].body as ProblemBody).code).toBe('IDEMPOTENCY_KEY_REUSED');

      // A retry of the written one is answered as it was; the refused one stays refused.
      const retried = await record(key, titles[winner]);
      expect({ trial, status: retried.status, body: retried.body }).toEqual({
        trial,
        status: 201,
        body: answers[winner].body,
      });
      expect((await record(key, titles[1 - winner])).status).toBe(409);
    }
    expect((await recordedCount()) - before).toBe(TRIALS);
  });

  it('the same request sent many times at once is written once and answered the same every time', async () => {
    const before = await recordedCount();
    const answers = await Promise.all(Array.from({ length: 8 }, () => record('burst-1', 'Eén melding')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(201));
    const bodies = new Set(answers.map((answer) => JSON.stringify(answer.body)));
    expect(bodies.size).toBe(1);
    expect(new Set(answers.map((answer) => answer.headers.get('location'))).size).toBe(1);
    expect((await recordedCount()) - before).toBe(1);
  });

  it('a refused request does not hold the key: the corrected request may use it', async () => {
    const refused = await server.request<ProblemBody>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody({ policyDomain: 'no-such-domain' }),
      headers: { 'idempotency-key': 'corrected-1' },
    });
    expect(refused.status).toBe(400);
    expect((await record('corrected-1', 'Verbeterde melding')).status).toBe(201);
  });

  it('a key left reserved by a crash is answered from the log when the write happened, and executed when not', async () => {
    const before = await recordedCount();
    const written = await record('crash-written', 'Melding vóór de crash');
    expect(written.status).toBe(201);
    // What a crash between the append and the answer's record leaves: the key reserved, no answer;
    // and a crash before the append: the same request reserved under another key, nothing written.
    await onIdempotencyRecords(
      server.dataDir,
      "UPDATE idempotency_records SET status = 0, body = 'null', headers = '{}' WHERE key = $1",
      ['crash-written'],
    );
    await onIdempotencyRecords(
      server.dataDir,
      `INSERT INTO idempotency_records (subject, key, fingerprint, status, body, headers, created_at)
       SELECT subject, $2, fingerprint, 0, 'null', '{}', created_at FROM idempotency_records WHERE key = $1`,
      ['crash-written', 'crash-unwritten'],
    );

    expect((await record('crash-written', 'Een andere melding')).status).toBe(409);
    const retried = await record('crash-written', 'Melding vóór de crash');
    expect({ status: retried.status, body: retried.body }).toEqual({ status: 201, body: written.body });
    expect((await recordedCount()) - before).toBe(1);

    expect((await record('crash-unwritten', 'Een andere melding')).status).toBe(409);
    const executed = await record('crash-unwritten', 'Melding vóór de crash');
    expect(executed.status).toBe(201);
    expect((executed.body as Written).id).not.toBe((written.body as Written).id);
    expect((await recordedCount()) - before).toBe(2);
    expect(await record('crash-unwritten', 'Melding vóór de crash')).toMatchObject({
      status: 201,
      body: executed.body,
    });
  });
});
