import { testToken, type SpawnedServer, type TokenClaims } from '@praktijklus/testing';
import { raiseBody } from '../escalations.fixtures';
import { signalBody } from '../signals.fixtures';
import { eventually, sleep, startServer, temporaryDataDir } from './support/fault-server';

const officer: TokenClaims = { sub: 'officer-utrecht', roles: ['officer'], authority: 'gm0344' };

interface Ready {
  reactor: { role: 'leader' | 'standby' | 'stopped' } | null;
}

async function call<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await testToken(officer)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const roleOf = async (url: string): Promise<string | undefined> => {
  const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(10_000) });
  return ((await response.json()) as Ready).reactor?.role;
};

describe('two reactors on one DATA_DIR: one leads, the other takes over when it dies', () => {
  const data = temporaryDataDir('reactor-failover');
  const servers: SpawnedServer[] = [];
  const env = { DEADLINE_SCAN_INTERVAL_MS: '100', NON_RESPONSE_AFTER_WORKING_DAYS: '30' };

  afterAll(async () => {
    for (const server of servers) await server.kill();
    data.remove();
  });

  /** Raises an escalation whose deadline passes in `ms`, through the given instance. */
  const raiseDueIn = async (url: string, ms: number): Promise<string> => {
    const signal = await call<{ id: string }>(url, 'POST', '/api/v1/signals', signalBody());
    const body = raiseBody([signal.id], { respondBy: new Date(Date.now() + ms).toISOString() });
    return (await call<{ id: string }>(url, 'POST', '/api/v1/escalations', body)).id;
  };
  const deadlinesPassed = async (url: string, id: string): Promise<number> =>
    (await call<Array<{ type: string }>>(url, 'GET', `/api/v1/escalations/${id}/history`)).filter(
      (entry) => entry.type === 'EscalationDeadlinePassed',
    ).length;

  it('records a passing deadline once, and after a kill -9 of the leader the standby records the next', async () => {
    // The first instance leads; the second (the only projector) stands by.
    const first = await startServer(data.dir, { ...env, ROLES: 'commands,reactor' });
    servers.push(first);
    await eventually('the first instance to lead', async () =>
      (await roleOf(first.url)) === 'leader' ? true : undefined,
    );
    const second = await startServer(data.dir, { ...env, ROLES: 'commands,queries,projector,reactor' });
    servers.push(second);
    expect(await roleOf(second.url)).toBe('standby');

    const one = await raiseDueIn(second.url, 1500);
    await eventually('the deadline to be recorded', async () =>
      (await deadlinesPassed(second.url, one)) > 0 ? true : undefined,
    );
    await sleep(1000);
    expect(await deadlinesPassed(second.url, one)).toBe(1);
    expect(await roleOf(first.url)).toBe('leader');
    expect(await roleOf(second.url)).toBe('standby');

    const two = await raiseDueIn(second.url, 2500);
    await first.kill();
    expect((await first.exited).signal).toBe('SIGKILL');
    await eventually('the standby to take over', async () =>
      (await roleOf(second.url)) === 'leader' ? true : undefined,
    );
    await eventually('the next deadline to be recorded', async () =>
      (await deadlinesPassed(second.url, two)) > 0 ? true : undefined,
    );
    await sleep(1000);
    expect(await deadlinesPassed(second.url, two)).toBe(1);
    expect(await deadlinesPassed(second.url, one)).toBe(1);
  });
});
