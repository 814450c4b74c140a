import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidSetting, parseSettings } from './settings';

const messageFor = (env: Record<string, string>): string => {
  try {
    parseSettings(env, '/srv/praktijklus');
  } catch (error) {
    if (error instanceof InvalidSetting) return error.message;
    throw error;
  }
  throw new Error('expected the settings to be refused');
};

describe('parseSettings', () => {
  it('falls back to the documented defaults', () => {
    const settings = parseSettings({}, '/srv/praktijklus');
    expect(settings).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/praktijklus/data',
      readModelsDir: '/srv/praktijklus/data',
      eventStore: 'sqlite',
      databaseUrl: undefined,
      pgPoolMax: 10,
      sqliteSynchronous: 'FULL',
      backgroundThread: 'worker',
      escalationResponseWorkingDays: 20,
      bodyLimitBytes: 262144,
      roles: ['commands', 'queries', 'projector', 'reactor'],
      deadlineScanIntervalMs: 60000,
      nonResponseAfterWorkingDays: 5,
      webhooks: { maxAttempts: 10, allowPrivateNetworks: false, retryBaseMs: 30000 },
      smtpUrl: undefined,
      publicUrl: undefined,
      digestHour: 7,
      corsOrigins: [],
      trustProxy: false,
      consistencyTimeoutMs: 5000,
      timeTravel: {
        snapshotIntervalEvents: 50000,
        snapshotKeep: 12,
        openCuts: 4,
        cacheMiB: 256,
        history: true,
      },
      production: false,
      logFormat: 'json',
      logLevel: 'info',
      metrics: { token: undefined, port: undefined },
      tracing: { endpoint: undefined, serviceName: 'praktijklus' },
    });
    expect(settings.auth).toEqual({
      jwtSecret: undefined,
      jwksUrl: undefined,
      issuer: undefined,
      audience: undefined,
    });
  });

  it('runs the projector and the reactor on the request loop only when BACKGROUND_THREAD says main', () => {
    expect(parseSettings({ BACKGROUND_THREAD: 'Main' }, '/srv/praktijklus').backgroundThread).toBe('main');
    expect(messageFor({ BACKGROUND_THREAD: 'child' })).toBe(
      'Invalid setting BACKGROUND_THREAD: expected one of worker, main, got "child"',
    );
  });

  it('bounds the young generation of the background threads with BACKGROUND_THREAD_YOUNG_MB', () => {
    expect(parseSettings({}, '/srv/praktijklus').backgroundThreadYoungMiB).toBe(6);
    expect(
      parseSettings({ BACKGROUND_THREAD_YOUNG_MB: '16' }, '/srv/praktijklus').backgroundThreadYoungMiB,
    ).toBe(16);
    expect(messageFor({ BACKGROUND_THREAD_YOUNG_MB: '0' })).toBe(
      'Invalid setting BACKGROUND_THREAD_YOUNG_MB: expected an integer 1-1024, got "0"',
    );
  });

  it('names the setting, what it expects and what it got, in one line', () => {
    const message = messageFor({ PORT: 'abc' });
    expect(message).toBe(
      'Invalid setting PORT: expected an integer 0-65535 (0 picks a free port), got "abc"',
    );
    expect(message).not.toContain('\n');
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '3.5' }, 'PORT'],
    [{ EVENT_STORE: 'mysql' }, 'EVENT_STORE'],
    [{ EVENT_STORE: 'postgres' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://db:3306/praktijklus' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'localhost:5432' }, 'DATABASE_URL'],
    [{ PG_POOL_MAX: '0' }, 'PG_POOL_MAX'],
    [{ EVENT_STORE: 'esdb' }, 'EVENTSTORE_CONNECTION_STRING'],
    [{ EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' }, 'EVENTSTORE_CONNECTION_STRING'],
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET'],
    [{ AUTH_JWKS_URL: 'not a url' }, 'AUTH_JWKS_URL'],
    [{ AUTH_JWKS_URL: 'https://idp.example.nl/jwks' }, 'AUTH_ISSUER'],
    [
      { AUTH_JWKS_URL: 'https://idp.example.nl/jwks', AUTH_ISSUER: 'https://idp.example.nl' },
      'AUTH_AUDIENCE',
    ],
    [{ AUTH_JWKS_URL: 'http://idp.example.nl/jwks' }, 'AUTH_JWKS_URL'],
    [{ SQLITE_SYNCHRONOUS: 'sometimes' }, 'SQLITE_SYNCHRONOUS'],
    [{ ESCALATION_RESPONSE_WORKING_DAYS: '0' }, 'ESCALATION_RESPONSE_WORKING_DAYS'],
    [{ DEADLINE_SCAN_INTERVAL_MS: '5' }, 'DEADLINE_SCAN_INTERVAL_MS'],
    [{ NON_RESPONSE_AFTER_WORKING_DAYS: '-1' }, 'NON_RESPONSE_AFTER_WORKING_DAYS'],
    [{ WEBHOOK_MAX_ATTEMPTS: '0' }, 'WEBHOOK_MAX_ATTEMPTS'],
    [{ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'yes' }, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'],
    [{ SMTP_URL: 'http://mail.example.nl' }, 'SMTP_URL'],
    [{ PUBLIC_URL: 'http://praktijklus.example.nl' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://praktijklus.example.nl/?x=1' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://praktijklus.example.nl' }, 'PUBLIC_URL'],
    [{ DIGEST_HOUR: '24' }, 'DIGEST_HOUR'],
    [{ REFERENCE_DATA_FILE: '/nowhere/registry.json' }, 'REFERENCE_DATA_FILE'],
    [{ BODY_LIMIT_BYTES: '-1' }, 'BODY_LIMIT_BYTES'],
    [{ ROLES: 'commands,everything' }, 'ROLES'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://app.example.nl/path' }, 'CORS_ORIGINS'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ RATE_LIMIT_PER_MINUTE: 'lots' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ CONSISTENCY_TIMEOUT_MS: '600000' }, 'CONSISTENCY_TIMEOUT_MS'],
    [{ REQUEST_TIMEOUT_MS: '5' }, 'REQUEST_TIMEOUT_MS'],
    [{ HOST: 'local host' }, 'HOST'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ METRICS_PORT: '0' }, 'METRICS_PORT'],
    [{ PORT: '9100', METRICS_PORT: '9100' }, 'METRICS_PORT'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    [{ OTEL_SERVICE_NAME: 'praktijk lus' }, 'OTEL_SERVICE_NAME'],
  ])('refuses %j naming %s', (env, setting) => {
    expect(messageFor(env)).toMatch(new RegExp(`^Invalid setting ${setting}: expected .+, got `));
  });

  it('never echoes a secret it refuses', () => {
    expect(messageFor({ AUTH_JWT_SECRET: 'hunter2-secret' })).not.toContain('hunter2');
    expect(messageFor({ METRICS_TOKEN: 'hunter2-secret' })).not.toContain('hunter2');
    expect(messageFor({ DATABASE_URL: 'mysql://app:hunter2@db:3306/x' })).not.toContain('hunter2');
    expect(messageFor({ DATABASE_URL: 'not a url://app:hunter2@db' })).not.toContain('hunter2');
  });

  it('reads every setting it documents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    try {
      const registry = join(dir, 'registry.json');
      writeFileSync(registry, '{}');
      const settings = parseSettings(
        {
          PORT: '8080',
          HOST: '0.0.0.0',
          DATA_DIR: 'var/data',
          READMODELS_DIR: '/var/lib/praktijklus/reader-1',
          EVENT_STORE: 'esdb',
          EVENTSTORE_CONNECTION_STRING: 'esdb://node1:2113,node2:2113?tls=true',
          DATABASE_URL: 'postgresql://praktijklus:secret@db.example.nl:5432/praktijklus?sslmode=verify-full',
          PG_POOL_MAX: '25',
          AUTH_JWT_SECRET: 'x'.repeat(32),
          AUTH_JWKS_URL: 'https://idp.example.nl/jwks',
          AUTH_ISSUER: 'https://idp.example.nl',
          AUTH_AUDIENCE: 'praktijklus',
          NODE_ENV: 'production',
          SQLITE_SYNCHRONOUS: 'normal',
          BACKGROUND_THREAD: 'main',
          BACKGROUND_THREAD_YOUNG_MB: '12',
          ESCALATION_RESPONSE_WORKING_DAYS: '10',
          DEADLINE_SCAN_INTERVAL_MS: '5000',
          NON_RESPONSE_AFTER_WORKING_DAYS: '0',
          WEBHOOK_MAX_ATTEMPTS: '4',
          WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
          WEBHOOK_RETRY_BASE_MS: '500',
          SMTP_URL: 'smtp://mail.example.nl:587',
          MAIL_FROM: 'Praktijklus <praktijklus@example.nl>',
          PUBLIC_URL: 'https://praktijklus.example.nl/app/',
          DIGEST_HOUR: '6',
          REFERENCE_DATA_FILE: registry,
          BODY_LIMIT_BYTES: '4096',
          ROLES: 'queries, projector',
          CORS_ORIGINS: 'https://app.example.nl,http://localhost:5173',
          TRUST_PROXY: '10.0.0.0/8,127.0.0.1',
          RATE_LIMIT_PER_MINUTE: '0',
          CONSISTENCY_TIMEOUT_MS: '2000',
          REQUEST_TIMEOUT_MS: '10000',
          SNAPSHOT_INTERVAL_EVENTS: '0',
          SNAPSHOT_KEEP: '3',
          AS_OF_OPEN_CUTS: '2',
          AS_OF_CACHE_MB: '64',
          TIME_TRAVEL_HISTORY: 'off',
          LOG_FORMAT: 'pretty',
          LOG_LEVEL: 'warn',
          METRICS_TOKEN: 'm'.repeat(32),
          METRICS_PORT: '9464',
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
          OTEL_SERVICE_NAME: 'praktijklus-reader',
        },
        '/srv/praktijklus',
      );
      expect(settings).toEqual({
        port: 8080,
        host: '0.0.0.0',
        dataDir: '/srv/praktijklus/var/data',
        readModelsDir: '/var/lib/praktijklus/reader-1',
        eventStore: 'esdb',
        eventStoreConnectionString: 'esdb://node1:2113,node2:2113?tls=true',
        databaseUrl: 'postgresql://praktijklus:secret@db.example.nl:5432/praktijklus?sslmode=verify-full',
        pgPoolMax: 25,
        auth: {
          jwtSecret: 'x'.repeat(32),
          jwksUrl: 'https://idp.example.nl/jwks',
          issuer: 'https://idp.example.nl',
          audience: 'praktijklus',
        },
        nodeEnv: 'production',
        production: true,
        sqliteSynchronous: 'NORMAL',
        backgroundThread: 'main',
        backgroundThreadYoungMiB: 12,
        escalationResponseWorkingDays: 10,
        deadlineScanIntervalMs: 5000,
        nonResponseAfterWorkingDays: 0,
        webhooks: { maxAttempts: 4, allowPrivateNetworks: true, retryBaseMs: 500 },
        smtpUrl: 'smtp://mail.example.nl:587',
        mailFrom: 'Praktijklus <praktijklus@example.nl>',
        publicUrl: 'https://praktijklus.example.nl/app',
        digestHour: 6,
        referenceDataFile: registry,
        bodyLimitBytes: 4096,
        roles: ['queries', 'projector'],
        corsOrigins: ['https://app.example.nl', 'http://localhost:5173'],
        trustProxy: ['10.0.0.0/8', '127.0.0.1'],
        rateLimitPerMinute: 0,
        consistencyTimeoutMs: 2000,
        requestTimeoutMs: 10000,
        timeTravel: { snapshotIntervalEvents: 0, snapshotKeep: 3, openCuts: 2, cacheMiB: 64, history: false },
        logFormat: 'pretty',
        logLevel: 'warn',
        metrics: { token: 'm'.repeat(32), port: 9464 },
        tracing: { endpoint: 'http://otel-collector:4318', serviceName: 'praktijklus-reader' },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('selects PostgreSQL with DATABASE_URL', () => {
    const settings = parseSettings({
      EVENT_STORE: 'Postgres',
      DATABASE_URL: 'postgres://praktijklus@localhost:5432/praktijklus',
    });
    expect(settings).toMatchObject({
      eventStore: 'postgres',
      databaseUrl: 'postgres://praktijklus@localhost:5432/praktijklus',
      pgPoolMax: 10,
    });
  });

  it('accepts http for PUBLIC_URL on this machine only', () => {
    expect(parseSettings({ PUBLIC_URL: 'http://127.0.0.1:3000' }).publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('accepts a hop count or true for TRUST_PROXY', () => {
    expect(parseSettings({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(parseSettings({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('treats blank values as unset', () => {
    expect(parseSettings({ PORT: '  ', EVENTSTORE_CONNECTION_STRING: '' }).port).toBe(3000);
  });
});
