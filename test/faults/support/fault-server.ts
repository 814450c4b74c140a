import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, type SpawnedServer } from '@praktijklus/testing';

export const EVENTS_FILE = 'events.sqlite';
export const READ_MODELS_FILE = 'readmodels.sqlite';

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
): Promise<SpawnedServer & { url: string }> {
  const server = await spawnServer({
    env: { DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'FULL', ...env },
    ...(entry ? { entry } : {}),
    startTimeoutMs: 60_000,
  });
  if (server.url === undefined) throw new Error(`the server did not start:\n${server.output()}`);
  return server as SpawnedServer & { url: string };
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
  store: { reachable: boolean };
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
