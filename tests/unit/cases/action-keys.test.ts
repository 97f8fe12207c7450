/**
 * Idempotency keys of the case actions (src/cases/action-keys.ts), on a fake Temporal that keeps the
 * key records' memos and signals: the same key and request sends the same update id (or, once the
 * case's answer is recorded, gets that answer), another request with the key is
 * `idempotency_key_reused` naming what the key belongs to, and callers never share a key.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { actionKeyRecord, actionUpdateId, claimActionKey, reuseOf } from '../../../src/cases/action-keys';
import { KEYED_UPDATE_ID } from '../../../src/workflows/case/keyed-answers';
import type { CaseDeps } from '../../../src/cases/deps';
import { CaseError } from '../../../src/cases/errors';
import { actionAppliedSignal, keyDigest, parseAppliedAnswer, recordActionApplied } from '../../../src/cases/idempotency-keys';

/** Key records as Temporal holds them: a start of a taken id conflicts; describe reads the memo; signals go to the history. */
function fakeRecords() {
  const memos = new Map<string, Record<string, unknown>>();
  const signals = new Map<string, string[]>();
  const start = async (type: string, options: { workflowId: string; memo: Record<string, unknown> }) => {
    if (memos.has(options.workflowId)) throw new WorkflowExecutionAlreadyStartedError('already started', options.workflowId, type);
    memos.set(options.workflowId, options.memo);
  };
  const getHandle = (workflowId: string) => ({
    describe: async () => ({ memo: memos.get(workflowId) }),
    signal: async (name: string) => void signals.set(workflowId, [...(signals.get(workflowId) ?? []), name]),
    fetchHistory: async () => ({ events: (signals.get(workflowId) ?? []).map((signalName) => ({ workflowExecutionSignaledEventAttributes: { signalName } })) }),
  });
  const client = { withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(), workflow: { start, getHandle } };
  const deps = { client, timeouts: { queryMs: 1_000, updateMs: 1_000 } } as unknown as CaseDeps;
  return { deps, memos };
}

const review = (decision: string, caseId = 'AC-0000000000000001-1') => ({ caseId, action: 'review', body: { agentId: 'AG-1', decision } });

test('the fingerprint is of the case, the action and the body, whatever the order of its fields', () => {
  const a = actionKeyRecord({ caseId: 'AC-1', action: 'notes', body: { author: 'AG-1', text: 'hi' } });
  expect(a).toEqual({ fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), caseId: 'AC-1', action: 'notes' });
  expect(actionKeyRecord({ caseId: 'AC-1', action: 'notes', body: { text: 'hi', author: 'AG-1' } })).toEqual(a);
  for (const other of [
    { caseId: 'AC-2', action: 'notes', body: { author: 'AG-1', text: 'hi' } },
    { caseId: 'AC-1', action: 'escalate', body: { author: 'AG-1', text: 'hi' } },
    { caseId: 'AC-1', action: 'notes', body: { author: 'AG-1', text: 'hi!' } },
  ]) {
    expect(actionKeyRecord(other).fingerprint).not.toBe(a.fingerprint);
  }
});

test('the update id names the action and depends on the key digest and the request, never holding the key', () => {
  const record = actionKeyRecord(review('approve'));
  const id = actionUpdateId(keyDigest('caller-1', 'rev-1'), record);
  expect(id).toMatch(/^review:[0-9a-f]{64}$/);
  // The case knows a keyed action by this form (it carries their answers across continue-as-new).
  expect(id).toMatch(KEYED_UPDATE_ID);
  expect(actionUpdateId(keyDigest('caller-1', 'rev-1'), actionKeyRecord({ caseId: 'AC-1', action: 'arbitration-ruling', body: {} }))).toMatch(KEYED_UPDATE_ID);
  expect(id).not.toContain('rev-1');
  expect(actionUpdateId(keyDigest('caller-1', 'rev-1'), record)).toBe(id);
  expect(actionUpdateId(keyDigest('caller-2', 'rev-1'), record)).not.toBe(id);
  expect(actionUpdateId(keyDigest('caller-1', 'rev-2'), record)).not.toBe(id);
  expect(actionUpdateId(keyDigest('caller-1', 'rev-1'), actionKeyRecord(review('reject')))).not.toBe(id);
});

