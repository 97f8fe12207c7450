/**
 * A carrier's tracking event to the case whose parcel has its tracking number. The case is found
 * through visibility (`TrackingNumbers`), looked up again briefly as visibility lags, and gets the
 * `carrierEvent` signal. A number no case has yet is `tracking_number_unknown` (the carrier re-sends
 * later instead of the event being dropped); a number whose case has closed is not delivered:
 * nothing waits for it.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { setTimeout as sleep } from 'node:timers/promises';
import { visibilityQuery } from '../temporal/case-query';
import { caseIdFromWorkflowId, carrierEventSignal, type CarrierEvent } from '../workflows/case/contract';
import { within, type CaseDeps } from './deps';
import { CaseError } from './errors';

const RUNNING = temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;

/** The cases (open or closed) that own a tracking number, waiting briefly for visibility to catch up. */
async function casesTracking(deps: CaseDeps, trackingNumber: string): Promise<Array<{ workflowId: string; running: boolean }>> {
  const query = visibilityQuery({ trackingNumber });
  for (const delay of deps.timeouts.webhookLookupDelaysMs) {
    if (delay > 0) await sleep(delay);
    const page = await within(deps, deps.timeouts.listMs, () =>
      deps.client.workflowService.listWorkflowExecutions({ namespace: deps.namespace, query, pageSize: 10 }),
    );
    const cases = page.executions
      .map((e) => ({ workflowId: e.execution?.workflowId ?? '', running: e.status === RUNNING }))
      .filter((c) => caseIdFromWorkflowId(c.workflowId) !== undefined);
    if (cases.length > 0) return cases;
  }
  return [];
}

/** Signals the event to the open cases tracking its number; `caseId` names the last one reached. */
export async function deliverCarrierEvent(deps: CaseDeps, event: CarrierEvent): Promise<{ delivered: boolean; caseId?: string }> {
  const cases = await casesTracking(deps, event.trackingNumber);
  if (cases.length === 0) throw new CaseError('tracking_number_unknown', `no case has tracking number ${event.trackingNumber} yet`);
  let caseId: string | undefined;
  for (const { workflowId } of cases.filter((c) => c.running)) {
    try {
      await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(workflowId).signal(carrierEventSignal, event));
      caseId = caseIdFromWorkflowId(workflowId) ?? workflowId;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err; // closed since the lookup: nothing to tell
    }
  }
  return caseId === undefined ? { delivered: false } : { delivered: true, caseId };
}
