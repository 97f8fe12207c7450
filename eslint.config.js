// Lint: typescript-eslint's recommended rules, floating promises as errors, and the workflow
// sandbox rule from temporalio/samples-typescript: workflow code imports no Node built-ins and no
// activity implementations (types only).
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.cache/**', '.data/**', 'coverage/**', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/workflows/**/*.ts', 'src/policy/**/*.ts', 'src/domain/**/*.ts'],
    ignores: ['src/policy/schema.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process'], message: 'Workflow code is deterministic: no Node built-ins.' },
            { group: ['zod'], message: 'Keep zod out of the workflow bundle; validate at the edges.' },
            // types: the activity contract; failures: the failure type names (plain constants).
            { group: ['**/activities/*', '!**/activities/types', '!**/activities/failures'], message: 'Workflows import activity types and failure names only.' },
          ],
        },
      ],
    },
  },
);
