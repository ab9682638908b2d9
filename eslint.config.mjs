// Lint rules. The one that matters most: workflow code stays deterministic, so files under
// workflows/ may import only the Temporal workflow SDK, the shared contracts and pure domain code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests reshape JSON fixtures freely.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Outside the code the workflow bundle compiles (workflows/, libs/domain, libs/contracts keep
    // relative imports: see docs/workflow-versioning.md), the libraries are imported by alias.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['workflows/**', 'libs/domain/**', 'libs/contracts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\.?/)+(libs/)?(domain|persistence|contracts|config|observability|spreadsheets|mail)/src/',
              message: 'import the libraries by alias: @ita/<library>/<path>',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'mysql2', 'mysql2/*', 'better-sqlite3', 'express'],
              message: 'workflows/ must stay deterministic: no framework or database imports.',
            },
            {
              group: [
                'node:*',
                'fs',
                'fs/*',
                'path',
                'os',
                'net',
                'http',
                'https',
                'child_process',
                'crypto',
                'worker_threads',
                'dns',
              ],
              message: 'workflows/ must stay deterministic: no Node I/O imports.',
            },
            {
              group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'],
              message: 'workflows/ may import only @temporalio/workflow (and activity types with `import type`).',
            },
            {
              group: ['**/libs/persistence/**', '**/libs/config/**', '**/apps/**'],
              message: 'workflows/ may import only libs/contracts and libs/domain.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'use sleep() from @temporalio/workflow' },
        { name: 'setInterval', message: 'use sleep() from @temporalio/workflow' },
        { name: 'process', message: 'workflows have no process environment' },
      ],
    },
  },
);
