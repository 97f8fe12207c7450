/**
 * Reading a case: reads degrade, they don't fail. Best first: the `caseView` query (a worker
 * answers from the live state); a completed case's result (its final view, no worker needed); when
 * no worker answers in time, the case's search attributes (a list item) marked `stale: true` with
 * `asOf`, the time of its last completed workflow task (search attributes are upserted by workflow
 * tasks, so they are the case as of then). A case whose workflow was stopped from outside
 * (terminated by an operator, cancelled, timed out; or failed, which is a bug) answers its view as
 * it stood then, marked `stopped`, so it never reads as live. Only an unreachable Temporal makes a
 * read fail.
 */
import { QueryRejectedError, WorkflowNotFoundError } from '@temporalio/client';
import { CASE_WORKFLOW_TYPE, caseViewQuery, caseWorkflowId, type CaseView } from '../workflows/case/contract';
import type { afterSalesCase } from '../workflows/case/workflow';
import { within, type CaseDeps } from './deps';
import { CaseError } from './errors';
import { summaryOf, timestampToDate, type CaseSummary } from './listing';
import { describeCase } from './opening';

/** The last known view of a case whose worker did not answer in time (search attributes only). */
export type StaleCase = CaseSummary & { stale: true; asOf: string };

/** How a case's workflow ended when it did not complete. */
export const STOPPED_EXECUTIONS = ['TERMINATED', 'CANCELLED', 'TIMED_OUT', 'FAILED'] as const;
export type StoppedExecution = (typeof STOPPED_EXECUTIONS)[number];

/** The view of a case whose workflow was stopped before it completed: as it stood then. */
export type StoppedCase = CaseView & { stopped: { execution: StoppedExecution; at: string } };

const MAX_REVERSE_PAGES = 10;

/** The time of the case's last completed workflow task, read newest first from its history. */
async function lastWorkflowTaskAt(deps: CaseDeps, workflowId: string): Promise<Date | undefined> {
  let nextPageToken: Uint8Array | undefined;
  for (let page = 0; page < MAX_REVERSE_PAGES; page++) {
    const res = await within(deps, deps.timeouts.queryMs, () =>
      deps.client.workflowService.getWorkflowExecutionHistoryReverse({ namespace: deps.namespace, execution: { workflowId }, maximumPageSize: 100, nextPageToken }),
    );
    const completed = res.history?.events?.find((e) => e.workflowTaskCompletedEventAttributes);
    if (completed) return timestampToDate(completed.eventTime);
    if (!res.nextPageToken?.length) return undefined;
    nextPageToken = res.nextPageToken;
  }
  return undefined;
}

/** The case's live view; its final view once completed; its last known view when no worker answers. */
export async function readCase(deps: CaseDeps, caseId: string): Promise<CaseView | StaleCase | StoppedCase> {
  const handle = deps.client.workflow.getHandle<typeof afterSalesCase>(caseWorkflowId(caseId));
  try {
    // Asked on the client whose queries a stopped workflow rejects: a live or completed case costs nothing more.
    return await within(deps, deps.timeouts.queryMs, () => deps.liveClient.workflow.getHandle<typeof afterSalesCase>(caseWorkflowId(caseId)).query(caseViewQuery));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new CaseError('case_not_found', `no case ${caseId}`);
    const description = await describeCase(deps, caseId);
    if (!description || description.type !== CASE_WORKFLOW_TYPE) throw new CaseError('case_not_found', `no case ${caseId}`);
    if (description.status.name === 'COMPLETED') return within(deps, deps.timeouts.queryMs, () => handle.result());
    const execution = stoppedExecution(description.status.name);
    if (err instanceof QueryRejectedError && execution) {
      // Its last state is still in its history: a worker replays it to answer the query.
      const view = await within(deps, deps.timeouts.queryMs, () => handle.query(caseViewQuery)).catch(() => undefined);
      if (view) return stoppedView(view, execution, description.closeTime ?? deps.now());
    }
    deps.log({ level: 'warn', msg: 'case_query_failed_serving_stale', caseId, error: err instanceof Error ? err.name : 'unknown' });
    const asOf = (await lastWorkflowTaskAt(deps, caseWorkflowId(caseId))) ?? description.startTime;
    return { ...summaryOf(caseId, description), stale: true, asOf: asOf.toISOString() };
  }
}

/** The last view of a stopped case: its clocks no longer run, whatever they showed then. */
export function stoppedView(view: CaseView, execution: StoppedExecution, at: Date): StoppedCase {
  const clocks = view.clocks && Object.fromEntries(Object.entries(view.clocks).map(([name, clock]) => [name, { ...clock, running: false }]));
  return { ...view, ...(clocks && { clocks }), stopped: { execution, at: at.toISOString() } };
}

/** The stopped execution a workflow status names (the SDK spells cancelled `CANCELLED`), or undefined. */
export function stoppedExecution(status: string): StoppedExecution | undefined {
  return (STOPPED_EXECUTIONS as readonly string[]).includes(status) ? (status as StoppedExecution) : undefined;
}

/**
 * The case's summary as Temporal holds it: its search attributes, which every workflow task that
 * changes the case upserts before it completes. No worker is asked, so a backend can poll it for a
 * status change at a fraction of a read's cost, and it answers while no worker runs.
 */
export async function summarizeCase(deps: CaseDeps, caseId: string): Promise<CaseSummary> {
  const description = await describeCase(deps, caseId);
  if (!description || description.type !== CASE_WORKFLOW_TYPE) throw new CaseError('case_not_found', `no case ${caseId}`);
  return summaryOf(caseId, description);
}

/** True for a view served without a worker. */
export function isStale(view: CaseView | StaleCase | StoppedCase): view is StaleCase {
  return 'stale' in view && view.stale === true;
}
