import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * The entry file of a worker thread that lives in `dir` as `<base>.js` once built. Run from the
 * TypeScript sources (tests), it is `<base>.ts`, loaded through swc like the rest of the process.
 */
export function workerEntry(dir: string, base: string): { file: string; execArgv: string[] } {
  const execArgv = threadExecArgv(process.execArgv);
  const js = join(dir, `${base}.js`);
  if (existsSync(js)) return { file: js, execArgv };
  const register = resolve(__dirname, '../../../../libs/testing/src/ts-register.js');
  const registered = execArgv.some((arg) => arg.endsWith('ts-register.js'));
  return { file: join(dir, `${base}.ts`), execArgv: registered ? execArgv : [...execArgv, '-r', register] };
}

/**
 * The process's node options a worker thread may take: a thread refuses V8's heap sizes (an operator
 * may pass `--max-semi-space-size`, see README); its heap is bounded by `threadResourceLimits`.
 */
export const threadExecArgv = (execArgv: readonly string[]): string[] =>
  execArgv.filter((arg) => !/^--(max|min)[-_](semi|old)[-_]space[-_]size(=|$)/.test(arg));

/**
 * The V8 heap limits of a background thread: a young generation of `youngMiB` (BACKGROUND_THREAD_YOUNG_MB)
 * instead of V8's default, which grows to 48 MiB a thread while the projector or the reactor works
 * through a batch, nearly all of it garbage that a scavenge would free. The old generation is left
 * to V8.
 */
export const threadResourceLimits = (youngMiB: number): ResourceLimits => ({
  maxYoungGenerationSizeMb: youngMiB,
});

/**
 * The page cache of a background thread's connection to the log, in MiB. The projector and the
 * reactor follow the log in order and read each page once, so the build's 16 MB each (filled by a
 * catch-up that reads the whole log) bought nothing: 2 MiB took ≈ 25 MiB off a catch-up's peak.
 */
export const LOG_FOLLOWER_CACHE_MIB = 2;

/** How a log line crosses from a worker thread to the request loop's logger. */
export interface ThreadLogLine {
  type: 'log';
  level: 'log' | 'warn' | 'error';
  message: string;
}

export interface ThreadLogger {
  log(message: string): void;
  warn?(message: string): void;
  error(message: string): void;
}

/** Writes a line a thread sent to the request loop's logger. */
export function relayLog(logger: ThreadLogger, line: ThreadLogLine): void {
  if (line.level === 'warn' && logger.warn) logger.warn(line.message);
  else if (line.level === 'error') logger.error(line.message);
  else logger.log(line.message);
}

/** A logger inside a worker thread that sends its lines to the request loop. */
export function threadLogger(send: (line: ThreadLogLine) => void): Required<ThreadLogger> {
  return {
    log: (message) => send({ type: 'log', level: 'log', message }),
    warn: (message) => send({ type: 'log', level: 'warn', message }),
    error: (message) => send({ type: 'log', level: 'error', message }),
  };
}

/**
 * Starts the background thread `<base>` of `dir` (see `workerEntry`) with `workerData` and the
 * heap limits of `threadResourceLimits`. Unreferenced: the application's server keeps the process
 * alive, and a start-up that failed must not hang on the thread.
 */
export function startBackgroundThread(
  dir: string,
  base: string,
  workerData: unknown,
  youngMiB: number,
): Worker {
  const { file, execArgv } = workerEntry(dir, base);
  const worker = new Worker(file, { workerData, execArgv, resourceLimits: threadResourceLimits(youngMiB) });
  worker.unref();
  return worker;
}
