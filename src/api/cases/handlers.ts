/**
 * What the case endpoints do with Temporal: open a case exactly once, read its view, list cases
 * from visibility, and run an action as an update.
 *
 * Opening is idempotent without any store besides Temporal. A case id is derived from the natural
 * key and a generation: `AC-<16 hex of sha256(orderId, caseType)>-<n>`. Generation n is opened only
 * when generations 1..n-1 exist and are closed, so there is at most one open case per order and
 * type. Starts use `REJECT_DUPLICATE` and the conflict policy `FAIL`: of any number of concurrent
 * identical requests exactly one start succeeds (201); the others get
 * WorkflowExecutionAlreadyStartedError, describe the winner and return it (200). The
 * Idempotency-Key (as a digest) and a fingerprint of the request are kept in the workflow's memo, so
 * a retried request finds its own case even after that case has closed and a newer one was opened,
 * and a key reused for a different request is refused (422).
 *
 * Limits, by design: a key is remembered only by the case it opened, and only within its order and
 * type (a key reused for another order opens that order's case). A request answered 200 with
 * another request's open case, lost, and retried after that case closed, opens a new generation.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type WorkflowExecutionDescription,
} from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import type { TypedSearchAttributes } from '@temporalio/common';
import { CURRENT_POLICY_VERSION } from '../../policy/versions';
import {
  CASE_WORKFLOW_TYPE,
  caseIdFromWorkflowId,
  caseViewQuery,
  caseWorkflowId,
  type CaseView,
  type OpenCaseInput,
} from '../../workflows/case/contract';
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
import type { afterSalesCase } from '../../workflows/case/workflow';
import type { Role } from '../auth';
import { within, type CaseDeps } from '../deps';
import { ApiError } from '../errors';
import { ACTION_NAMES, type CaseAction } from './actions';
import { visibilityQuery } from './list-query';
import type { CaseSummary, ListCasesQuery, OpenCaseRequest } from './schemas';

/** How many cases one order may have of one type over its life (closed ones included). */
export const MAX_GENERATIONS = 20;
const DEFAULT_PAGE_SIZE = 20;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with object keys sorted, so equal requests have equal fingerprints. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The id of generation `generation` of the cases of an order and type. No personal data. */
export function caseIdFor(orderId: string, caseType: string, generation: number): string {
  return `AC-${sha256(`${orderId}\u0000${caseType}`).slice(0, 16).toUpperCase()}-${generation}`;
}

export function caseLinks(caseId: string): { self: string; actions: Record<string, string> } {
  const self = `/v1/cases/${encodeURIComponent(caseId)}`;
  return { self, actions: Object.fromEntries(ACTION_NAMES.map((name) => [name, `${self}/${name}`])) };
}

