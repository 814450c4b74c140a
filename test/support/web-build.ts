import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const WEB = join(ROOT, 'apps', 'web');
const DIST = join(WEB, 'dist');
const STAMP = join(DIST, '.built-from');
const LOCK = join(ROOT, 'apps', 'web', '.build-lock');
const LOCK_WAIT_MS = 180_000;

/** The newest modification time under the web app's sources (and its config), as a build key. */
function sourcesKey(): string {
  let newest = 0;
  let count = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        newest = Math.max(newest, statSync(path).mtimeMs);
        count += 1;
      }
    }
  };
  walk(WEB);
  walk(join(ROOT, 'libs', 'domain', 'src', 'shared'));
  return `${newest}:${count}`;
}

const lockAge = (): number => {
  try {
    return statSync(LOCK).mtimeMs;
  } catch {
    return Date.now();
  }
};

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds apps/web into apps/web/dist unless it is already built from the current sources. Browser
 * suites run in parallel Jest workers: a directory lock keeps two builds from writing dist at once,
 * and the stamp lets every suite after the first reuse the build.
 */
export function buildWebAppOnce(): void {
  const key = sourcesKey();
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A build killed half-way leaves its lock: older than any build takes, it is taken over.
      if (Date.now() - lockAge() > LOCK_WAIT_MS) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() - started > LOCK_WAIT_MS)
        throw new Error(`waited over ${LOCK_WAIT_MS} ms for ${LOCK}`);
      sleep(200);
    }
  }
  try {
    if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === key) return;
    const build = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'apps/web', '--logLevel', 'error'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      },
    );
    if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
    mkdirSync(DIST, { recursive: true });
    writeFileSync(STAMP, key);
  } finally {
    rmdirSync(LOCK);
  }
}
