import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { TEST_JWT_SECRET } from './test-secret';

const ROOT = resolve(__dirname, '../../..');
const REGISTER = join(ROOT, 'libs/testing/src/ts-register.js');

export interface SpawnedServer {
  /** Undefined when the process exited before listening (see `exited` and `output()`). */
  url: string | undefined;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal) once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no shutdown hooks, no flush; what a crash looks like. */
  kill(): Promise<void>;
  /** SIGTERM and wait: the graceful shutdown path. */
  stop(): Promise<void>;
}

export interface SpawnServerOptions {
  /** Environment of the child on top of: PORT=0, HOST=127.0.0.1, the test secret, NODE_ENV=test. */
  env?: Record<string, string>;
  /** The entry script, relative to the repository root: TypeScript runs through swc, `.js` as built. */
  entry?: string;
  /** Node's own options before the entry, e.g. `--max-semi-space-size=2` as `npm start` passes it. */
  nodeArgs?: string[];
  /** How long to wait for "listening on"; default 30 s. */
  startTimeoutMs?: number;
  /** Run the child as this user and group (the parent must be root), e.g. to make file modes bind it. */
  user?: { uid: number; gid: number };
}

/**
 * The server as its own process, run from the TypeScript sources through `ts-register.js` (swc),
 * so the test runs the code under test without a build step. Resolves once the server listens,
 * or once the process has exited (e.g. refused settings): check `url` and `exited`.
 */
export function spawnServer(options: SpawnServerOptions = {}): Promise<SpawnedServer> {
  const entry = join(ROOT, options.entry ?? 'apps/server/src/main.ts');
  const nodeArgs = options.nodeArgs ?? [];
  const args = entry.endsWith('.js') ? [...nodeArgs, entry] : [...nodeArgs, '-r', REGISTER, entry];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      NO_COLOR: '1',
      PORT: '0',
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      RATE_LIMIT_PER_MINUTE: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });

  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );

  return new Promise((resolveStart, rejectStart) => {
    let settled = false;
    const settle = (url: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolveStart({
        url,
        child,
        output: () => output,
        exited,
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/[^\s)]+)/.exec(output);
      if (match) settle(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => settle(undefined));
    const timer = setTimeout(() => {
      if (settled) return;
      child.kill('SIGKILL');
      settled = true;
      rejectStart(
        new Error(`server did not listen within ${options.startTimeoutMs ?? 30000} ms:\n${output}`),
      );
    }, options.startTimeoutMs ?? 30_000);
  });
}
