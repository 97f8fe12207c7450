/**
 * The bundle every workflow and replay test runs (built by tests/support/global-setup.js with the
 * worker's options, src/workflow-bundle.ts) preloads the shared modules before any workflow exists,
 * and loads the workflows themselves per run. The stored histories replay on it (replay.test.ts).
 */
import fs from 'node:fs';
import { workflowBundle } from '../support/temporal';

const code = fs.readFileSync((workflowBundle() as { codePath: string }).codePath, 'utf8');

/** The module ids the bundle's preloadModules function requires. */
function preloaded(): string[] {
  const body = /exports\.preloadModules = function preloadModules\(\) \{([\s\S]*?)\n\}/.exec(code)?.[1] ?? '';
  return [...body.matchAll(/__webpack_require__\([^)]*?"([^"]+)"\)/g)].map((m) => m[1]!);
}

test('the test bundle preloads the policy, the message templates, the failure kinds and the case metrics', () => {
  expect(preloaded()).toEqual(['./src/policy/index.ts', './src/domain/messages.ts', './src/activities/failures.ts', './src/observability/case-metrics.ts']);
});

test('the workflows themselves are not preloaded: each run loads its own', () => {
  expect(preloaded().some((id) => id.startsWith('./src/workflows/'))).toBe(false);
  expect(code).toMatch(/exports\.importWorkflows = function importWorkflows\(\) \{\s*return __webpack_require__\([^)]*"\.\/src\/workflows\/index\.ts"\)/);
});
