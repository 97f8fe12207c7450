/**
 * The modules src/workflow-bundle.ts preloads are shared by every case in a worker, so neither they
 * nor anything they import may hold state of its own or use the workflow API (whose calls belong
 * to one run). Checked on the source: no top-level `let`/`var`, no top-level Map/Set/WeakMap, no
 * value import of @temporalio/workflow. The probes show the check finds each of those.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SHARED_WORKFLOW_MODULES, caseBundleOptions } from '../../../src/workflow-bundle';

const root = path.resolve(__dirname, '../../..');

/** What in `source` would make a shared module hold state or use one run's workflow API. */
function stateFindings(source: string): string[] {
  const findings: string[] = [];
  for (const line of source.split('\n')) {
    if (/^(export\s+)?(let|var)\s/.test(line)) findings.push(`module-level variable: ${line.trim()}`);
    if (/^(export\s+)?const\s+\w+[^=]*=\s*new\s+(Map|Set|WeakMap|WeakSet)\b/.test(line)) findings.push(`module-level collection: ${line.trim()}`);
  }
  for (const m of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'@temporalio\/workflow'/gm)) findings.push(`workflow API: ${m[0]}`);
  return findings;
}

/** The project files `file` imports at run time (type-only imports erase), resolved to .ts. */
function valueImports(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gm)) {
    const base = path.resolve(path.dirname(file), m[1]!);
    const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
    if (resolved) out.push(resolved);
  }
  return out;
}

function closure(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...valueImports(file));
  }
  return [...seen].sort();
}

test('the probes: a module-level variable, collection or workflow API use is found', () => {
  expect(stateFindings('let counter = 0;\n')).toHaveLength(1);
  expect(stateFindings('export var seen = [];\n')).toHaveLength(1);
  expect(stateFindings('const cache = new Map<string, number>();\n')).toHaveLength(1);
  expect(stateFindings("import { sleep } from '@temporalio/workflow';\n")).toHaveLength(1);
  expect(stateFindings("import type { Duration } from '@temporalio/workflow';\nconst LIMIT = 3;\nfunction f() {\n  let x = 1;\n  return x;\n}\n")).toEqual([]);
});

test('every shared module, and all it imports, holds no state and uses no workflow API', () => {
  const files = closure(SHARED_WORKFLOW_MODULES);
  // The calendars and their tables are among them: the heaviest part of a case's module load.
  expect(files.map((f) => path.relative(root, f))).toEqual(expect.arrayContaining(['src/policy/index.ts', 'src/policy/calendar/holidays-cn.ts', 'src/domain/messages.ts']));
  const findings = files.flatMap((f) => stateFindings(fs.readFileSync(f, 'utf8')).map((s) => `${path.relative(root, f)}: ${s}`));
  expect(findings).toEqual([]);
});

test('the bundle options name the workflow entry and every shared module', () => {
  const options = caseBundleOptions();
  expect(path.relative(root, options.workflowsPath)).toBe('src/workflows/index.ts');
  expect(options.preloadModules).toEqual([...SHARED_WORKFLOW_MODULES]);
});
