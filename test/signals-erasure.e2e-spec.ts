import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../apps/cli/src/main';
import type { CliOutput } from '../apps/cli/src/cli-error';
import type { Projector } from '@praktijklus/projections';
import { PERSONAL_DATA_FILE } from '@praktijklus/config';
import { PROJECTOR } from '../apps/server/src/projections/projections.tokens';
import { TEST_JWT_SECRET } from '../libs/testing/src/test-secret';
import { startTestServer, type TestServer } from './support/test-server';
import {
  amsterdamOfficer,
  filesContaining,
  headOf,
  type ProblemBody,
  provinceAdmin,
  utrechtAdmin,
  signalBody,
  utrechtOfficer,
  type Written,
} from './signals.fixtures';

interface SignalBody {
  revision: number;
  title: string;
  description: string;
  norms: unknown[];
  authorities: string[];
  hasInitiative: boolean;
  initiative?: { name?: string; contact?: string; erased?: boolean; erasedAt?: string } | null;
}

interface HistoryBody {
  type: string;
  actor: { sub: string; authority: string; roles: string[] };
}

// The personal data under test; distinctive enough that a match in a file can only be a leak.
const FIRST = { name: 'Buurtcoöperatie De Zonnige Zwaluw', contact: 'jannie.zwaluw@example.org' };
const SECOND = { name: 'Zwaluw Zonnestroom Coöperatie U.A.', contact: '+31 6 1234 5678 (Jannie Zwaluw)' };

/** Waits until the read models have processed `position`, so a leak into them would be on disk. */
async function projected(server: TestServer, position: string): Promise<void> {
  const reached = await server.app.get<symbol, Projector>(PROJECTOR).waitFor(position, 10_000);
  expect(reached).toBe(true);
}

