/**
 * The case list: one page of cases straight from Temporal visibility (the case search attributes),
 * in its order: open cases first (newest first), then closed ones (the last closed first). Filtered
 * by the one query builder the saved views use (src/temporal/case-query.ts), so the two cannot drift. Visibility is eventually consistent and the search attributes are what
 * the case last upserted: a case whose status is `closed` while its workflow still runs (its last
 * steps, or no worker to run them) says so with `finishing: true`.
 */
import { defaultPayloadConverter, SearchAttributeType, TypedSearchAttributes, type SearchAttributePair } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { visibilityQuery, type CaseFilter } from '../temporal/case-query';
import { savedViewFilter, type SavedViewName } from '../temporal/saved-views';
import { caseIdFromWorkflowId } from '../workflows/case/contract';
import {
  ASSIGNEE,
  CASE_SEARCH_ATTRIBUTES,
  CARRIER,
  CASE_STATUS,
  CASE_TYPE,
  ESCALATION_LEVEL,
  OPENED_AT,
  ORDER_ID,
  PRIORITY,
  REGION,
  RESOLUTION,
  RESPONSE_DUE_AT,
  SLA_BREACHED,
  TRACKING_NUMBERS,
} from '../workflows/case/search-attributes';
import { within, type CaseDeps } from './deps';
import { openPageToken, sealPageToken } from './page-tokens';

const DEFAULT_PAGE_SIZE = 20;

/** A case as visibility knows it (its search attributes): a list item (CaseSummary in the API's document). */
export interface CaseSummary {
  caseId: string;
  orderId?: string;
  caseType?: string;
  status?: string;
  priority?: string;
  region?: string;
  assignee?: string;
  carrier?: string;
  resolution?: string;
  trackingNumbers?: string[];
  escalationLevel?: number;
  slaBreached?: boolean;
  responseDueAt?: string;
  openedAt: string;
  closedAt?: string;
  /** Workflow execution status: RUNNING, COMPLETED, … */
  execution: string;
  /** `status` is closed but the workflow still runs its last steps (or waits for a worker). */
  finishing?: true;
  links: { self: string };
}

/** What a list asks for: filters, an optional saved view, and the page. */
export type CaseListing = CaseFilter & { view?: SavedViewName; pageSize?: number; nextPageToken?: string };

/** The list's query: the named saved view as of `now` (if any), narrowed by the request's filters. */
export function listQuery(f: CaseFilter & { view?: SavedViewName }, now: Date = new Date()): string {
  return f.view === undefined ? visibilityQuery(f) : visibilityQuery(savedViewFilter(f.view, now), f);
}

/** What visibility (or a describe) knows of a case: its search attributes and execution. */
export interface CaseExecution {
  typedSearchAttributes: TypedSearchAttributes;
  status: { name: string };
  startTime: Date;
  closeTime?: Date | undefined;
}

type RawExecution = temporal.api.workflow.v1.IWorkflowExecutionInfo;
type Timestamp = { seconds?: { toNumber(): number } | number | null; nanos?: number | null } | null | undefined;

export function timestampToDate(t: Timestamp): Date | undefined {
  if (!t?.seconds) return undefined;
  const seconds = typeof t.seconds === 'number' ? t.seconds : t.seconds.toNumber();
  return new Date(seconds * 1000 + Math.floor((t.nanos ?? 0) / 1e6));
}

/** A raw visibility row as a CaseExecution, decoded with the SDK's public converter (search attributes are never codec-encoded). */
function executionOf(raw: RawExecution): CaseExecution {
  const fields = raw.searchAttributes?.indexedFields ?? {};
  const pairs = CASE_SEARCH_ATTRIBUTES.flatMap((key) => {
    const payload = fields[key.name];
    if (!payload) return [];
    const value = defaultPayloadConverter.fromPayload(payload);
    return [{ key, value: key.type === SearchAttributeType.DATETIME ? new Date(value as string) : value } as SearchAttributePair];
  });
  const status = temporal.api.enums.v1.WorkflowExecutionStatus[raw.status ?? 0] ?? 'UNSPECIFIED';
  return {
    typedSearchAttributes: new TypedSearchAttributes(pairs),
    // The SDK's own names (WorkflowExecutionStatusName): RUNNING, COMPLETED, …, CANCELLED.
    status: { name: status.replace('WORKFLOW_EXECUTION_STATUS_', '').replace('CANCELED', 'CANCELLED') },
    startTime: timestampToDate(raw.startTime) ?? new Date(0),
    closeTime: timestampToDate(raw.closeTime),
  };
}

export function summaryOf(caseId: string, e: CaseExecution): CaseSummary {
  const sa = e.typedSearchAttributes;
  const status = sa.get(CASE_STATUS);
  const summary: CaseSummary = {
    caseId,
    orderId: sa.get(ORDER_ID),
    caseType: sa.get(CASE_TYPE),
    status,
    priority: sa.get(PRIORITY),
    region: sa.get(REGION),
    assignee: sa.get(ASSIGNEE),
    carrier: sa.get(CARRIER),
    resolution: sa.get(RESOLUTION),
    trackingNumbers: sa.get(TRACKING_NUMBERS),
    escalationLevel: sa.get(ESCALATION_LEVEL),
    slaBreached: sa.get(SLA_BREACHED),
    responseDueAt: sa.get(RESPONSE_DUE_AT)?.toISOString(),
    // The first run's start: a case that continued as new is listed by its newest run.
    openedAt: (sa.get(OPENED_AT) ?? e.startTime).toISOString(),
    closedAt: e.closeTime?.toISOString(),
    execution: e.status.name,
    ...(status === 'closed' && e.status.name === 'RUNNING' ? { finishing: true } : {}),
    links: { self: `/v1/cases/${encodeURIComponent(caseId)}` },
  };
  return JSON.parse(JSON.stringify(summary)) as CaseSummary; // drops the absent fields
}

/** One page of cases, straight from Temporal visibility (search attributes), in its order: open first, newest first. */
export async function listCases(deps: CaseDeps, q: CaseListing): Promise<{ items: CaseSummary[]; nextPageToken?: string }> {
  const query = listQuery(q);
  const nextPageToken = q.nextPageToken === undefined ? undefined : openPageToken(deps.pageTokenKey, query, q.nextPageToken);
  const response = await within(deps, deps.timeouts.listMs, () =>
    deps.client.workflowService.listWorkflowExecutions({ namespace: deps.namespace, query, pageSize: q.pageSize ?? DEFAULT_PAGE_SIZE, nextPageToken }),
  );
  const items: CaseSummary[] = [];
  for (const raw of response.executions) {
    const caseId = caseIdFromWorkflowId(raw.execution?.workflowId ?? '');
    // A case that continued as new (issue 14) is listed once, by its latest run.
    const handedOver = raw.status === temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW;
    if (caseId !== undefined && !handedOver) items.push(summaryOf(caseId, executionOf(raw)));
  }
  const more = response.nextPageToken && response.nextPageToken.length > 0;
  return more ? { items, nextPageToken: sealPageToken(deps.pageTokenKey, query, response.nextPageToken) } : { items };
}
