import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.fault-spec.ts', 'test/**'];

// The layers: apps use libs, never each other; a lib uses only the libs listed here, never an app.
const LIB_DEPENDENCIES = {
  domain: [],
  'event-store': [],
  'personal-data': ['event-store'],
  reference: ['domain'],
  auth: ['domain'],
  projections: ['domain', 'event-store'],
  commands: ['domain', 'event-store', 'personal-data'],
  config: ['auth', 'domain', 'event-store', 'personal-data', 'projections', 'reference'],
  testing: ['auth', 'domain'],
  reactor: ['domain', 'event-store', 'projections', 'reference'],
};

// A relative path that climbs out of its own package into another's sources (`../../../apps/server/src`,
// `../../event-store/src`): the aliases are the only way between packages.
const LEAVES_PACKAGE = {
  regex: '^(\\.\\./)+((apps|libs)/)?[a-z-]+/src(/|$)',
  message: 'Import another app or lib by its @praktijklus alias (or not at all), never by a relative path.',
};

function libBoundaries(lib, allowed) {
  const group = ['@praktijklus/*', ...allowed.map((dependency) => `!@praktijklus/${dependency}`)];
  const message =
    allowed.length === 0
      ? `libs/${lib} imports nothing of ours but itself.`
      : `libs/${lib} may import only ${allowed.map((dependency) => `@praktijklus/${dependency}`).join(', ')}.`;
  return [
    {
      files: [`libs/${lib}/**/*.ts`],
      ignores: TEST_FILES,
      rules: { 'no-restricted-imports': ['error', { patterns: [LEAVES_PACKAGE, { group, message }] }] },
    },
    {
      // Tests of a lib may also use the test helpers.
      files: TEST_FILES.map((pattern) => `libs/${lib}/${pattern}`),
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [LEAVES_PACKAGE, { group: [...group, '!@praktijklus/testing'], message }] },
        ],
      },
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/web/dist/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['apps/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            LEAVES_PACKAGE,
            { group: ['@praktijklus/testing'], message: 'Test helpers are for tests, not for an app.' },
          ],
        },
      ],
    },
  },
  {
    // The browser bundle resolves no aliases; the one file it shares is the domain's vocabulary,
    // which imports nothing.
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              ...LEAVES_PACKAGE,
              regex: '^(\\.\\./)+(?!libs/domain/src/shared/vocabulary$)((apps|libs)/)?[a-z-]+/src(/|$)',
            },
            {
              group: ['@praktijklus/*'],
              message: 'The web app shares only libs/domain/src/shared/vocabulary.',
            },
          ],
        },
      ],
    },
  },
  {
    files: TEST_FILES.map((pattern) => `apps/${pattern}`),
    rules: { 'no-restricted-imports': ['error', { patterns: [LEAVES_PACKAGE] }] },
  },
  ...Object.entries(LIB_DEPENDENCIES).flatMap(([lib, allowed]) => libBoundaries(lib, allowed)),
  {
    // A source file doing several jobs shows in its length; tests may be long lists of cases.
    files: ['{apps,libs,bench}/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: { 'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }] },
  },
);