async function describeCase(deps: CaseDeps, caseId: string): Promise<WorkflowExecutionDescription | undefined> {
  try {
    return await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(caseWorkflowId(caseId)).describe());
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

interface OpeningMemo {
  idempotencyKey?: string;
  fingerprint?: string;
}

async function startCase(deps: CaseDeps, caseId: string, request: OpenCaseRequest, memo: OpeningMemo): Promise<void> {
  const openedAt = deps.now().toISOString();
  const input: OpenCaseInput = { ...request, caseId, policyVersion: CURRENT_POLICY_VERSION, openedAt };
  const start = () => deps.client.workflow.start<typeof afterSalesCase>(CASE_WORKFLOW_TYPE, {
    workflowId: caseWorkflowId(caseId),
    taskQueue: deps.taskQueue,
    args: [input],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    workflowIdConflictPolicy: 'FAIL',
    typedSearchAttributes: [
      { key: CASE_STATUS, value: 'intake' },
      { key: CASE_TYPE, value: request.caseType },
      { key: ORDER_ID, value: request.orderId },
    ],
    memo: { ...memo },
    // What ops see in the Temporal UI: never the description or anything else the customer wrote.
    staticSummary: `${request.caseType} · ${request.orderId} · ${request.channel}`,
    staticDetails: [
      `**${request.caseType}** after-sales case \`${caseId}\``,
      '',
      `- order: \`${request.orderId}\``,
      `- channel: ${request.channel} · urgency: ${request.urgency}${request.parcelStuck ? ' · parcel stuck' : ''}`,
      `- items: ${request.items.map((i) => `\`${i.sku}\` × ${i.quantity}`).join(', ')}`,
      `- evidence at opening: ${request.evidence.length} photo(s)`,
      `- preferred resolution: ${request.preferredResolution ?? 'none'}`,
      `- policy ${CURRENT_POLICY_VERSION} · opened ${openedAt}`,
    ].join('\n'),
  });
  await within(deps, deps.timeouts.updateMs, start);
}

export interface OpenCaseOutcome {
  created: boolean;
  caseId: string;
}

/** Opens the case, or finds the one this request repeats or the open one of its order and type. */
export async function openCase(deps: CaseDeps, request: OpenCaseRequest, idempotencyKey: string | undefined): Promise<OpenCaseOutcome> {
  const memo: OpeningMemo = {
    ...(idempotencyKey !== undefined ? { idempotencyKey: sha256(idempotencyKey) } : {}),
    fingerprint: sha256(canonicalJson(request)),
  };
  for (let generation = 1; generation <= MAX_GENERATIONS; generation++) {
    const caseId = caseIdFor(request.orderId, request.caseType, generation);
    let existing = await describeCase(deps, caseId);
    if (!existing) {
      try {
        await startCase(deps, caseId, request, memo);
        return { created: true, caseId };
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        // A concurrent request started this generation first: judge it like any existing case.
        existing = await describeCase(deps, caseId);
        if (!existing) throw err;
      }
    }
    const opening = (existing.memo ?? {}) as OpeningMemo;
    if (memo.idempotencyKey !== undefined && opening.idempotencyKey === memo.idempotencyKey) {
      if (opening.fingerprint !== memo.fingerprint) {
        throw new ApiError('idempotency_key_reused', `this Idempotency-Key opened case ${caseId} with a different request`);
      }
      return { created: false, caseId };
    }
    if (existing.status.name === 'RUNNING') return { created: false, caseId };
    // Closed and not this request's: the next generation may be opened.
  }
  throw new ApiError('case_conflict', `order ${request.orderId} has had ${MAX_GENERATIONS} ${request.caseType} cases; no more can be opened`);
}

/**
 * The case view from the `caseView` query. Queries need a worker; if none answers, a completed
 * case still has its final view as the workflow's result.
 */
export async function readCase(deps: CaseDeps, caseId: string): Promise<CaseView> {
  const handle = deps.client.workflow.getHandle<typeof afterSalesCase>(caseWorkflowId(caseId));
  try {
    return await within(deps, deps.timeouts.queryMs, () => handle.query(caseViewQuery));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new ApiError('case_not_found', `no case ${caseId}`);
    const description = await describeCase(deps, caseId);
    if (!description || description.type !== CASE_WORKFLOW_TYPE) throw new ApiError('case_not_found', `no case ${caseId}`);
    if (description.status.name === 'COMPLETED') return within(deps, deps.timeouts.queryMs, () => handle.result());
    deps.log({ level: 'warn', msg: 'case_query_failed', caseId, error: err instanceof Error ? err.name : 'unknown' });
    throw new ApiError('case_not_answering', `case ${caseId} did not answer in time; retry shortly`);
  }
}

/** Runs an action as an update; the case's own rules refuse it with a 409 (classified in errors.ts). */
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
    return await within(deps, deps.timeouts.updateMs, () =>
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
}

function summaryOf(caseId: string, sa: TypedSearchAttributes, execution: string, startTime: Date, closeTime: Date | undefined): CaseSummary {
  const summary: CaseSummary = {
    caseId,
    orderId: sa.get(ORDER_ID),
    caseType: sa.get(CASE_TYPE),
    status: sa.get(CASE_STATUS),
    priority: sa.get(PRIORITY),
    region: sa.get(REGION),
    assignee: sa.get(ASSIGNEE),
    carrier: sa.get(CARRIER),
    resolution: sa.get(RESOLUTION),
    trackingNumbers: sa.get(TRACKING_NUMBERS),
    escalationLevel: sa.get(ESCALATION_LEVEL),
    slaBreached: sa.get(SLA_BREACHED),
    responseDueAt: sa.get(RESPONSE_DUE_AT)?.toISOString(),
    openedAt: startTime.toISOString(),
    closedAt: closeTime?.toISOString(),
    execution,
    links: { self: caseLinks(caseId).self },
  };
  return JSON.parse(JSON.stringify(summary)) as CaseSummary; // drops the absent fields
}

/**
 * Page tokens are Temporal's, wrapped with an HMAC over the token and the query: a token that this
 * API did not hand out for these filters is refused (400) before it reaches Temporal, which would
 * otherwise answer garbage with an error its client retries.
 */
function sealPageToken(key: Buffer, query: string, raw: Uint8Array): string {
  const mac = createHmac('sha256', key).update(query).update('\0').update(raw).digest().subarray(0, 16);
  return Buffer.concat([mac, raw]).toString('base64url');
}

function openPageToken(key: Buffer, query: string, token: string): Buffer {
  const sealed = Buffer.from(token, 'base64url');
  const raw = sealed.subarray(16);
  const expected = createHmac('sha256', key).update(query).update('\0').update(raw).digest().subarray(0, 16);
  if (sealed.length <= 16 || !timingSafeEqual(expected, sealed.subarray(0, 16))) {
    throw new ApiError('validation_failed', 'query nextPageToken: not a token of this listing', {
      issues: [{ in: 'query', path: 'nextPageToken', code: 'invalid_token', message: 'not a token this API handed out for these filters' }],
    });
  }
  return raw;
}

/** One page of cases, straight from Temporal visibility (search attributes), newest first. */
export async function listCases(deps: CaseDeps, q: ListCasesQuery): Promise<{ items: CaseSummary[]; nextPageToken?: string }> {
  const query = visibilityQuery(q);
  const nextPageToken = q.nextPageToken === undefined ? undefined : openPageToken(deps.pageTokenKey, query, q.nextPageToken);
  const response = await within(deps, deps.timeouts.listMs, () =>
    deps.client.workflowService.listWorkflowExecutions({ namespace: deps.namespace, query, pageSize: q.pageSize ?? DEFAULT_PAGE_SIZE, nextPageToken }),
  );
  const items: CaseSummary[] = [];
  for (const raw of response.executions) {
    const info = await executionInfoFromRaw(raw, deps.client.options.loadedDataConverter, raw, deps.namespace);
    const caseId = caseIdFromWorkflowId(info.workflowId);
    if (caseId === undefined) continue;
    items.push(summaryOf(caseId, info.typedSearchAttributes, info.status.name, info.startTime, info.closeTime));
  }
  const more = response.nextPageToken && response.nextPageToken.length > 0;
  return more ? { items, nextPageToken: sealPageToken(deps.pageTokenKey, query, response.nextPageToken) } : { items };
}
