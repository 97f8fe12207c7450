/**
 * The replay test can fail: a workflow whose commands come in a different order than a stored
 * history's events is rejected, and the message names the history and the diverging event.
 */
import path from 'node:path';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { explainDivergence, locateDivergence, readHistories, type History } from '../support/histories';
import { installRuntime } from '../../src/worker';

let reordered: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  installRuntime();
  reordered = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, 'fixtures/reordered-workflow.ts'),
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
  });
});

test('swapping two activities makes replay fail, naming the history and the event', async () => {
  // A history from before the case-integrity patch (later ones start with its marker, not an upsert).
  const first = readHistories().find((h) => h.file === 'afterSalesCase_damaged-reship-ems-gift_v1.json');
  expect(first).toBeDefined();
  const s = first!;
  const replay = (history: History) => Worker.runReplayHistory({ workflowBundle: reordered }, history, s.workflowId);
  const error = await replay(s.history).then(
    () => undefined,
    (err: Error) => err,
  );
  expect(error).toBeInstanceOf(DeterminismViolationError);
  const message = explainDivergence(s, error!, await locateDivergence(s, error!, replay));
  expect(message).toContain(s.file);
  // Today's code upserts search attributes first; the edit schedules an activity there instead.
  expect(message).toMatch(/diverges at event 5 \(UPSERT_WORKFLOW_SEARCH_ATTRIBUTES\)/);
});
