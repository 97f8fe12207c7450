/**
 * Issue 8, problem 10: one table drives every wait. Walks the workflow's waits (every
 * `planWait(ctx, '<state>')` in the case workflow) against the policy's waiting table, checks the
 * hardened step files wait only through the table, and keeps the README's lifecycle table equal to
 * the one generated from the policy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENT_POLICY_VERSION, policyFor, WAITING_STATES, waitingTableMarkdown } from '../../src/policy';

const CASE_DIR = join(__dirname, '../../src/workflows/case');
const source = (file: string) => readFileSync(join(CASE_DIR, file), 'utf8');

function waitsOfTheWorkflow(): Set<string> {
  const found = new Set<string>();
  for (const file of readdirSync(CASE_DIR).filter((f) => f.endsWith('.ts'))) {
    for (const m of source(file).matchAll(/planWait\(ctx, '([a-z_]+)'/g)) found.add(m[1]!);
  }
  return found;
}

test('the workflow waits on exactly the states of the waiting table', () => {
  expect([...waitsOfTheWorkflow()].sort()).toEqual([...WAITING_STATES].sort());
  expect(policyFor(CURRENT_POLICY_VERSION).waiting.map((r) => r.state).sort()).toEqual([...WAITING_STATES].sort());
});

test.each(['refund.ts', 'reshipment.ts', 'returns.ts', 'waits.ts'])('%s sets no deadline of its own: no sleep, no timed condition outside waits.ts', (file) => {
  const text = source(file);
  expect(text).not.toMatch(/\bsleep\(/);
  const timed = [...text.matchAll(/condition\(([^;]*)\)/g)].filter((m) => m[1]!.includes(','));
  expect(timed.length).toBe(file === 'waits.ts' ? 1 : 0);
  expect(text).not.toMatch(/deliveryDeadlineMinutes|reviewTimeoutMinutes|evidenceWaitMinutes|waitingRule\(/);
});

test('the README lifecycle table is the one generated from the waiting table', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const section = /<!-- waiting-table:start -->\n([\s\S]*?)\n<!-- waiting-table:end -->/.exec(readme)?.[1];
  expect(section).toBe(waitingTableMarkdown(policyFor(CURRENT_POLICY_VERSION)));
});
