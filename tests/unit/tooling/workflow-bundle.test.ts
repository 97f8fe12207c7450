/**
 * The modules src/workflow-bundle.ts preloads are shared by every case in a worker, so neither they
 * nor anything they import may hold state of its own, depend on when it was loaded, or use the
 * workflow API (whose calls belong to one run). Checked on the source: no top-level `let`/`var` or
 * empty container, no static field, no clock or randomness at load, no value import of any package
 * (@temporalio/workflow included). The probes show the check finds each of those. That the test
 * bundle preloads them is checked in tests/replay/bundle.test.ts (it needs the bundle).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SHARED_WORKFLOW_MODULES } from '../../../src/workflow-bundle';

const root = path.resolve(__dirname, '../../..');

/** What in `source` would make a shared module hold state, depend on when it loads, or use one run's workflow API. */
function stateFindings(source: string): string[] {
  const findings: string[] = [];
  for (const line of source.split('\n')) {
    // Top-level statements sit at column 0 in this codebase (prettier); bodies are indented.
    if (/^(export\s+)?(let|var)\s/.test(line)) findings.push(`module-level variable: ${line.trim()}`);
    if (/^(export\s+)?const\s+\w+[^=]*=\s*(new\s+(Map|Set|WeakMap|WeakSet|Array)\b|\[\s*\]|\{\s*\})/.test(line)) findings.push(`module-level container: ${line.trim()}`);
    if (/^\S.*\b(Date\.now\(|new Date\(|Math\.random\()/.test(line)) findings.push(`clock or randomness at load: ${line.trim()}`);
    if (/^\s*(public\s+|private\s+|protected\s+)?static\s+(?!readonly\b)\w+\s*[=:]/.test(line)) findings.push(`static field: ${line.trim()}`);
  }
  // Value imports of packages: none is allowed (a package may hold state, e.g. a registry, or be the workflow API).
  for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
    if (!m[1]!.startsWith('.')) findings.push(`package import: ${m[1]}`);
  }
  return findings;
}

/** The project files `file` imports at run time (type-only imports erase), resolved to .ts. */
function valueImports(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+['"](\.[^'"]+)['"]/gm)) {
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

test('the probes: module state, a clock or randomness at load, a package or workflow API import are found', () => {
  expect(stateFindings('let counter = 0;\n')).toHaveLength(1);
  expect(stateFindings('export var seen = [];\n')).toHaveLength(1);
  expect(stateFindings('const cache = new Map<string, number>();\n')).toHaveLength(1);
  expect(stateFindings('export const seen: string[] = [];\n')).toHaveLength(1);
  expect(stateFindings('const LOADED_AT = Date.now();\n')).toHaveLength(1);
  expect(stateFindings('class Registry {\n  static entries = [];\n}\n')).toHaveLength(1);
  expect(stateFindings("import { sleep } from '@temporalio/workflow';\n")).toHaveLength(1);
  expect(stateFindings('export { sleep } from "@temporalio/workflow";\n')).toHaveLength(1);
  expect(stateFindings("import { z } from 'zod';\n")).toHaveLength(1);
  expect(
    stateFindings(
      "import type { Duration } from '@temporalio/workflow';\nimport { shift } from './shifts';\nconst LIMIT = 3;\nexport const TABLE = Object.freeze({ a: 1 });\nfunction f() {\n  let x = Date.now();\n  return x;\n}\nclass C {\n  static readonly MAX = 2;\n}\n",
    ),
  ).toEqual([]);
});

test('every shared module, and all it imports, holds no state and uses no workflow API', () => {
  const files = closure(SHARED_WORKFLOW_MODULES);
  // The calendars and their tables are among them: the heaviest part of a case's module load.
  expect(files.map((f) => path.relative(root, f))).toEqual(expect.arrayContaining(['src/policy/index.ts', 'src/policy/calendar/holidays-cn.ts', 'src/domain/messages.ts']));
  const findings = files.flatMap((f) => stateFindings(fs.readFileSync(f, 'utf8')).map((s) => `${path.relative(root, f)}: ${s}`));
  expect(findings).toEqual([]);
});
