/**
 * Trial E: a new claim sent while the order's case of that type shows `closed` but its run still
 * finishes work aside (a look-up, a message, a stock release) was answered 200 with that closed case,
 * and the claim was lost. Closed by its status counts as closed: the next generation opens. A fake
 * client (no server) whose generation 1 exists and is running.
 */
import { TypedSearchAttributes, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { openCase } from '../../../src/cases/opening';
import { CASE_STATUS } from '../../../src/workflows/case/search-attributes';
import { ACTIVE_PAUSES_MEMO } from '../../../src/workflows/pauses/contract';
import { fakeOpeningDeps, report } from './fake-opening-deps';

/** Generation 1 of every order's case conflicts and describes as running with `status`; later ones start. */
function firstGenerationRunning(status: string) {
  const f = fakeOpeningDeps();
  const started: string[] = [];
  const client = f.deps.client as unknown as { workflow: { start: unknown; getHandle: unknown } };
  client.workflow.start = async (type: string, options: { workflowId: string }) => {
    if (options.workflowId.endsWith('-1')) throw new WorkflowExecutionAlreadyStartedError('already started', options.workflowId, type);
    started.push(options.workflowId);
    return {};
  };
  client.workflow.getHandle = () => ({
    describe: async () => ({
      status: { name: 'RUNNING' },
      typedSearchAttributes: new TypedSearchAttributes([{ key: CASE_STATUS, value: status }]),
      memo: { [ACTIVE_PAUSES_MEMO]: [] },
      staticDetails: async () => undefined,
    }),
  });
  return { deps: f.deps, started };
}

test('the case shows closed while its run finishes aside: a new claim opens the next generation', async () => {
  const { deps, started } = firstGenerationRunning('closed');
  const outcome = await openCase(deps, report('ORD-FIN-1'), undefined, 'caller');
  expect(outcome).toMatchObject({ created: true, caseId: expect.stringMatching(/^AC-[0-9A-F]{16}-2$/) });
  expect(started).toHaveLength(1);
});

test('the case is open: the same claim is answered with it, nothing started', async () => {
  const { deps, started } = firstGenerationRunning('awaiting_review');
  const outcome = await openCase(deps, report('ORD-FIN-2'), undefined, 'caller');
  expect(outcome).toMatchObject({ created: false, caseId: expect.stringMatching(/^AC-[0-9A-F]{16}-1$/) });
  expect(started).toHaveLength(0);
});