/** Waits until time travel's history (its own thread) has applied `position` in every projection. */
async function historyReached(dataDir: string, position: string): Promise<void> {
  const file = join(dataDir, 'history.sqlite');
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (existsSync(file)) {
      const db = new Database(file, { readonly: true });
      try {
        // The thread may have created the file but not yet its checkpoint table.
        const created = db
          .prepare<[], number>("SELECT count(*) FROM sqlite_master WHERE name = 'projector_checkpoints'")
          .pluck()
          .get();
        const positions = created
          ? db.prepare<[], string | null>('SELECT position FROM projector_checkpoints').pluck().all()
          : [];
        if (positions.length > 0 && positions.every((reached) => Number(reached ?? 0) >= Number(position)))
          return;
      } finally {
        db.close();
      }
    }
    if (Date.now() > deadline) throw new Error(`time travel's history did not reach ${position}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function leaks(dataDir: string, ...texts: string[]): string[] {
  return texts.flatMap((text) => filesContaining(dataDir, text).map((file) => `${text} in ${file}`));
}

describe('erasing personal data through the admin route', () => {
  let server: TestServer;
  let signal: Written;

  beforeAll(async () => {
    // With time travel's history, which keeps every version of every read-model row.
    server = await startTestServer({ env: { TIME_TRAVEL_HISTORY: 'on' } });
    const recorded = await server.request<Written>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody({ initiative: FIRST }),
      headers: { 'idempotency-key': 'met-initiatief-1' },
    });
    expect(recorded.status).toBe(201);
    signal = recorded.body;
    const amended = await server.request<Written>('PATCH', `/api/v1/signals/${signal.id}`, {
      token: utrechtOfficer,
      body: { initiative: SECOND },
    });
    expect(amended.status).toBe(200);
    await projected(server, amended.body.position);
  });

  afterAll(async () => {
    await server.close();
  });

  it('holds the personal data on disk before erasure (so the search below can find it)', () => {
    expect(filesContaining(server.dataDir, SECOND.name).length).toBeGreaterThan(0);
  });

  it('refuses erasure to officers and analysts (403), writing nothing', async () => {
    const head = await headOf(server);
    for (const token of [utrechtOfficer, amsterdamOfficer]) {
      const response = await server.request<ProblemBody>(
        'POST',
        `/api/v1/signals/${signal.id}/erase-personal-data`,
        {
          token,
        },
      );
      expect(response.status).toBe(403);
    }
    expect(await headOf(server)).toBe(head);
    expect(
      (await server.request<SignalBody>('GET', `/api/v1/signals/${signal.id}`, { token: utrechtOfficer }))
        .body.initiative,
    ).toEqual(SECOND);
  });

  it('erases every version of the name and contact from every file in DATA_DIR', async () => {
    const response = await server.request<Written & { erased: boolean }>(
      'POST',
      `/api/v1/signals/${signal.id}/erase-personal-data`,
      { token: provinceAdmin },
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: signal.id, revision: 2, position: expect.any(String), erased: true });
    await projected(server, response.body.position);
    await historyReached(server.dataDir, response.body.position);

    expect(leaks(server.dataDir, FIRST.name, FIRST.contact, SECOND.name, SECOND.contact)).toEqual([]);
  });

  it('keeps the rest of the signal and shows the initiative as erased', async () => {
    const response = await server.request<SignalBody>('GET', `/api/v1/signals/${signal.id}`, {
      token: utrechtOfficer,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      revision: 2,
      title: signalBody().title,
      description: signalBody().description,
      norms: signalBody().norms,
      authorities: signalBody().authorities,
      hasInitiative: true,
      initiative: { erased: true, erasedAt: expect.any(String) },
    });
    expect(response.text).not.toContain('Zwaluw');
  });

  it('records who erased it in the history, without any of the data', async () => {
    const response = await server.request<HistoryBody[]>('GET', `/api/v1/signals/${signal.id}/history`, {
      token: provinceAdmin,
    });
    expect(response.body.map((entry) => entry.type)).toEqual([
      'SignalRecorded',
      'SignalAmended',
      'SignalPersonalDataErased',
    ]);
    expect(response.body[2].actor).toEqual({ sub: 'admin-pv26', authority: 'pv26', roles: ['admin'] });
    expect(response.text).not.toContain('Zwaluw');
  });

  it('answers a second erasure the same way and writes nothing', async () => {
    const head = await headOf(server);
    const response = await server.request<Written & { erased: boolean }>(
      'POST',
      `/api/v1/signals/${signal.id}/erase-personal-data`,
      { token: provinceAdmin },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: signal.id, revision: 2, erased: true });
    expect(await headOf(server)).toBe(head);
  });

  it('keeps a replayed recording with the same Idempotency-Key from bringing the data back', async () => {
    const replay = await server.request<Written>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody({ initiative: FIRST }),
      headers: { 'idempotency-key': 'met-initiatief-1' },
    });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(signal.id);
    expect(leaks(server.dataDir, FIRST.name, FIRST.contact)).toEqual([]);
  });

  it('answers 404 for a signal that does not exist', async () => {
    const response = await server.request<ProblemBody>(
      'POST',
      '/api/v1/signals/2c4e6a8b-1d3f-4a5b-9c7d-8e9f0a1b2c3d/erase-personal-data',
      { token: provinceAdmin },
    );
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'SIGNAL_NOT_FOUND' });
  });
});

describe('erasing while the vault cannot be written', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('records no erasure while the vault row stays, and completes it when asked again', async () => {
    const recorded = await server.request<Written>('POST', '/api/v1/signals', {
      token: utrechtOfficer,
      body: signalBody({ initiative: FIRST }),
    });
    expect(recorded.status).toBe(201);
    const id = recorded.body.id;
    // Another process holds the vault's write lock past the server's busy timeout.
    const holder = new Database(join(server.dataDir, PERSONAL_DATA_FILE));
    holder.exec('BEGIN EXCLUSIVE');
    let failed;
    try {
      failed = await server.request<ProblemBody>('POST', `/api/v1/signals/${id}/erase-personal-data`, {
        token: provinceAdmin,
      });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(failed.headers.get('retry-after')).toBe('5');
    const history = await server.request<HistoryBody[]>('GET', `/api/v1/signals/${id}/history`, {
      token: provinceAdmin,
    });
    expect(history.body.map((entry) => entry.type)).toEqual(['SignalRecorded']);
    const unchanged = await server.request<SignalBody>('GET', `/api/v1/signals/${id}`, {
      token: utrechtAdmin,
    });
    expect(unchanged.body.initiative).toEqual(FIRST);

    const again = await server.request<Written>('POST', `/api/v1/signals/${id}/erase-personal-data`, {
      token: provinceAdmin,
    });
    expect(again.status).toBe(200);
    const signal = await server.request<SignalBody>('GET', `/api/v1/signals/${id}`, { token: utrechtAdmin });
    expect(signal.body.initiative).toEqual({ erased: true, erasedAt: expect.any(String) });
    expect(leaks(server.dataDir, FIRST.name, FIRST.contact)).toEqual([]);
  }, 30_000);
});

describe('npm run cli -- erase-initiative <signalId> (offline)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-erase-'));
  const env = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    SQLITE_SYNCHRONOUS: 'NORMAL',
  };
  const cli = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const output: CliOutput = {
      out: (text) => (out += text),
      err: (text) => (err += text),
      interactive: false,
    };
    const code = await runCli(args, env, output);
    return { code, out, err };
  };
  let signalId: string;

  beforeAll(async () => {
    const server = await startTestServer({ env: { DATA_DIR: dataDir } });
    try {
      const recorded = await server.request<Written>('POST', '/api/v1/signals', {
        token: utrechtOfficer,
        body: signalBody({ initiative: FIRST }),
      });
      signalId = recorded.body.id;
      await projected(server, recorded.body.position);
    } finally {
      await server.close();
    }
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a missing or malformed signal id as a usage mistake', async () => {
    expect((await cli('erase-initiative')).code).toBe(2);
    expect((await cli('erase-initiative', 'signaal-1')).code).toBe(2);
  });

  it('refuses a signal that does not exist', async () => {
    const result = await cli('erase-initiative', '2c4e6a8b-1d3f-4a5b-9c7d-8e9f0a1b2c3d');
    expect(result.code).toBe(1);
    expect(result.err).toContain('SIGNAL_NOT_FOUND');
  });

  it('erases the name and contact from every file while the server is down', async () => {
    expect(filesContaining(dataDir, FIRST.name).length).toBeGreaterThan(0);
    const result = await cli('erase-initiative', signalId, '--by', 'fg-utrecht');
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(signalId);
    expect(leaks(dataDir, FIRST.name, FIRST.contact)).toEqual([]);
  });

  it('stays erased after the read models are rebuilt from the log', async () => {
    const result = await cli('projections', 'rebuild');
    expect(result.code).toBe(0);
    expect(leaks(dataDir, FIRST.name, FIRST.contact)).toEqual([]);
  });

  it('shows the erasure to the restarted server, with the operator in the history', async () => {
    const server = await startTestServer({ env: { DATA_DIR: dataDir } });
    try {
      const signal = await server.request<SignalBody>('GET', `/api/v1/signals/${signalId}`, {
        token: utrechtAdmin,
      });
      expect(signal.body).toMatchObject({
        title: signalBody().title,
        initiative: { erased: true, erasedAt: expect.any(String) },
      });
      const history = await server.request<HistoryBody[]>('GET', `/api/v1/signals/${signalId}/history`, {
        token: provinceAdmin,
      });
      expect(history.body.at(-1)).toMatchObject({
        type: 'SignalPersonalDataErased',
        actor: { sub: 'fg-utrecht', authority: 'platform', roles: ['admin'] },
      });
    } finally {
      await server.close();
    }
  });
});
