/**
 * Every stored case history replays against today's workflow code. A failure names the history
 * and the first event replay could not match (see src/replay/histories.ts explainDivergence).
 */
import { Worker } from '@temporalio/worker';
import { explainDivergence, readHistories } from '../../src/replay/histories';
import { installRuntime } from '../../src/worker';
import { workflowBundle } from '../support/temporal';

const stored = readHistories();

beforeAll(() => installRuntime());

test('the stored set covers the case workflow', () => {
  expect(stored.length).toBeGreaterThanOrEqual(10);
});

test.each(stored.map((s) => [s.file, s] as const))('%s replays deterministically', async (_file, s) => {
  try {
    await Worker.runReplayHistory({ workflowBundle: workflowBundle() }, s.history, s.workflowId);
  } catch (err) {
    throw new Error(explainDivergence(s, err as Error));
  }
});
