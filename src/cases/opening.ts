/**
 * Opening a case exactly once, with no store besides Temporal. The case id is a natural key,
 * `AC-<16 hex of sha256(orderId, caseType)>-<generation>`; generation n opens only once 1..n-1 are
 * closed, so an order has at most one open case of a type. Starts use `REJECT_DUPLICATE` and
 * conflict policy `FAIL`: of concurrent identical requests exactly one start succeeds (created), the
 * others conflict and return the winner. Start first (one round trip for a new case); only a
 * conflict describes the case: open → that case; closed → try generation n + 1. A case that shows
 * closed while its run still finishes work aside (a look-up, a message, a stock release: up to
 * about 2.5 days) counts as closed: a new claim then opens the next generation.
 *
 * With an Idempotency-Key (./idempotency-keys.ts) the key is claimed first: claimed by another
 * request → `idempotency_key_reused` naming its case (or the action it was used for); by this same
 * request → that case, even closed or superseded.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowExecutionDescription } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { activePauses, keepPausesFresh } from '../clock-pauses/registry-client';
import { currentRequestId } from '../observability/request-ids';
import { CASE_WORKFLOW_TYPE, caseWorkflowId, type OpenCaseInput } from '../workflows/case/contract';
import { CASE_STATUS, CASE_TYPE, OPENED_AT, ORDER_ID } from '../workflows/case/search-attributes';
import type { afterSalesCase } from '../workflows/case/workflow';
import { itemsDetailLine, itemsInDetails, itemsText, sameItems } from './claimed-items';
import { within, type CaseDeps } from './deps';
import { CaseError } from './errors';
import { claimKey, fingerprintOf, isActionKeyRecord, keyDigest, keyUseOf, recordCaseOfKey, sha256, signalledCaseOfKey, type KeyRecord } from './idempotency-keys';

/** What the customer reports: the case's workflow input minus what opening decides. */
export type CaseReport = Omit<OpenCaseInput, 'caseId' | 'policyVersion' | 'openedAt' | 'requestId' | 'clockPauses'>;

/** How many cases one order may have of one type over its life (closed ones included). */
export const MAX_GENERATIONS = 20;

/** The id of generation `generation` of the cases of an order and type. No personal data. */
export function caseIdFor(orderId: string, caseType: string, generation: number): string {
  return `AC-${sha256(`${orderId}\u0000${caseType}`).slice(0, 16).toUpperCase()}-${generation}`;
}

/** The case's execution, or undefined when Temporal knows no such workflow. */
export async function describeCase(deps: CaseDeps, caseId: string): Promise<WorkflowExecutionDescription | undefined> {
  try {
    return await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(caseWorkflowId(caseId)).describe());
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/** What the case's memo says about the request that opened it: its Idempotency-Key's digest, if it had one. */
interface OpeningMemo {
  idempotencyKey?: string;
}

async function startCase(deps: CaseDeps, caseId: string, request: CaseReport, memo: OpeningMemo): Promise<void> {
  const openedAt = deps.now().toISOString();
  const requestId = currentRequestId();
  // The pauses in force (the region is known only at intake: the case matches its own).
  const clockPauses = await activePauses(deps);
  const input: OpenCaseInput = { ...request, caseId, policyVersion: deps.policyVersion, openedAt, ...(requestId && { requestId }), ...(clockPauses.length > 0 && { clockPauses }) };
  await within(deps, deps.timeouts.updateMs, () =>
    deps.client.workflow.start<typeof afterSalesCase>(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(caseId),
      taskQueue: deps.taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: [
        { key: CASE_STATUS, value: 'intake' },
        { key: CASE_TYPE, value: request.caseType },
        { key: ORDER_ID, value: request.orderId },
        { key: OPENED_AT, value: new Date(openedAt) },
      ],
      // Only what a later request reads: the Idempotency-Key's digest (caseOfKey). A memo is stored
      // with the execution and costs the start about 0.2 ms on the server (docs/performance.md).
      ...(memo.idempotencyKey !== undefined && { memo: { idempotencyKey: memo.idempotencyKey } }),
      // What ops see in the Temporal UI: never the description or anything else the customer wrote.
      staticSummary: `${request.caseType} · ${request.orderId} · ${request.channel}`,
      staticDetails: [
        `**${request.caseType}** after-sales case \`${caseId}\``,
        '',
        `- order: \`${request.orderId}\``,
        `- channel: ${request.channel} · urgency: ${request.urgency}${request.parcelStuck ? ' · parcel stuck' : ''}`,
        itemsDetailLine(request.items),
        `- evidence at opening: ${request.evidence.length} photo(s)`,
        `- preferred resolution: ${request.preferredResolution ?? 'none'}`,
        `- policy ${deps.policyVersion} · opened ${openedAt}`,
      ].join('\n'),
    }),
  );
  // Past half its TTL, the pause list is read again now that this start is done (not beside it),
  // on the next turn of the event loop: after this opening's answer is written, not before it.
  setImmediate(keepPausesFresh, deps);
}

export interface OpenCaseOutcome {
  created: boolean;
  caseId: string;
}

