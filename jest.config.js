// One config, three projects: `npm test` runs them all, `--selectProjects` picks one.
const { availableParallelism } = require('node:os');
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
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '/apps/web/'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testTimeout: 60000 },
  ],
};
