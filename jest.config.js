/**
 * Three tiers: `unit` (pure code beside its source, no servers), `integration` (test/: a real
 * Temporal server and a real database, SQLite or MariaDB per DATABASE_URL) and `browser`
 * (test/browser: Debian's Chromium driving the built web app, dist/web, on the same real stack).
 * Type checking is done once by `tsc` in scripts/test.sh, so ts-jest only transpiles.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] };
/** The libraries' path aliases (tsconfig.json "paths"), as jest resolves them. */
const moduleNameMapper = {
  '^@ita/(domain|persistence|contracts|config|observability|spreadsheets|mail)/(.*)$': '<rootDir>/libs/$1/src/$2',
};

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/workflows'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
      slowTestThreshold: 60,
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.browser-spec.ts'],
      setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
      slowTestThreshold: 60,
    },
  ],
  testTimeout: 120000,
};
