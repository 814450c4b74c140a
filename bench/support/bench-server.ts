import { readFileSync } from 'node:fs';
import {
  npmStartCommand,
  spawnServer,
  testToken,
  type SpawnedServer,
  type StartCommand,
  type TokenClaims,
} from '@praktijklus/testing';

export interface BenchServer {
  url: string;
  pid: number;
  server: SpawnedServer;
  stop(): Promise<void>;
}

/** More server settings for every benchmark server: BENCH_SERVER_ENV="ROLES=commands;SQLITE_SYNCHRONOUS=NORMAL". */
function extraSettings(): Record<string, string> {
  return Object.fromEntries(
    (process.env.BENCH_SERVER_ENV ?? '')
      .split(';')
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

/**
 * The server as `npm start` runs it (built by `prebench`), with the environment and the node options
 * of its start script: the transpiler of the sources would count in its memory. BENCH_SERVER_MAIN
 * runs another build instead, e.g. a copy of `dist/` from the commit before a change
 * (`dist/before/apps/server/src/main.js`), to compare the two in one run; BENCH_SERVER_NODE_ARGS
 * replaces the node options (`-` for none).
 */
function builtServer(): StartCommand {
  const start = npmStartCommand();
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS;
  return {
    env: start.env,
    nodeArgs:
      nodeArgs === undefined
        ? start.nodeArgs
        : nodeArgs.split(/\s+/).filter((arg) => arg.startsWith('-') && arg !== '-'),
    entry: process.env.BENCH_SERVER_MAIN ?? start.entry,
  };
}

/**
 * A server process for a benchmark, the built server with FULL durability and no rate limit.
 * `entry` swaps in another program (the bare route).
 */
export async function startBenchServer(env: Record<string, string>, entry?: string): Promise<BenchServer> {
  const built = entry === undefined ? builtServer() : undefined;
  const server = await spawnServer({
    env: {
      ...built?.env,
      SQLITE_SYNCHRONOUS: 'FULL',
      NODE_ENV: 'production',
      ...env,
      ...(built ? extraSettings() : {}),
    },
    entry: entry ?? built?.entry,
    nodeArgs: built?.nodeArgs ?? [],
    startTimeoutMs: 300_000,
  });
  if (server.url === undefined || server.child.pid === undefined) {
    throw new Error(`the server did not start:\n${server.output()}`);
  }
  return { url: server.url, pid: server.child.pid, server, stop: () => server.stop() };
}

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** Waits until /ready says every projection runs and none is behind; returns the seconds it took. */
export async function waitUntilCaughtUp(url: string, timeoutMs = 3_600_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${url}/ready`).catch(() => undefined);
    if (response) {
      const body = (await response.json()) as {
        projections: Array<{
          name: string;
          status: string;
          eventsBehind: number | null;
          error: string | null;
        }>;
      };
      const halted = body.projections.filter((p) => p.status === 'halted');
      if (halted.length > 0) throw new Error(`projections halted: ${JSON.stringify(halted)}`);
      if (body.projections.length > 0 && body.projections.every((p) => p.status === 'running')) {
        return (performance.now() - started) / 1000;
      }
    }
    if (performance.now() - started > timeoutMs) throw new Error('the projector did not catch up in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface ReadyBody {
  projector: { headPosition: string | null };
  projections: Array<{ status: string; eventsBehind: number | null }>;
  reactor: { role: string; position: string | null; lastScanAt: string | null } | null;
}

/**
 * Waits for the steady state intake is measured in: every projection running and at the head, and
 * the reactor (when the server runs one) at the same head and through a deadline scan that
 * recorded nothing more (the head did not move since it got there). A server started on a copy
 * without `reactor.sqlite` first replays the whole log, then records every deadline of the fixture
 * that has passed through the request loop's appends, one scan (DEADLINE_SCAN_INTERVAL_MS) at a
 * time. Returns the seconds it took.
 */
export async function waitUntilSettled(url: string, timeoutMs = 3_600_000): Promise<number> {
  const started = performance.now();
  let caughtUp: { head: string | null; at: number } | undefined;
  for (;;) {
    const body = (await (await fetch(`${url}/ready`)).json()) as ReadyBody;
    const head = body.projector.headPosition;
    const projected = body.projections.every((p) => p.status === 'running' && p.eventsBehind === 0);
    const reactor = body.reactor;
    const atHead =
      projected && (reactor === null || (reactor.role === 'leader' && reactor.position === head));
    if (!atHead || caughtUp?.head !== head) caughtUp = atHead ? { head, at: Date.now() } : undefined;
    const scanned = reactor === null || Date.parse(reactor.lastScanAt ?? '') > (caughtUp?.at ?? Infinity);
    if (caughtUp !== undefined && scanned) return (performance.now() - started) / 1000;
    if (performance.now() - started > timeoutMs)
      throw new Error(`the server did not settle: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Waits until the reactor (when the server runs one) has read the log up to the projector's head. */
export async function waitUntilReactorAtHead(url: string, timeoutMs = 3_600_000): Promise<void> {
  const started = performance.now();
  for (;;) {
    const body = (await (await fetch(`${url}/ready`)).json()) as ReadyBody;
    const reactor = body.reactor;
    if (reactor === null || (reactor.role === 'leader' && reactor.position === body.projector.headPosition))
      return;
    if (performance.now() - started > timeoutMs)
      throw new Error(`the reactor did not catch up: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const benchAnalyst: TokenClaims = { sub: 'analyst-bench', roles: ['analyst'], authority: 'mnre1034' };
export const benchOfficer: TokenClaims = { sub: 'officer-bench', roles: ['officer'], authority: 'gm0344' };

/** A token the bench servers accept (the fixed test secret). */
export const benchToken = (claims: TokenClaims): Promise<string> => testToken(claims);
