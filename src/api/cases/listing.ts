/**
 * `GET /v1/cases`: one page of cases straight from Temporal visibility (the case search
 * attributes), newest first. Visibility is eventually consistent and the search attributes are what
 * the case last upserted: a case whose status is `closed` while its workflow still runs (its last
 * steps, or no worker to run them) says so with `finishing: true`.
 */
// The public list() iterator hides the page token this endpoint hands out; executionInfoFromRaw is the
// SDK's own decoding of a raw execution (search attributes, memo), so the one lib/ import stays here.
// eslint-disable-next-line no-restricted-imports
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import type { TypedSearchAttributes } from '@temporalio/common';
import { caseIdFromWorkflowId } from '../../workflows/case/contract';
import {
  ASSIGNEE,
  CARRIER,
  CASE_STATUS,
  CASE_TYPE,
  ESCALATION_LEVEL,
  ORDER_ID,
  PRIORITY,
  REGION,
  RESOLUTION,
  RESPONSE_DUE_AT,
  SLA_BREACHED,
  TRACKING_NUMBERS,
} from '../../workflows/case/search-attributes';
import { within, type CaseDeps } from '../deps';
import { listQuery } from './list-query';
import { openPageToken, sealPageToken } from './page-tokens';
import type { CaseSummary, ListCasesQuery } from './schemas';

const DEFAULT_PAGE_SIZE = 20;

/** What visibility (or a describe) knows of a case: its search attributes and execution. */
export interface CaseExecution {
  typedSearchAttributes: TypedSearchAttributes;
  status: { name: string };
  startTime: Date;
  closeTime?: Date | undefined;
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
    openedAt: e.startTime.toISOString(),
    closedAt: e.closeTime?.toISOString(),
    execution: e.status.name,
    ...(status === 'closed' && e.status.name === 'RUNNING' ? { finishing: true } : {}),
    links: { self: `/v1/cases/${encodeURIComponent(caseId)}` },
  };
  return JSON.parse(JSON.stringify(summary)) as CaseSummary; // drops the absent fields
}

/** One page of cases, straight from Temporal visibility (search attributes), newest first. */
export async function listCases(deps: CaseDeps, q: ListCasesQuery): Promise<{ items: CaseSummary[]; nextPageToken?: string }> {
  const query = listQuery(q);
  const nextPageToken = q.nextPageToken === undefined ? undefined : openPageToken(deps.pageTokenKey, query, q.nextPageToken);
  const response = await within(deps, deps.timeouts.listMs, () =>
    deps.client.workflowService.listWorkflowExecutions({ namespace: deps.namespace, query, pageSize: q.pageSize ?? DEFAULT_PAGE_SIZE, nextPageToken }),
  );
  const items: CaseSummary[] = [];
  for (const raw of response.executions) {
    const info = await executionInfoFromRaw(raw, deps.client.options.loadedDataConverter, raw, deps.namespace);
    const caseId = caseIdFromWorkflowId(info.workflowId);
    if (caseId === undefined) continue;
    items.push(summaryOf(caseId, info));
  }
  const more = response.nextPageToken && response.nextPageToken.length > 0;
  return more ? { items, nextPageToken: sealPageToken(deps.pageTokenKey, query, response.nextPageToken) } : { items };
}
