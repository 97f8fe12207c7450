/**
 * Idempotency keys of `POST /v1/cases`, kept in Temporal itself: one "key record" workflow per key
 * and calling credential, so they survive API restarts and every API process agrees.
 *
 * - Id `idempotency-key-<sha256(sha256(API key) ‖ Idempotency-Key)>`: no personal data, and no two
 *   credentials share a key space. Claimed with `REJECT_DUPLICATE` and conflict policy `FAIL`, so of
 *   concurrent claims exactly one succeeds; the others read the record's memo (the request's
 *   fingerprint, order and case type).
 * - No worker polls its task queue: the record never runs, it just exists until its 24 h execution
 *   timeout, then the namespace's retention: a key is remembered 24 h to 24 h + retention.
 * - Its case: the case the request opened carries the key digest in its memo; when the request was
 *   answered with a case another request opened, that case id is signalled to the record
 *   (`caseIdentified:<caseId>`, read back from the record's short history).
 */
import { createHash } from 'node:crypto';
import stableStringify from 'safe-stable-stringify';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { within, type CaseDeps } from './deps';

/** How long a key record runs (at least that long a key is remembered; retention adds to it). */
export const KEY_TTL_MS = 24 * 60 * 60 * 1000;
export const KEY_RECORD_WORKFLOW_TYPE = 'aftercaseIdempotencyKey';
/** No worker polls this queue: key records are data, not code. */
export const KEY_RECORD_TASK_QUEUE = 'aftercase-idempotency-keys';
/** Signal name prefix; the case id is in the name, so reading it needs no payload decoding. */
const CASE_IDENTIFIED_SIGNAL = 'caseIdentified:';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The fingerprint of a request: sha256 of its JSON with keys sorted, so equal requests agree. */
export const fingerprintOf = (request: object): string => sha256(stableStringify(request) ?? '');

/** What identifies a key: the caller's credential and the key, hashed together. */
export function keyDigest(credential: string, idempotencyKey: string): string {
  return sha256(`${credential}\u0000${idempotencyKey}`);
}

export function keyRecordWorkflowId(digest: string): string {
  return `idempotency-key-${digest}`;
}

/** The record of a key, as its memo holds it. */
export interface KeyRecord {
  fingerprint: string;
  orderId: string;
  caseType: string;
}

/** Claims the key for this request; returns the existing record when the key was claimed before. */
export async function claimKey(deps: CaseDeps, digest: string, record: KeyRecord): Promise<KeyRecord | undefined> {
  const workflowId = keyRecordWorkflowId(digest);
  try {
    await within(deps, deps.timeouts.updateMs, () =>
      deps.client.workflow.start(KEY_RECORD_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: KEY_RECORD_TASK_QUEUE,
        args: [],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
        workflowExecutionTimeout: KEY_TTL_MS,
        memo: { ...record },
        // What ops see in the Temporal UI beside the cases.
        staticSummary: 'Idempotency-Key record of POST /v1/cases (data only: no worker runs it; closes after 24 h)',
      }),
    );
    return undefined;
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  const description = await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(workflowId).describe());
  return description.memo as unknown as KeyRecord;
}

/** Tells the record which case answered its request (when that case's memo does not say so). */
export async function recordCaseOfKey(deps: CaseDeps, digest: string, caseId: string): Promise<void> {
  try {
    await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(keyRecordWorkflowId(digest)).signal(`${CASE_IDENTIFIED_SIGNAL}${caseId}`));
  } catch (err) {
    // The record expired in the meantime: nothing left to remember the case in.
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/** The case id signalled to the record, if any (first signal wins). */
export async function signalledCaseOfKey(deps: CaseDeps, digest: string): Promise<string | undefined> {
  const history = await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(keyRecordWorkflowId(digest)).fetchHistory());
  for (const event of history.events ?? []) {
    const name = event.workflowExecutionSignaledEventAttributes?.signalName;
    if (name?.startsWith(CASE_IDENTIFIED_SIGNAL)) return name.slice(CASE_IDENTIFIED_SIGNAL.length);
  }
  return undefined;
}
