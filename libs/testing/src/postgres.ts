import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away PostgreSQL cluster for tests: its own data folder, socket folder and loopback port. */
export interface TestPostgres {
  /** `postgres://praktijklus@127.0.0.1:<port>/praktijklus` */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** With `tls`: the file of the CA that signed the server's certificate. */
  readonly caFile: string | undefined;
  /** Creates another empty database on the cluster and returns its URL. */
  createDatabase(name: string): string;
  /** Starts the server again after `stop` or `kill` (same folder, same port). */
  start(): void;
  /** Fast shutdown. */
  stop(): void;
  /** SIGKILL to the postmaster, as a crash. */
  kill(): void;
  /** Stops the server and removes its folder. */
  destroy(): void;
}

const USER = 'praktijklus';

/** Where Debian's `postgresql` package puts the server binaries, newest version first. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0], 'bin') : undefined;
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailableReason(): string | undefined {
  if (!postgresBinDir()) {
    return 'PostgreSQL is not installed (apt-get install -y postgresql; .ci/run does this)';
  }
  if (process.getuid?.() === 0 && spawnSync('id', ['postgres']).status !== 0) {
    return 'running as root without a postgres user to run the server as';
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TestPostgresOptions {
  /**
   * TLS only: a certificate for 127.0.0.1 signed by a throw-away CA is made for the cluster, and
   * pg_hba.conf accepts TCP connections over TLS only (`hostssl`). The CA's file is `caFile`.
   */
  tls?: boolean;
}

/** Makes a CA and a server certificate for 127.0.0.1 in `dir`; answers the CA's file. */
function makeCertificates(dir: string): string {
  const openssl = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=praktijklus test CA',
    ].concat(['-keyout', 'ca.key', '-out', 'ca.crt']),
  );
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  ]);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial'].concat([
      '-days',
      '2',
      '-extfile',
      'server.ext',
      '-out',
      'server.crt',
    ]),
  );
  chmodSync(join(dir, 'server.key'), 0o600);
  return join(dir, 'ca.crt');
}

/**
 * Starts a cluster in a new temp folder. The server refuses to run as root, so as root it runs as
 * Debian's `postgres` user, which then owns the folder.
 */
export async function startTestPostgres(settings: TestPostgresOptions = {}): Promise<TestPostgres> {
  const reason = postgresUnavailableReason();
  if (reason) throw new Error(`cannot start PostgreSQL: ${reason}`);
  const bin = postgresBinDir() as string;
  const asRoot = process.getuid?.() === 0;
  const base = mkdtempSync(join(tmpdir(), 'praktijklus-pg-'));
  const dataDir = join(base, 'data');
  const socketDir = join(base, 'socket');
  mkdirSync(socketDir);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chmodSync(base, 0o755);
    chownSync(base, uid, gid);
    chownSync(socketDir, uid, gid);
  }
  const run = (program: string, args: string[]): void => {
    const command = asRoot ? 'runuser' : join(bin, program);
    const commandArgs = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    const result = spawnSync(command, commandArgs, { encoding: 'utf8', cwd: base });
    if (result.status !== 0) {
      throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}`);
    }
  };
  run('initdb', ['-D', dataDir, '-U', USER, '--auth=trust', '--encoding=UTF8', '--no-sync']);
  const port = await freePort();
  const tlsDir = join(base, 'tls');
  let caFile: string | undefined;
  if (settings.tls) {
    mkdirSync(tlsDir);
    caFile = makeCertificates(tlsDir);
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(tlsDir, uid, gid);
      chownSync(join(tlsDir, 'server.key'), uid, gid);
      chownSync(join(tlsDir, 'server.crt'), uid, gid);
    }
    writeFileSync(join(dataDir, 'pg_hba.conf'), 'local all all trust\nhostssl all all 127.0.0.1/32 trust\n');
  }
  const options = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    '-c shared_buffers=32MB',
    ...(settings.tls
      ? [
          '-c ssl=on',
          `-c ssl_cert_file=${join(tlsDir, 'server.crt')}`,
          `-c ssl_key_file=${join(tlsDir, 'server.key')}`,
        ]
      : []),
  ].join(' ');
  const start = (): void =>
    run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(base, 'server.log'), '-w', '-t', '60', 'start']);
  const stop = (): void => {
    const command = asRoot ? 'runuser' : join(bin, 'pg_ctl');
    const args = ['-D', dataDir, '-m', 'fast', '-w', 'stop'];
    spawnSync(command, asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args] : args);
  };
  start();
  const urlFor = (database: string): string => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  const createDatabase = (name: string): string => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
    const psql = join(bin, 'psql');
    execFileSync(
      psql,
      ['-h', '127.0.0.1', '-p', String(port), '-U', USER, '-d', 'postgres', '-c', `CREATE DATABASE ${name}`],
      {
        stdio: 'pipe',
      },
    );
    return urlFor(name);
  };
  createDatabase(USER);
  return {
    url: urlFor(USER),
    port,
    caFile,
    dataDir,
    createDatabase,
    start,
    stop,
    kill: () => {
      const pidFile = join(dataDir, 'postmaster.pid');
      if (!existsSync(pidFile)) return;
      const pid = Number(execFileSync('head', ['-1', pidFile]).toString().trim());
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        return;
      }
      // Wait for the postmaster to be gone, so that a restart does not find it alive.
      for (let i = 0; i < 200; i += 1) {
        try {
          process.kill(pid, 0);
          execFileSync('sleep', ['0.05']);
        } catch {
          return;
        }
      }
    },
    destroy: () => {
      stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
