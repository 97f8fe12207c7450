/**
 * What an opening stores in the case's memo: only what a later request reads. A keyless opening
 * stores none (nothing reads a fingerprint there, and a memo costs the start server time); an
 * opening with an Idempotency-Key stores its digest, which caseOfKey compares.
 */
import { openCase } from '../../../src/cases/opening';
import { keyDigest } from '../../../src/cases/idempotency-keys';
import { fakeOpeningDeps, report } from './fake-opening-deps';

const caseStarts = (starts: ReturnType<typeof fakeOpeningDeps>['starts']) => starts.filter((s) => s.workflowId.startsWith('case-')).map(({ workflowId, memo }) => ({ workflowId, ...(memo !== undefined && { memo }) }));

test('a keyless opening starts the case with no memo', async () => {
  const f = fakeOpeningDeps();
  const outcome = await openCase(f.deps, report('ORD-MEMO-1'), undefined, 'caller');
  expect(outcome.created).toBe(true);
  expect(caseStarts(f.starts)).toEqual([{ workflowId: expect.stringMatching(/^case-AC-/) }]);
});

test("an opening with an Idempotency-Key stores the key's digest in the case's memo, and nothing else", async () => {
  const f = fakeOpeningDeps();
  await openCase(f.deps, report('ORD-MEMO-2'), 'key-1', 'caller');
  expect(caseStarts(f.starts)).toEqual([{ workflowId: expect.stringMatching(/^case-AC-/), memo: { idempotencyKey: keyDigest('caller', 'key-1') } }]);
});
