/**
 * Running a case action as a Temporal update, and telling a closed case from an unknown one. The
 * update answers a small CaseActionResult (kept small because it is stored in the case's history);
 * the route answers the case view, read by query once the update has completed.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { caseWorkflowId, type CaseView } from '../../workflows/case/contract';
import type { afterSalesCase } from '../../workflows/case/workflow';
import type { Role } from '../auth';
import { within, type CaseDeps } from '../deps';
import { ApiError } from '../errors';
import type { CaseAction } from './actions';
import { describeCase } from './opening';
import { isStale, readCase } from './reading';

/** Runs an action as an update, then reads the view; the case's own rules refuse it with a 409 (errors.ts). */
export async function runAction(
  deps: CaseDeps,
  caseId: string,
  action: CaseAction,
  body: unknown,
  role: Role | undefined,
  idempotencyKey: string | undefined,
): Promise<CaseView> {
  const handle = deps.client.workflow.getHandle<typeof afterSalesCase>(caseWorkflowId(caseId));
  try {
    await within(deps, deps.timeouts.updateMs, () =>
      handle.executeUpdate(action.update, {
        args: [action.toArgument(body, role)],
        // The same key for the same action on the same case is the same update: Temporal dedupes it.
        ...(idempotencyKey !== undefined ? { updateId: `${action.name}:${idempotencyKey}` } : {}),
      }),
    );
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    // Temporal answers an update on a finished workflow as "not found": tell closed from unknown.
    if (await describeCase(deps, caseId)) throw new ApiError('case_closed', `case ${caseId} is closed; it accepts no more actions`);
    throw new ApiError('case_not_found', `no case ${caseId}`);
  }
  // The view after the action (the final view when the action closed the case). The update just
  // completed, so a worker is there; a stale read would not be the case after the action.
  const view = await readCase(deps, caseId);
  if (isStale(view)) throw new ApiError('case_not_answering', `case ${caseId} applied the action but did not answer the read; GET it again`);
  return view;
}
