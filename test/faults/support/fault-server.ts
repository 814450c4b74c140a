import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '@praktijklus/event-store';
import { spawnServer, type SpawnedServer, type SpawnServerOptions } from '@praktijklus/testing';

export const EVENTS_FILE = 'events.sqlite';
export const READ_MODELS_FILE = 'readmodels.sqlite';
export const IDEMPOTENCY_FILE = 'idempotency.sqlite';

/** The `SignalRecorded` events in the log of `dataDir`, after asserting the file passes SQLite's integrity check. */
export async function recordedSignalsIn(dataDir: string): Promise<number> {
  const eventsFile = join(dataDir, EVENTS_FILE);
  const store = SqliteEventStore.open({ file: eventsFile });
  const integrity = store.integrityCheck();
  await store.close();
  if (integrity !== 'ok') throw new Error(`integrity_check of ${eventsFile}: ${integrity}`);
  const db = new BetterSqlite3(eventsFile, { readonly: true });
  try {
    return Number(db.prepare(`SELECT COUNT(*) FROM events WHERE type = 'SignalRecorded'`).pluck().get());
  } finally {
    db.close();
  }
}

/** A fresh DATA_DIR and its removal. */
export function temporaryDataDir(name: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `praktijklus-fault-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The server as a child process on `dataDir` with durable writes; throws when it did not start. */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
  entry?: string,
  user?: SpawnServerOptions['user'],
): Promise<SpawnedServer & { url: string }> {
  const server = await spawnServer(serverOptions(dataDir, env, entry, user));
  if (server.url === undefined) throw new Error(`the server did not start:\n${server.output()}`);
  return server as SpawnedServer & { url: string };
}

/** What `startServer` spawns, for a test that expects the server to refuse to start. */
export function serverOptions(
  dataDir: string,
  env: Record<string, string> = {},
  entry?: string,
  user?: SpawnServerOptions['user'],
): SpawnServerOptions {
  return {
    env: { DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'FULL', ...env },
    ...(entry ? { entry } : {}),
    ...(user ? { user } : {}),
    startTimeoutMs: 60_000,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than undefined; fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await sleep(intervalMs);
  }
}

export interface Readiness {
  ready: boolean;
  store: { reachable: boolean; writable?: boolean; writeError?: string };
  projector: { running: boolean; headPosition: string | null };
  projections: Array<{
    name: string;
    position: string | null;
    status: 'running' | 'catching-up' | 'halted';
    error: string | null;
    eventsBehind: number | null;
  }>;
}

/** GET /ready: its status and body (the body is the same for 200 and 503). */
export async function readiness(url: string): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as Readiness };
}
