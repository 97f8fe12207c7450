/**
 * An order may have MAX_GENERATIONS cases of one type over its life, closed ones included (those
 * refused at intake too): the next opening is a 409 case_conflict saying so, after trying each
 * generation once. A fake client where every generation exists and is closed; no server.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { CaseError } from '../../../src/cases/errors';
import { MAX_GENERATIONS, openCase } from '../../../src/cases/opening';
import { ACTIVE_PAUSES_MEMO } from '../../../src/workflows/pauses/contract';
import { fakeOpeningDeps, report } from './fake-opening-deps';

test(`the ${MAX_GENERATIONS + 1}st case of one order and type is a case_conflict naming the limit`, async () => {
  const f = fakeOpeningDeps();
  const tried: string[] = [];
  const client = f.deps.client as unknown as { workflow: { start: unknown; getHandle: unknown } };
  client.workflow.start = async (type: string, options: { workflowId: string }) => {
    tried.push(options.workflowId);
    throw new WorkflowExecutionAlreadyStartedError('already started', options.workflowId, type);
  };
  client.workflow.getHandle = () => ({ describe: async () => ({ status: { name: 'COMPLETED' }, memo: { [ACTIVE_PAUSES_MEMO]: [] } }) });

  const failure = await openCase(f.deps, report('ORD-GEN-1'), undefined, 'caller').then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(failure).toBeInstanceOf(CaseError);
  expect(failure).toMatchObject({ kind: 'case_conflict', message: `order ORD-GEN-1 has had ${MAX_GENERATIONS} damaged cases; no more can be opened` });
  expect(MAX_GENERATIONS).toBe(20); // as the README says
  expect(tried.map((id) => id.replace(/^case-AC-[0-9A-F]{16}-/, ''))).toEqual(Array.from({ length: MAX_GENERATIONS }, (_, i) => String(i + 1)));
});
