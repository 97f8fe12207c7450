/**
 * An opening reads the clock-pause list again (past half its TTL) only after its own answer: the
 * describe of the registry starts on the next turn of the event loop, not on the opening's path.
 */
import type { CaseDeps } from '../../../src/cases/deps';
import { openCase, type CaseReport } from '../../../src/cases/opening';
import { ACTIVE_PAUSES_REFRESH_AHEAD_MS, activePauses } from '../../../src/clock-pauses/registry-client';
import { ACTIVE_PAUSES_MEMO } from '../../../src/workflows/pauses/contract';

let now = 2_000_000;
beforeEach(() => {
  jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

function fakeDeps() {
  const calls: string[] = [];
  const describe = async () => {
    calls.push('describe');
    return { memo: { [ACTIVE_PAUSES_MEMO]: [] } };
  };
  const start = async (_type: string, options: { workflowId: string }) => {
    calls.push(`start ${options.workflowId}`);
    return {};
  };
  const client = { withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(), workflow: { start, getHandle: () => ({ describe }) } };
  const deps = {
    client,
    taskQueue: 'cases',
    policyVersion: 'v-test',
    now: () => new Date(now),
    timeouts: { queryMs: 1_000, updateMs: 1_000 },
    log: () => undefined,
  } as unknown as CaseDeps;
  return { deps, calls };
}

const report: CaseReport = {
  orderId: 'ORD-REFRESH-1',
  channel: 'app',
  caseType: 'damaged',
  urgency: 'normal',
  items: [{ sku: 'SKU-MUG', quantity: 1 }],
  evidence: [],
};

test('past half the TTL the list is read again only after the opening has answered', async () => {
  const f = fakeDeps();
  await activePauses(f.deps); // the list as of now
  expect(f.calls).toEqual(['describe']);

  now += ACTIVE_PAUSES_REFRESH_AHEAD_MS;
  const outcome = await openCase(f.deps, report, undefined, 'caller');
  expect(outcome.created).toBe(true);
  // The opening is answered with the cached list, and nothing else was sent on its way.
  expect(f.calls).toEqual(['describe', expect.stringMatching(/^start case-AC-/)]);

  await new Promise((r) => setImmediate(r));
  expect(f.calls).toEqual(['describe', expect.stringMatching(/^start case-AC-/), 'describe']);
});

test('a list younger than half the TTL is not read again after an opening', async () => {
  const f = fakeDeps();
  await activePauses(f.deps);
  now += ACTIVE_PAUSES_REFRESH_AHEAD_MS - 1;
  await openCase(f.deps, { ...report, orderId: 'ORD-REFRESH-2' }, undefined, 'caller');
  await new Promise((r) => setImmediate(r));
  expect(f.calls.filter((c) => c === 'describe')).toHaveLength(1);
});