/** Opens the order's next case, or returns its open one; `opener` is the memo of the case returned. */
async function openByNaturalKey(deps: CaseDeps, request: CaseReport, memo: OpeningMemo): Promise<OpenCaseOutcome & { opener: OpeningMemo }> {
  for (let generation = 1; generation <= MAX_GENERATIONS; generation++) {
    const caseId = caseIdFor(request.orderId, request.caseType, generation);
    try {
      await startCase(deps, caseId, request, memo);
      return { created: true, caseId, opener: memo };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    const existing = await describeCase(deps, caseId);
    if (existing?.status.name === 'RUNNING' && existing.typedSearchAttributes.get(CASE_STATUS) !== 'closed') {
      await refuseOtherItems(deps, request, caseId, existing);
      return { created: false, caseId, opener: (existing.memo ?? {}) as OpeningMemo };
    }
    // Closed (its run completed or still finishing work aside), or deleted since the conflict: the next generation may be opened.
  }
  throw new CaseError('case_conflict', `order ${request.orderId} has had ${MAX_GENERATIONS} ${request.caseType} cases; no more can be opened`);
}

/**
 * A second opening for an order and type whose case is open repeats that case's claim, or it is
 * refused: a claim of other items (another SKU, another quantity) answered with the open case would
 * be lost while the client believed it opened. The items come from the run's static details, or from
 * its first event when it has none (continued as new); unreadable, the request is answered with the open case.
 */
async function refuseOtherItems(deps: CaseDeps, request: CaseReport, caseId: string, existing: WorkflowExecutionDescription): Promise<void> {
  const open = itemsInDetails(await existing.staticDetails().catch(() => undefined)) ?? (await itemsOfCurrentRun(deps, existing));
  if (open === undefined || sameItems(open, request.items)) return;
  throw new CaseError(
    'case_conflict',
    `order ${request.orderId} has an open ${request.caseType} case, ${caseId}, claiming ${itemsText(open)}; this claim (${itemsText(request.items)}) was not opened: ` +
      'an order has one open case of a type, so send it once that case is closed',
  );
}

/**
 * The items of a run whose details name none: a case that continued as new (Temporal does not carry
 * static details to the next run). Every run starts with the case's input, so the run's first event
 * holds them: one page of one event. Unreadable (decoding, the server) → undefined, with a warning.
 */
async function itemsOfCurrentRun(deps: CaseDeps, existing: WorkflowExecutionDescription): Promise<CaseReport['items'] | undefined> {
  try {
    const page = await within(deps, deps.timeouts.queryMs, () =>
      deps.client.workflowService.getWorkflowExecutionHistory({ namespace: deps.namespace, execution: { workflowId: existing.workflowId, runId: existing.runId }, maximumPageSize: 1 }),
    );
    const started = page.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
    // Decoded as the client decodes (its codecs in reverse, then its payload converter).
    const { payloadCodecs, payloadConverter } = deps.client.workflow.options.loadedDataConverter;
    let payloads = (started?.input?.payloads ?? []) as Payload[];
    for (const codec of [...payloadCodecs].reverse()) payloads = await codec.decode(payloads);
    const input = payloads[0] === undefined ? undefined : payloadConverter.fromPayload<Partial<OpenCaseInput>>(payloads[0]);
    return Array.isArray(input?.items) ? input.items : undefined;
  } catch (err) {
    deps.log({ level: 'warn', msg: 'open_case_items_unread', workflowId: existing.workflowId, error: err instanceof Error ? err.name : 'unknown' });
    return undefined;
  }
}

/** The case a claimed key belongs to: signalled to its record, or the case whose memo carries the key. */
async function caseOfKey(deps: CaseDeps, digest: string, record: KeyRecord): Promise<string | undefined> {
  const signalled = await signalledCaseOfKey(deps, digest);
  if (signalled !== undefined) return signalled;
  for (let generation = 1; generation <= MAX_GENERATIONS; generation++) {
    const caseId = caseIdFor(record.orderId, record.caseType, generation);
    const existing = await describeCase(deps, caseId);
    if (!existing) return undefined;
    if ((existing.memo as OpeningMemo | undefined)?.idempotencyKey === digest) return caseId;
  }
  return undefined;
}

/**
 * Opens the case, or finds the one this request repeats or the open one of its order and type.
 * `credential` identifies the caller (a digest of its API key): keys are remembered per caller.
 */
export async function openCase(deps: CaseDeps, request: CaseReport, idempotencyKey: string | undefined, credential: string): Promise<OpenCaseOutcome> {
  if (idempotencyKey === undefined) {
    const { created, caseId } = await openByNaturalKey(deps, request, {});
    return { created, caseId };
  }
  const fingerprint = fingerprintOf(request);
  const digest = keyDigest(credential, idempotencyKey);
  const claimed = await claimKey(deps, digest, { fingerprint, orderId: request.orderId, caseType: request.caseType });
  // A key an action used (the caller's keys are one space): never this request.
  if (claimed && isActionKeyRecord(claimed)) throw new CaseError('idempotency_key_reused', keyUseOf(claimed));
  if (claimed) {
    const owner = await caseOfKey(deps, digest, claimed);
    if (claimed.fingerprint !== fingerprint) {
      throw new CaseError(
        'idempotency_key_reused',
        owner === undefined
          ? 'this Idempotency-Key was first used with a different request'
          : `this Idempotency-Key belongs to case ${owner}, opened by a different request`,
      );
    }
    if (owner !== undefined) return { created: false, caseId: owner };
    // Claimed by this same request, whose opening is still under way or was cut short: open (or
    // find) the case now; the natural key makes this safe against the first attempt.
  }
  const outcome = await openByNaturalKey(deps, request, { idempotencyKey: digest });
  if (outcome.opener.idempotencyKey !== digest) await recordCaseOfKey(deps, digest, outcome.caseId);
  return { created: outcome.created, caseId: outcome.caseId };
}
