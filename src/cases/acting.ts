/**
 * Acting on a case: the action runs as a Temporal update, which answers a small CaseActionResult
 * (kept small because it is stored in the case's history). By default the caller then gets the
 * case view, read by query once the update has completed; a caller that asked for the minimal
 * answer (`Prefer: return=minimal`) gets the CaseActionResult and saves that query.
 */
import { WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/client';
import { caseWorkflowId, type CaseActionResult, type CaseView } from '../workflows/case/contract';
import type { afterSalesCase } from '../workflows/case/workflow';
import { within, type CaseDeps } from './deps';
import { CaseError } from './errors';
import type { ClaimedAction } from './action-keys';
import { recordActionApplied } from './idempotency-keys';
import { describeCase } from './opening';
import { isStale, readCase } from './reading';

/**
 * Runs `update` with `argument` on the case and returns what the update answered. The same
 * `updateId` on the same case is the same update (Temporal applies it once and answers the first
 * result again). The case's own rules refuse with a WorkflowUpdateFailedError (its reason in the cause).
 */
export async function applyAction<A>(deps: CaseDeps, caseId: string, update: UpdateDefinition<CaseActionResult, [A]>, argument: A, updateId?: string): Promise<CaseActionResult> {
  const handle = deps.client.workflow.getHandle<typeof afterSalesCase>(caseWorkflowId(caseId));
  try {
    return await within(deps, deps.timeouts.updateMs, () => handle.executeUpdate(update, { args: [argument], ...(updateId !== undefined && { updateId }) }));
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    // Temporal answers an update on a finished workflow as "not found": tell closed from unknown.
    if (await describeCase(deps, caseId)) throw new CaseError('case_closed', `case ${caseId} is closed; it accepts no more actions`);
    throw new CaseError('case_not_found', `no case ${caseId}`);
  }
}

/**
 * A keyed action (see ./action-keys.ts): the answer its record holds when the case applied it
 * before; otherwise applied under the claim's update id, and the case's answer recorded. A record
 * that cannot be told (Temporal failing just then) is logged, not answered as a failure: the
 * action was applied, and a retry sends the same update id.
 */
export async function applyKeyedAction<A>(deps: CaseDeps, caseId: string, update: UpdateDefinition<CaseActionResult, [A]>, argument: A, claim: ClaimedAction | undefined): Promise<CaseActionResult> {
  if (claim?.applied) return claim.applied;
  const result = await applyAction(deps, caseId, update, argument, claim?.updateId);
  if (claim) {
    await recordActionApplied(deps, claim.digest, result).catch((err: unknown) =>
      deps.log({ level: 'warn', msg: 'action_answer_not_recorded', caseId, action: update.name, error: err instanceof Error ? err.name : 'unknown' }),
    );
  }
  return result;
}

/** Runs the action (see applyKeyedAction), then reads the case view after it. */
export async function actOnCase<A>(deps: CaseDeps, caseId: string, update: UpdateDefinition<CaseActionResult, [A]>, argument: A, claim?: ClaimedAction): Promise<CaseView> {
  await applyKeyedAction(deps, caseId, update, argument, claim);
  // The view after the action (the final view when the action closed the case). The update just
  // completed, so a worker is there; a stale read would not be the case after the action.
  const view = await readCase(deps, caseId);
  if (isStale(view)) throw new CaseError('case_not_answering', `case ${caseId} applied the action but did not answer the read; GET it again`);
  return view;
}
