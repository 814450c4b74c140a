// One config, three projects: `npm test` runs them all, `--selectProjects` picks one.
const { availableParallelism } = require('node:os');
const { existsSync, readdirSync } = require('node:fs');
const { spawnSync } = require('node:child_process');

/**
 * The e2e files that run a second time on PostgreSQL (project `e2e-postgres`): the write paths of
 * every aggregate, idempotency, the projector and reactor, the histories, the views and the GraphQL
 * reads. Left out: files that read the SQLite files themselves (erasure on disk, backup, damage to
 * the read models) or choose their store; the PostgreSQL side of those has its own files.
 */
const POSTGRES_E2E = [
  'signals',
  'signals-graphql',
  'commands',
  'idempotency-races',
  'escalations',
  'reactor',
  'loop-path',
  'graphql',
  'agreements',
  'experiments',
  'policy-changes',
  'records-history',
  'cases',
  'tasks',
  'list-search',
  'views',
  'as-of',
];

/** As libs/testing/src/postgres.ts postgresUnavailableReason(), which Jest's config cannot import. */
function postgresUnavailable() {
  const root = '/usr/lib/postgresql';
  const installed =
    existsSync(root) && readdirSync(root).some((version) => existsSync(`${root}/${version}/bin/initdb`));
  if (!installed) return 'PostgreSQL is not installed (apt-get install -y postgresql; .ci/run does this)';
  if (process.getuid?.() === 0 && spawnSync('id', ['postgres']).status !== 0) {
    return 'running as root without a postgres user to run the server as';
  }
  return undefined;
}

const postgresSkipped = postgresUnavailable();
if (postgresSkipped) console.warn(`e2e-postgres project skipped: ${postgresSkipped}`);
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@praktijklus/([a-z-]+)$': '<rootDir>/libs/$1/src',
};

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // Nest 12 and jose 6 are ES modules only: this transform turns them into CommonJS for Jest on Node 20.
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': '<rootDir>/libs/testing/src/jest-esm-transform.js' },
  transformIgnorePatterns: ['<rootDir>/dist/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  // Jest's default (cores - 1) runs a 2-core machine in band; the suites wait on fsync, servers and a
  // browser more than they compute, so two workers there halve the wall time.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // Jest takes testTimeout from here, not from a project: a booted server's beforeAll on a loaded
  // machine takes longer than the default 5 s.
  testTimeout: 60000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/apps/web/'],
    },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testTimeout: 60000 },
    ...(postgresSkipped
      ? []
      : [
          {
            ...base,
            displayName: 'e2e-postgres',
            testMatch: POSTGRES_E2E.map((name) => `<rootDir>/test/${name}.e2e-spec.ts`),
            setupFilesAfterEnv: ['<rootDir>/test/support/postgres-e2e.setup.ts'],
            testTimeout: 60000,
          },
        ]),
  ],
};