test('reuseOf: none for the same request; else what the key belongs to (an action on a case, or an opening)', () => {
  const record = actionKeyRecord(review('approve'));
  expect(reuseOf(record, { ...record })).toBeUndefined();
  expect(reuseOf(record, actionKeyRecord(review('reject')))).toBe('this Idempotency-Key belongs to review on case AC-0000000000000001-1 (a different request)');
  expect(reuseOf(record, { fingerprint: 'f', orderId: 'ORD-1', caseType: 'damaged' })).toBe(
    'this Idempotency-Key belongs to the opening of a damaged case for order ORD-1 (a different request)',
  );
});

test('claimActionKey: the same request again gets the same update id; another request with the key is refused; other callers are apart', async () => {
  const { deps, memos } = fakeRecords();
  const first = await claimActionKey(deps, 'caller-1', 'rev-1', review('approve'));
  expect(memos.size).toBe(1);
  // A retry (also one after the API died between the claim and the update) sends the same update.
  expect(await claimActionKey(deps, 'caller-1', 'rev-1', review('approve'))).toEqual(first);
  expect(first.applied).toBeUndefined();

  for (const other of [review('reject'), review('approve', 'AC-0000000000000002-1'), { ...review('approve'), action: 'notes' }]) {
    const refused = claimActionKey(deps, 'caller-1', 'rev-1', other);
    await expect(refused).rejects.toThrow(CaseError);
    await expect(refused).rejects.toMatchObject({ kind: 'idempotency_key_reused', message: expect.stringContaining('review on case AC-0000000000000001-1') });
  }

  const elsewhere = await claimActionKey(deps, 'caller-2', 'rev-1', review('reject'));
  expect(elsewhere.updateId).not.toBe(first.updateId);
  expect(memos.size).toBe(2);
  expect([...memos.keys()].join()).not.toContain('rev-1');
});

test('an action\'s answer round-trips through the name of the signal that records it; other names are not answers', () => {
  const answer = { status: 'awaiting_survey', seq: 1022 };
  const name = actionAppliedSignal(answer);
  expect(name).toBe('actionApplied:awaiting_survey:1022');
  expect(parseAppliedAnswer(name.slice('actionApplied:'.length))).toEqual(answer);
  for (const bad of ['', 'awaiting_survey', 'awaiting_survey:', 'awaiting_survey:12x', 'AC-1:awaiting_survey:3', ':3']) expect(parseAppliedAnswer(bad)).toBeUndefined();
});

test('claimActionKey: once the case\'s answer is recorded, a retry gets it (nothing to send), first signal wins; another caller does not', async () => {
  const { deps } = fakeRecords();
  const first = await claimActionKey(deps, 'caller-1', 'esc-1', { caseId: 'AC-0000000000000001-1', action: 'escalate', body: { by: 'AG-1', reason: 'r' } });
  await recordActionApplied(deps, first.digest, { status: 'awaiting_survey', seq: 19 });
  await recordActionApplied(deps, first.digest, { status: 'awaiting_survey', seq: 1022 }); // a concurrent duplicate's record
  const retry = await claimActionKey(deps, 'caller-1', 'esc-1', { caseId: 'AC-0000000000000001-1', action: 'escalate', body: { by: 'AG-1', reason: 'r' } });
  expect(retry).toEqual({ ...first, applied: { caseId: 'AC-0000000000000001-1', status: 'awaiting_survey', seq: 19 } });
  const other = await claimActionKey(deps, 'caller-2', 'esc-1', { caseId: 'AC-0000000000000001-1', action: 'escalate', body: { by: 'AG-1', reason: 'r' } });
  expect(other.applied).toBeUndefined();
});
