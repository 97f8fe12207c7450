// Lint: typescript-eslint's recommended rules on every .ts and .js file; on TypeScript the
// type-aware promise rules (floating, misused, awaiting non-thenables) as errors; and import rules
// that keep the edges pointing inward:
//  - workflow code (src/workflows, src/policy, src/domain) is deterministic: no Node built-in (every
//    name in node:module's builtinModules, bare or node:), no zod, no Temporal client/worker/activity
//    packages, nothing from src/api, no activity implementations or the activities index (types and
//    failure names only) — the sandbox rule of temporalio/samples-typescript, made complete;
//  - the sandbox (the simulated systems) imports nothing from src/activities (our adapters);
//  - the case service (src/cases, src/clock-pauses) and observability (src/observability) import
//    nothing from src/api (the HTTP edge calls them);
//  - nothing in src or tests/support imports or requires scripts/ (they run before, as processes);
//    nothing imports @temporalio/*/lib/* (SDK internals).
const { builtinModules } = require('node:module');
const tseslint = require('typescript-eslint');

const SDK_INTERNALS = { group: ['@temporalio/*/lib', '@temporalio/*/lib/**'], message: 'Use the SDK\'s public API, not its lib/ internals.' };
const SCRIPTS_MESSAGE = 'Product code and the test set-up do not depend on scripts/ (run them as processes, as npm start and npm test do).';
const SCRIPTS = { group: ['**/scripts', '**/scripts/**'], message: SCRIPTS_MESSAGE };
/** The same rule for CommonJS `require('…/scripts/…')`, which no-restricted-imports does not see. */
const SCRIPTS_REQUIRE = { selector: "CallExpression[callee.name='require'] > Literal[value=/(^|\\/)scripts(\\/|$)/]", message: SCRIPTS_MESSAGE };

/** no-restricted-imports with the patterns every file gets plus `extra`. */
const restricted = (extra = {}) => [
  'error',
  { paths: extra.paths ?? [], patterns: [SDK_INTERNALS, ...(extra.patterns ?? [])] },
];

const NO_API = { regex: '^(\\.\\./)+api(/.*)?$', message: 'The case service knows no HTTP: src/api calls it, never the other way.' };

const WORKFLOW_CODE = {
  paths: [
    ...builtinModules.flatMap((name) => [name, `node:${name}`]).map((name) => ({ name, message: 'Workflow code is deterministic: no Node built-ins.' })),
    ...['@temporalio/client', '@temporalio/worker', '@temporalio/activity'].map((name) => ({ name, message: 'Workflow code uses @temporalio/workflow only.' })),
    { name: 'zod', message: 'Keep zod out of the workflow bundle; validate at the edges.' },
  ],
  patterns: [
    SCRIPTS,
    { group: ['node:*'], message: 'Workflow code is deterministic: no Node built-ins.' },
    { regex: '^(\\.\\./)+api(/.*)?$', message: 'Workflow code knows nothing of the REST API.' },
    // src/activities/types: the activity contract; failures: the failure type names (plain constants).
    // (./activities inside src/workflows/case is the workflow's own proxyActivities file.)
    {
      regex: '^(\\.\\./)+activities(/(?!types$|failures$).*)?$',
      message: 'Workflows import activity types and failure names only (not the activities index or adapters).',
    },
  ],
};

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.cache/**', '.data/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restricted(),
    },
  },
  {
    files: ['src/**/*.{ts,js}', 'tests/support/**/*.{ts,js}'],
    rules: { 'no-restricted-imports': restricted({ patterns: [SCRIPTS] }), 'no-restricted-syntax': ['error', SCRIPTS_REQUIRE] },
  },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted({
        patterns: [SCRIPTS, { regex: '^(\\.\\./)+activities(/.*)?$', message: 'The sandbox plays the external systems: shared names come from src/domain.' }],
      }),
    },
  },
  {
    files: ['src/cases/**/*.ts', 'src/clock-pauses/**/*.ts', 'src/observability/**/*.ts'],
    rules: { 'no-restricted-imports': restricted({ patterns: [SCRIPTS, NO_API] }) },
  },
  {
    files: ['src/workflows/**/*.ts', 'src/policy/**/*.ts', 'src/domain/**/*.ts'],
    ignores: ['src/policy/schema.ts'],
    rules: { 'no-restricted-imports': restricted(WORKFLOW_CODE) },
  },
);
