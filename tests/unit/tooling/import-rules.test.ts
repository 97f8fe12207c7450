/**
 * The lint's import rules catch what they claim (eslint.config.js): each forbidden import, linted as
 * if it sat in the folder the rule guards, is an error; the allowed ones are not. Type-aware rules
 * are switched off here: the probes are not files of the project.
 */
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../..');
// The config is handed over as an object: ESLint's own loader uses a dynamic import jest's VM refuses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../../eslint.config.js') as ESLint.Options['baseConfig'];
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  baseConfig: config,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off', '@typescript-eslint/await-thenable': 'off' },
  },
});

const RESTRICTING = ['no-restricted-imports', 'no-restricted-syntax'];

async function restrictions(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && RESTRICTING.includes(m.ruleId)).map((m) => m.message);
}

async function refused(file: string, specifier: string): Promise<boolean> {
  return (await restrictions(file, `import * as probe from '${specifier}';\nexport default probe;\n`)).length > 0;
}

const WORKFLOW_FILE = 'src/workflows/case/probe.ts';

test('workflow code: every Node built-in is refused, bare and node:', async () => {
  const allowed: string[] = [];
  for (const name of builtinModules.filter((n) => !n.startsWith('_'))) {
    if (!(await refused(WORKFLOW_FILE, name))) allowed.push(name);
    if (!(await refused(WORKFLOW_FILE, `node:${name}`))) allowed.push(`node:${name}`);
  }
  expect(allowed).toEqual([]);
  expect(await refused('src/policy/probe.ts', 'node:test')).toBe(true);
}, 120_000);

test.each([
  [WORKFLOW_FILE, '@temporalio/client'],
  [WORKFLOW_FILE, '@temporalio/worker'],
  [WORKFLOW_FILE, '@temporalio/activity'],
  [WORKFLOW_FILE, 'zod'],
  [WORKFLOW_FILE, '../../api/errors'],
  [WORKFLOW_FILE, '../../activities'],
  [WORKFLOW_FILE, '../../activities/index'],
  [WORKFLOW_FILE, '../../activities/payments/issue-refund'],
  ['src/domain/probe.ts', '../api/auth'],
  ['src/sandbox/probe.ts', '../activities/systems'],
  ['src/sandbox/probe.ts', '../activities/types'],
  ['src/start.ts', '../scripts/provision.js'],
  ['src/api/probe.ts', '../../scripts/provision'],
  ['src/cases/probe.ts', '../api/errors'],
  ['src/clock-pauses/probe.ts', '../api/route'],
  ['src/observability/probe.ts', '../api/request-context'],
  ['src/cases/probe.ts', '../../scripts/provision'],
  ['tests/support/probe.ts', '../../scripts/provision'],
  ['tests/support/probe.js', '../../scripts/provision.js'],
  ['tests/replay/probe.ts', '@temporalio/common/lib/proto-utils'],
  ['scripts/probe.ts', '@temporalio/client/lib/helpers'],
])('%s may not import %s', async (file, specifier) => {
  expect(await refused(file, specifier)).toBe(true);
});

test.each([
  [WORKFLOW_FILE, '@temporalio/workflow'],
  [WORKFLOW_FILE, '../../activities/types'],
  [WORKFLOW_FILE, '../../activities/failures'],
  [WORKFLOW_FILE, './activities'],
  [WORKFLOW_FILE, '../../domain/systems'],
  ['src/sandbox/probe.ts', '../domain/systems'],
  ['src/start.ts', './activities'],
  ['src/clock-pauses/probe.ts', '../cases/deps'],
  ['src/cases/probe.ts', '../api-keys'],
])('%s may import %s', async (file, specifier) => {
  expect(await refused(file, specifier)).toBe(false);
});

test.each([
  ['tests/support/probe.js', '../../scripts/provision'],
  ['tests/support/probe.js', '../../scripts/provision.js'],
  ['src/probe.js', '../scripts/provision'],
  ['src/temporal/probe.ts', '../../scripts/provision-server.js'],
])('%s may not require %s', async (file, specifier) => {
  expect(await restrictions(file, `module.exports = require('${specifier}');\n`)).toEqual([expect.stringContaining('scripts/')]);
});

test.each([
  ['tests/support/probe.js', 'node:child_process'],
  ['tests/support/probe.js', '../../src/config'],
])('%s may require %s', async (file, specifier) => {
  expect(await restrictions(file, `module.exports = require('${specifier}');\n`)).toEqual([]);
});

test('the test set-up runs provisioning as a process and imports nothing from scripts/', async () => {
  const file = 'tests/support/global-setup.js';
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  expect(await restrictions(file, source)).toEqual([]);
  expect(source).toContain("'scripts/provision.js'");
});

/** Every .ts file under `dir` (relative to the repository root). */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

test('src/config.ts is the only source file that reads process.env', () => {
  const readers = sourceFiles('src').filter((file) => /process\.env\b/.test(fs.readFileSync(path.join(root, file), 'utf8')));
  expect(readers).toEqual(['src/config.ts']);
});
