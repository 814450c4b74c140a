import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isLoopbackHost } from '@praktijklus/auth';
import { parseTracingSettings, type TracingSettings } from './tracing-settings';

export const SERVER_ROLES = ['commands', 'queries', 'projector', 'reactor'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'OFF';

/** Fastify's `trustProxy`: off, every hop, a hop count, or the addresses/CIDRs of trusted proxies. */
export type TrustProxy = boolean | number | string[];

export interface Settings {
  port: number;
  host: string;
  /** Absolute. */
  dataDir: string;
  /**
   * Absolute; where this instance's read models and projector lock live (default DATA_DIR), so
   * several query instances, each with its own read models, can follow one event log.
   */
  readModelsDir: string;
  eventStore: 'sqlite' | 'esdb' | 'postgres';
  eventStoreConnectionString: string | undefined;
  /** `postgres://user:password@host:5432/database` (TLS via `sslmode=...`); needed when EVENT_STORE=postgres. */
  databaseUrl: string | undefined;
  /** Connections to PostgreSQL per process at most. */
  pgPoolMax: number;
  auth: {
    jwtSecret: string | undefined;
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
  };
  nodeEnv: string | undefined;
  production: boolean;
  sqliteSynchronous: SqliteSynchronous;
  /**
   * Where the projector and the reactor run (when ROLES includes them): `worker`, each in a thread of
   * its own with its own connections to the log and its files, so the request loop only validates,
   * decides and appends; or `main`, on the request loop. With EventStoreDB they run on the request loop.
   */
  backgroundThread: 'worker' | 'main';
  /**
   * The young generation of each background thread's V8 heap, in MiB (its `maxYoungGenerationSizeMb`):
   * V8's default grows it to 48 MiB a thread while projecting, most of it garbage waiting for a scavenge.
   */
  backgroundThreadYoungMiB: number;
  escalationResponseWorkingDays: number;
  /** How often the reactor looks for deadlines and dates that passed. */
  deadlineScanIntervalMs: number;
  /** Working days after a passed deadline before non-response climbs the chain (0: at the deadline). */
  nonResponseAfterWorkingDays: number;
  webhooks: {
    /** Attempts before a delivery is dead-lettered. */
    maxAttempts: number;
    /** Loopback, private and link-local receivers allowed (tests, on-premises receivers). */
    allowPrivateNetworks: boolean;
    /** The first retry waits about this long, doubling each time. */
    retryBaseMs: number;
  };
  /** SMTP server for e-mail subscriptions and the daily digest, e.g. smtp://mail.example.nl:587. */
  smtpUrl: string | undefined;
  /** The From address of e-mail. */
  mailFrom: string;
  /** The web app's base URL (no trailing slash), for links in notifications; absent: no links. */
  publicUrl: string | undefined;
  /** From this hour (Europe/Amsterdam wall clock) the day's digest of overdue items goes out. */
  digestHour: number;
  referenceDataFile: string | undefined;
  bodyLimitBytes: number;
  roles: ServerRole[];
  corsOrigins: string[];
  trustProxy: TrustProxy;
  /** Requests per minute per user (or per client address when anonymous); 0 turns limiting off. */
  rateLimitPerMinute: number;
  consistencyTimeoutMs: number;
  requestTimeoutMs: number;
  /** Time travel (`asOf`): snapshots of the read models and the cuts replayed from them. */
  timeTravel: {
    /** A snapshot after this many events since the last one; 0: no snapshots. */
    snapshotIntervalEvents: number;
    /** Snapshots kept in READMODELS_DIR/snapshots; older ones are thinned evenly. */
    snapshotKeep: number;
    /** Moments held open for the next `asOf` query, each an open snapshot. */
    openCuts: number;
    /** Page cache shared by the open moments, MiB (each gets its share). */
    cacheMiB: number;
    /**
     * Keep time travel's history (READMODELS_DIR/history.sqlite: every read-model row's versions),
     * which answers `asOf` without a replay; the projector keeps it up with the log.
     */
    history: boolean;
  };
  /** One JSON object per line, or readable lines for a developer's terminal. */
  logFormat: 'json' | 'pretty';
  logLevel: LogLevel;
  metrics: {
    /** Bearer token that opens GET /metrics on the main port. */
    token: string | undefined;
    /** A second listener on 127.0.0.1 serving only /metrics, without a token. */
    port: number | undefined;
  };
  /** OpenTelemetry traces, exported only when an OTLP endpoint is set. */
  tracing: TracingSettings;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown at start-up; the message is the one line the operator sees. */
export class InvalidSetting extends Error {
  constructor(
    readonly setting: string,
    expected: string,
    got: string | undefined,
    /** What was wrong with it beyond its shape (e.g. the content of a file it names). */
    problem?: string,
  ) {
    super(
      `Invalid setting ${setting}: expected ${expected}, got ${got === undefined ? 'nothing' : JSON.stringify(got)}` +
        (problem === undefined ? '' : ` (${problem.replace(/\s+/g, ' ')})`),
    );
    this.name = 'InvalidSetting';
  }
}

export type Environment = Record<string, string | undefined>;

const ESDB_SCHEMES = /^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\/\S+$/;

export function parseSettings(env: Environment, cwd: string = process.cwd()): Settings {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const integer = (name: string, fallback: number, min: number, max: number, hint = ''): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidSetting(name, `an integer ${min}-${max}${hint}`, raw);
    }
    return value;
  };

  const oneOf = <T extends string>(
    name: string,
    allowed: readonly T[],
    fallback: T,
    normalise = (s: string) => s,
  ) => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = normalise(raw) as T;
    if (!allowed.includes(value)) throw new InvalidSetting(name, `one of ${allowed.join(', ')}`, raw);
    return value;
  };

  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new InvalidSetting(name, `a ${protocols.join(' or ')} URL`, raw);
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new InvalidSetting(name, `a ${protocols.join(' or ')} URL`, raw);
    }
    return raw;
  };

  const nodeEnv = read('NODE_ENV');
  const production = nodeEnv === 'production';

  const port = integer('PORT', 3000, 0, 65535, ' (0 picks a free port)');
  const host = read('HOST') ?? '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host)) throw new InvalidSetting('HOST', 'a host name or IP address', host);

  const dataDir = resolve(cwd, read('DATA_DIR') ?? './data');
  const readModelsDir = resolve(cwd, read('READMODELS_DIR') ?? dataDir);

  const eventStore = oneOf('EVENT_STORE', ['sqlite', 'esdb', 'postgres'] as const, 'sqlite', (s) =>
    s.toLowerCase(),
  );
  const eventStoreConnectionString = read('EVENTSTORE_CONNECTION_STRING');
  if (eventStoreConnectionString !== undefined && !ESDB_SCHEMES.test(eventStoreConnectionString)) {
    throw new InvalidSetting(
      'EVENTSTORE_CONNECTION_STRING',
      'a connection string like esdb://localhost:2113?tls=false',
      eventStoreConnectionString,
    );
  }
  if (eventStore === 'esdb' && eventStoreConnectionString === undefined) {
    throw new InvalidSetting(
      'EVENTSTORE_CONNECTION_STRING',
      'a connection string like esdb://localhost:2113?tls=false when EVENT_STORE=esdb',
      undefined,
    );
  }

  const databaseUrl = parseDatabaseUrl(read('DATABASE_URL'));
  if (eventStore === 'postgres' && databaseUrl === undefined) {
    throw new InvalidSetting(
      'DATABASE_URL',
      'a URL like postgres://praktijklus@localhost:5432/praktijklus when EVENT_STORE=postgres',
      undefined,
    );
  }
  const pgPoolMax = integer('PG_POOL_MAX', 10, 1, 1000);

  const jwtSecret = read('AUTH_JWT_SECRET');
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret, 'utf8') < 32) {
    // HS256 needs a key at least as long as the hash (RFC 7518 section 3.2).
    throw new InvalidSetting('AUTH_JWT_SECRET', 'at least 32 bytes', `${jwtSecret.length} characters`);
  }
  const jwksUrl = url('AUTH_JWKS_URL', ['https', 'http']);
  // Keys fetched in the clear could be swapped on the way: plain http only on this machine.
  if (
    jwksUrl !== undefined &&
    new URL(jwksUrl).protocol === 'http:' &&
    !isLoopbackHost(new URL(jwksUrl).hostname)
  ) {
    throw new InvalidSetting('AUTH_JWKS_URL', 'an https URL (http only for localhost)', jwksUrl);
  }
  const issuer = read('AUTH_ISSUER');
  const audience = read('AUTH_AUDIENCE');
  if (jwksUrl !== undefined && issuer === undefined) {
    throw new InvalidSetting(
      'AUTH_ISSUER',
      'the issuer of the identity provider when AUTH_JWKS_URL is set',
      undefined,
    );
  }
  if (jwksUrl !== undefined && audience === undefined) {
    throw new InvalidSetting(
      'AUTH_AUDIENCE',
      'the audience of this API when AUTH_JWKS_URL is set',
      undefined,
    );
  }

  const backgroundThread = oneOf('BACKGROUND_THREAD', ['worker', 'main'] as const, 'worker', (s) =>
    s.toLowerCase(),
  );
  const backgroundThreadYoungMiB = integer('BACKGROUND_THREAD_YOUNG_MB', 6, 1, 1024);
  const sqliteSynchronous = oneOf('SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL', 'OFF'] as const, 'FULL', (s) =>
    s.toUpperCase(),
  );
  const escalationResponseWorkingDays = integer('ESCALATION_RESPONSE_WORKING_DAYS', 20, 1, 365);
  const deadlineScanIntervalMs = integer('DEADLINE_SCAN_INTERVAL_MS', 60_000, 10, 86_400_000);
  const nonResponseAfterWorkingDays = integer('NON_RESPONSE_AFTER_WORKING_DAYS', 5, 0, 365);
  const webhooks = {
    maxAttempts: integer('WEBHOOK_MAX_ATTEMPTS', 10, 1, 100),
    allowPrivateNetworks:
      oneOf('WEBHOOK_ALLOW_PRIVATE_NETWORKS', ['true', 'false'] as const, 'false', (s) => s.toLowerCase()) ===
      'true',
    retryBaseMs: integer('WEBHOOK_RETRY_BASE_MS', 30_000, 10, 3_600_000),
  };
  const smtpUrl = read('SMTP_URL');
  if (smtpUrl !== undefined && !/^smtps?:\/\/\S+$/.test(smtpUrl)) {
    throw new InvalidSetting('SMTP_URL', 'an smtp:// or smtps:// URL', smtpUrl);
  }
  const mailFrom = read('MAIL_FROM') ?? 'Praktijklus <noreply@praktijklus.invalid>';
  const publicUrl = parsePublicUrl(read('PUBLIC_URL'));
  const digestHour = integer('DIGEST_HOUR', 7, 0, 23);

  const referenceDataFileRaw = read('REFERENCE_DATA_FILE');
  const referenceDataFile =
    referenceDataFileRaw === undefined ? undefined : resolve(cwd, referenceDataFileRaw);
  if (referenceDataFile !== undefined && !existsSync(referenceDataFile)) {
    throw new InvalidSetting('REFERENCE_DATA_FILE', 'an existing JSON file', referenceDataFileRaw);
  }

  const bodyLimitBytes = integer('BODY_LIMIT_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024);

  const rolesRaw = read('ROLES');
  const roles: ServerRole[] = rolesRaw === undefined ? [...SERVER_ROLES] : [];
  if (rolesRaw !== undefined) {
    for (const part of rolesRaw.split(',').map((r) => r.trim().toLowerCase())) {
      if (!(SERVER_ROLES as readonly string[]).includes(part)) {
        throw new InvalidSetting('ROLES', `a comma-separated list of ${SERVER_ROLES.join(', ')}`, rolesRaw);
      }
      if (!roles.includes(part as ServerRole)) roles.push(part as ServerRole);
    }
  }

  const corsRaw = read('CORS_ORIGINS');
  const corsOrigins: string[] = [];
  if (corsRaw !== undefined) {
    for (const origin of corsRaw.split(',').map((o) => o.trim())) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      // An origin is scheme + host (+ port), nothing else: a wildcard or a path would be a mistake.
      if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
        throw new InvalidSetting(
          'CORS_ORIGINS',
          'a comma-separated list of origins like https://example.nl',
          corsRaw,
        );
      }
      corsOrigins.push(origin);
    }
  }

  const trustProxy = parseTrustProxy(read('TRUST_PROXY'));
  const rateLimitPerMinute = integer('RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000, ' (0 turns it off)');
  const consistencyTimeoutMs = integer('CONSISTENCY_TIMEOUT_MS', 5000, 0, 60_000);
  const requestTimeoutMs = integer('REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000);
  const timeTravel = {
    snapshotIntervalEvents: integer(
      'SNAPSHOT_INTERVAL_EVENTS',
      50_000,
      0,
      100_000_000,
      ' (0 turns snapshots off)',
    ),
    snapshotKeep: integer('SNAPSHOT_KEEP', 12, 1, 1000),
    openCuts: integer('AS_OF_OPEN_CUTS', 4, 1, 64),
    cacheMiB: integer('AS_OF_CACHE_MB', 256, 8, 65_536),
    history: oneOf('TIME_TRAVEL_HISTORY', ['on', 'off'] as const, 'on', (s) => s.toLowerCase()) === 'on',
  };
  const logFormat = oneOf('LOG_FORMAT', ['json', 'pretty'] as const, 'json', (s) => s.toLowerCase());
  const logLevel = oneOf('LOG_LEVEL', LOG_LEVELS, 'info', (s) => s.toLowerCase());
  const metricsToken = read('METRICS_TOKEN');
  // A short token could be guessed; the scrape endpoint shows load and the size of the store.
  if (metricsToken !== undefined && Buffer.byteLength(metricsToken, 'utf8') < 32) {
    throw new InvalidSetting('METRICS_TOKEN', 'at least 32 bytes', `${metricsToken.length} characters`);
  }
  const metricsPortRaw = read('METRICS_PORT');
  const metricsPort =
    metricsPortRaw === undefined ? undefined : integer('METRICS_PORT', 0, 1, 65535, ' (bound to 127.0.0.1)');
  if (metricsPort !== undefined && metricsPort === port) {
    throw new InvalidSetting('METRICS_PORT', 'a port other than PORT', String(metricsPort));
  }

  return {
    port,
    host,
    dataDir,
    readModelsDir,
    eventStore,
    eventStoreConnectionString,
    databaseUrl,
    pgPoolMax,
    auth: { jwtSecret, jwksUrl, issuer, audience },
    nodeEnv,
    production,
    sqliteSynchronous,
    backgroundThread,
    backgroundThreadYoungMiB,
    escalationResponseWorkingDays,
    deadlineScanIntervalMs,
    nonResponseAfterWorkingDays,
    webhooks,
    smtpUrl,
    mailFrom,
    publicUrl,
    digestHour,
    referenceDataFile,
    bodyLimitBytes,
    roles,
    corsOrigins,
    trustProxy,
    rateLimitPerMinute,
    consistencyTimeoutMs,
    requestTimeoutMs,
    timeTravel,
    logFormat,
    logLevel,
    metrics: { token: metricsToken, port: metricsPort },
    tracing: parseTracingSettings(read, (name, expected, got) => new InvalidSetting(name, expected, got)),
  };
}

/** A postgres:// or postgresql:// URL; a refused one is echoed without its password. */
function parseDatabaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !['postgres:', 'postgresql:'].includes(parsed.protocol) || parsed.host === '') {
    if (parsed !== undefined && parsed.password !== '') parsed.password = '***';
    throw new InvalidSetting(
      'DATABASE_URL',
      'a URL like postgres://praktijklus@localhost:5432/praktijklus',
      parsed === undefined ? raw.replace(/:[^:@/]*@/, ':***@') : parsed.toString(),
    );
  }
  return raw;
}

/** https, or http only on this machine: a link in an e-mail sent in the clear could be swapped. */
function parsePublicUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  const secure =
    parsed !== undefined &&
    (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)));
  if (!parsed || !secure || parsed.search !== '' || parsed.hash !== '' || parsed.username !== '') {
    throw new InvalidSetting('PUBLIC_URL', 'an https URL of the web app (http only for localhost)', raw);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

const IP_OR_CIDR = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+)(\/\d{1,3})?$/i;

function parseTrustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || raw.toLowerCase() === 'false') return false;
  if (raw.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const addresses = raw.split(',').map((a) => a.trim());
    if (addresses.every((a) => IP_OR_CIDR.test(a))) return addresses;
  }
  throw new InvalidSetting(
    'TRUST_PROXY',
    'false, true, a hop count 1-10, or a comma-separated list of proxy addresses/CIDRs',
    raw,
  );
}
