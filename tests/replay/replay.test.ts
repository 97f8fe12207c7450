/**
 * Every stored case history replays against today's workflow code. A failure names the history
 * and the first event replay could not match (see tests/support/histories.ts explainDivergence).
 */
import { Worker } from '@temporalio/worker';
import { explainDivergence, locateDivergence, readHistories, type History } from '../support/histories';
import { installRuntime } from '../../src/worker';
import { workflowBundle } from '../support/temporal';

const stored = readHistories();

beforeAll(() => installRuntime());

test('the stored set covers the case workflow', () => {
  expect(stored.length).toBeGreaterThanOrEqual(10);
});

test.each(stored.map((s) => [s.file, s] as const))('%s replays deterministically', async (_file, s) => {
  const replay = (history: History) => Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history, s.workflowId);
  try {
    await replay(s.history);
  } catch (err) {
    throw new Error(explainDivergence(s, err as Error, await locateDivergence(s, err as Error, replay)));
  }
});
