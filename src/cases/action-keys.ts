/**
 * Idempotency keys of the case actions (`POST /v1/cases/{id}/<action>`), kept as the key records of
 * ./idempotency-keys.ts (one space per caller with the openings' keys). Before the update is sent,
 * the key is claimed for the request (its case, action and validated body), and the update id is
 * derived from the key's digest (caller and key) and the request's fingerprint:
 * - the same key and request (a retry, a concurrent duplicate, a retry after the API died between
 *   the claim and the update) finds its own record: if the record holds the case's answer (signalled
 *   once the case applied the action) that answer is given again and nothing is sent; otherwise the
 *   same update id is sent, which Temporal applies once per run and answers the first result again.
 *   The record's answer is what keeps a retry from applying the action again after the case
 *   continued as new (a new run knows none of the earlier run's update ids);
 * - the same key with another request (another body, action or case) finds another fingerprint:
 *   `idempotency_key_reused`, naming the action and case the key belongs to, and nothing is sent;
 * - two API keys share neither a record nor an update id, and neither holds the raw key;
 * - once a record has expired (24 h + retention) the key is claimed afresh; the fingerprint in the
 *   update id still keeps another request from getting an earlier update's answer.
 * A request without a key costs nothing more: no record, no update id.
 */
import { CASE_STATUSES, type CaseActionResult, type CaseStatus } from '../workflows/case/contract';
import type { CaseDeps } from './deps';
import { CaseError } from './errors';
import { appliedAnswerOfKey, claimKey, fingerprintOf, keyDigest, keyUseOf, sha256, type ActionKeyRecord, type AnyKeyRecord } from './idempotency-keys';

/** One action request: the case, the action (its path segment) and the validated body. */
export interface ActionRequest {
  caseId: string;
  action: string;
  body: unknown;
}

/** The record an action's key claims. */
export function actionKeyRecord({ caseId, action, body }: ActionRequest): ActionKeyRecord {
  return { fingerprint: fingerprintOf({ caseId, action, body }), caseId, action };
}

/** The update id of a keyed action, per key digest and request: `<action>:<sha256>`. */
export function actionUpdateId(digest: string, record: ActionKeyRecord): string {
  return `${record.action}:${sha256(`${digest}\u0000${record.fingerprint}`)}`;
}

/** Why a key already claimed refuses this request (`undefined`: claimed by this same request). */
export function reuseOf(record: ActionKeyRecord, claimed: AnyKeyRecord): string | undefined {
  return claimed.fingerprint === record.fingerprint ? undefined : keyUseOf(claimed);
}

/** A claimed key: the update id to send the action with, and the case's answer if it applied it before. */
export interface ClaimedAction {
  digest: string;
  updateId: string;
  applied?: CaseActionResult;
}

/**
 * Claims the caller's key for this action; a key claimed by another request is
 * `idempotency_key_reused`. `credential` is the digest of the API key.
 */
export async function claimActionKey(deps: CaseDeps, credential: string, idempotencyKey: string, request: ActionRequest): Promise<ClaimedAction> {
  const digest = keyDigest(credential, idempotencyKey);
  const record = actionKeyRecord(request);
  const claimed = await claimKey(deps, digest, record);
  const reuse = claimed && reuseOf(record, claimed);
  if (reuse !== undefined) throw new CaseError('idempotency_key_reused', reuse);
  const updateId = actionUpdateId(digest, record);
  // Only a key claimed before can have an answer: a first request costs no history read.
  const answer = claimed && (await appliedAnswerOfKey(deps, digest));
  if (!answer || !(CASE_STATUSES as readonly string[]).includes(answer.status)) return { digest, updateId };
  return { digest, updateId, applied: { caseId: request.caseId, status: answer.status as CaseStatus, seq: answer.seq } };
}
