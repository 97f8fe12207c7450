/**
 * Idempotency keys of `POST /v1/cases` and of the case actions (./action-keys.ts), kept in Temporal
 * itself: one "key record" workflow per key and calling credential, so they survive API restarts and
 * every API process agrees. Openings and actions share a caller's key space: a key names one request.
 *
 * - Id `idempotency-key-<sha256(sha256(API key) ‖ Idempotency-Key)>`: no personal data, and no two
 *   credentials share a key space. Claimed with `REJECT_DUPLICATE` and conflict policy `FAIL`, so of
 *   concurrent claims exactly one succeeds; the others read the record's memo (the request's
 *   fingerprint, and its order and case type, or its case and action).
 * - No worker polls its task queue: the record never runs, it just exists until its 24 h execution
 *   timeout, then the namespace's retention: a key is remembered 24 h to 24 h + retention.
 * - Its case: the case the request opened carries the key digest in its memo; when the request was
 *   answered with a case another request opened, that case id is signalled to the record
 *   (`caseIdentified:<caseId>`, read back from the record's short history).
 * - An action's answer: once the case has applied it, `actionApplied:<status>:<seq>` is signalled to
 *   the record, so a retry is answered from the record even after the case continued as new (its
 *   new run does not know the earlier run's update ids).
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
/** Signal name prefixes; the data is in the name, so reading it needs no payload decoding. */
const CASE_IDENTIFIED_SIGNAL = 'caseIdentified:';
const ACTION_APPLIED_SIGNAL = 'actionApplied:';

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

/** The record of an opening's key, as its memo holds it. */
export interface KeyRecord {
  fingerprint: string;
  orderId: string;
  caseType: string;
}

/** The record of an action's key: the action (its path segment) on the case. */
export interface ActionKeyRecord {
  fingerprint: string;
  caseId: string;
  action: string;
}

export type AnyKeyRecord = KeyRecord | ActionKeyRecord;

export const isActionKeyRecord = (record: AnyKeyRecord): record is ActionKeyRecord => 'action' in record;

/** What a key was first used for, for the detail of `idempotency_key_reused`. */
export function keyUseOf(record: AnyKeyRecord): string {
  if (isActionKeyRecord(record)) return `this Idempotency-Key belongs to ${record.action} on case ${record.caseId} (a different request)`;
  return `this Idempotency-Key belongs to the opening of a ${record.caseType} case for order ${record.orderId} (a different request)`;
}

/** What ops see in the Temporal UI beside the cases. */
function recordSummary(record: AnyKeyRecord): string {
  const request = isActionKeyRecord(record) ? `POST /v1/cases/${record.caseId}/${record.action}` : 'POST /v1/cases';
  return `Idempotency-Key record of ${request} (data only: no worker runs it; closes after 24 h)`;
}

/** Claims the key for this request; returns the existing record when the key was claimed before. */
export async function claimKey(deps: CaseDeps, digest: string, record: AnyKeyRecord): Promise<AnyKeyRecord | undefined> {
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
        staticSummary: recordSummary(record),
      }),
    );
    return undefined;
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  const description = await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(workflowId).describe());
  return description.memo as unknown as AnyKeyRecord;
}

/** Signals `name` to the key's record; a record that expired meanwhile has nothing left to remember it in. */
async function signalRecord(deps: CaseDeps, digest: string, name: string): Promise<void> {
  try {
    await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(keyRecordWorkflowId(digest)).signal(name));
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/** The first signal to the record whose name starts with `prefix`, less the prefix. */
async function firstSignalOfKey(deps: CaseDeps, digest: string, prefix: string): Promise<string | undefined> {
  const history = await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(keyRecordWorkflowId(digest)).fetchHistory());
  for (const event of history.events ?? []) {
    const name = event.workflowExecutionSignaledEventAttributes?.signalName;
    if (name?.startsWith(prefix)) return name.slice(prefix.length);
  }
  return undefined;
}

/** Tells the record which case answered its request (when that case's memo does not say so). */
export function recordCaseOfKey(deps: CaseDeps, digest: string, caseId: string): Promise<void> {
  return signalRecord(deps, digest, `${CASE_IDENTIFIED_SIGNAL}${caseId}`);
}

/** The case id signalled to the record, if any (first signal wins). */
export function signalledCaseOfKey(deps: CaseDeps, digest: string): Promise<string | undefined> {
  return firstSignalOfKey(deps, digest, CASE_IDENTIFIED_SIGNAL);
}

/** What an action's case answered: its status and timeline position after the action. */
export interface AppliedAnswer {
  status: string;
  seq: number;
}

/** The name of the signal that records an action's answer (status names hold no colon). */
export function actionAppliedSignal(answer: AppliedAnswer): string {
  return `${ACTION_APPLIED_SIGNAL}${answer.status}:${answer.seq}`;
}

/** The answer in an actionApplied signal's name (less its prefix), or undefined if it is not one. */
export function parseAppliedAnswer(text: string): AppliedAnswer | undefined {
  const match = /^([a-z_]+):(\d+)$/.exec(text);
  return match ? { status: match[1] as string, seq: Number(match[2]) } : undefined;
}

/** Records the case's answer to the key's action. */
export function recordActionApplied(deps: CaseDeps, digest: string, answer: AppliedAnswer): Promise<void> {
  return signalRecord(deps, digest, actionAppliedSignal(answer));
}

/** The answer recorded for the key's action, if the case applied it (first signal wins). */
export async function appliedAnswerOfKey(deps: CaseDeps, digest: string): Promise<AppliedAnswer | undefined> {
  const text = await firstSignalOfKey(deps, digest, ACTION_APPLIED_SIGNAL);
  return text === undefined ? undefined : parseAppliedAnswer(text);
}
