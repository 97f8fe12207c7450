/**
 * A carrier's tracking event to the cases whose parcel has its tracking number: the `carrierEvent`
 * signal. Which cases those are (visibility's `TrackingNumbers`, waiting out its lag, and the parcel's
 * carrier) is the webhook's check, src/api/webhooks/carrier-check.ts.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { carrierEventSignal, caseWorkflowId, type CarrierEvent } from '../workflows/case/contract';
import { within, type CaseDeps } from './deps';

/**
 * Signals the event to the open cases the webhook's check chose (src/api/webhooks/carrier-check.ts
 * found them through visibility); `caseId` names the last one reached. None, or only cases closed
 * since the lookup: not delivered, nothing waits for it.
 */
export async function deliverCarrierEvent(deps: CaseDeps, event: CarrierEvent, caseIds: readonly string[]): Promise<{ delivered: boolean; caseId?: string }> {
  let reached: string | undefined;
  for (const caseId of caseIds) {
    try {
      await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(caseWorkflowId(caseId)).signal(carrierEventSignal, event));
      reached = caseId;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err; // closed since the lookup: nothing to tell
    }
  }
  return reached === undefined ? { delivered: false } : { delivered: true, caseId: reached };
}
