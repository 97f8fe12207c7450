/**
 * Opens the chaos run's cases through both API processes and drives each to closed the way people
 * would over HTTP: the specialist acknowledges, the customer answers the survey. What to act on is
 * found through the API's list endpoint (Temporal visibility on PostgreSQL), as an agent console would.
 */
import type { ApiClient } from './api-client';
import type { CarrierResend } from './carrier-resend';
import { planCase, type CaseKind } from './kinds';

export interface CaseRun {
  index: number;
  kind: CaseKind;
  orderId: string;
  idempotencyKey: string;
  caseId?: string;
  /** Which API process opened it (0 or 1). */
  api: number;
  openedAt?: number;
  closedAt?: number;
  /** The same request sent to the other API process at the same moment: the case id it answered. */
  duplicateAnswer?: string;
  acknowledged: boolean;
  surveyed: boolean;
  actionRefusals: string[];
  /** Steps held in needs_attention by an outage that ops retried once the faults were lifted. */
  opsRetries: number;
  opsRetriedAt?: number;
}

export function planCases(count: number): CaseRun[] {
  return Array.from({ length: count }, (_, i) => ({ ...planCase(i), api: i % 2, acknowledged: false, surveyed: false, actionRefusals: [], opsRetries: 0 }));
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  }));
}

/** Opens one case; every `duplicateEvery`-th request is also sent to the other API process at once. */
export async function openCase(client: ApiClient, run: CaseRun, duplicateEvery: number): Promise<void> {
  const body = { orderId: run.orderId, channel: 'app', items: [{ sku: run.kind.order.sku, quantity: run.kind.order.quantity }], ...run.kind.open };
  const headers = { 'idempotency-key': run.idempotencyKey };
  const send = (api: number) => client.call(api, 'POST', '/v1/cases', 'service', body, headers);
  const [first, second] = await Promise.all([send(run.api), run.index % duplicateEvery === 0 ? send(run.api + 1) : undefined]);
  if (first.status !== 201 && first.status !== 200) throw new Error(`opening ${run.orderId}: ${first.status} ${JSON.stringify(first.body)}`);
  run.caseId = first.body.caseId;
  run.openedAt = Date.now();
  if (second) run.duplicateAnswer = second.body?.caseId ?? `HTTP ${second.status}`;
}

/** Every case summary the list endpoint gives for `filter`, all pages. */
export async function listAll(client: ApiClient, api: number, filter: string): Promise<Array<{ caseId: string; status?: string; assignee?: string }>> {
  const items: Array<{ caseId: string; status?: string; assignee?: string }> = [];
  let token: string | undefined;
  do {
    const r = await client.call(api, 'GET', `/v1/cases?${filter}&pageSize=100${token ? `&nextPageToken=${token}` : ''}`, 'agent');
    if (r.status !== 200) throw new Error(`list ${filter}: ${r.status} ${JSON.stringify(r.body)}`);
    items.push(...r.body.items);
    token = r.body.nextPageToken;
  } while (token);
  return items;
}

/** One pass of the people: acknowledge what waits for its specialist, answer surveys, note closed cases. */
export async function drivePass(client: ApiClient, runs: Map<string, CaseRun>, pass: number, resend: CarrierResend, faultsLifted = false): Promise<void> {
  const api = pass % 2;
  const act = async (run: CaseRun, action: string, role: 'agent' | 'service', body: unknown) => {
    const r = await client.call(api, 'POST', `/v1/cases/${run.caseId}/${action}`, role, body, { 'idempotency-key': `chaos-${action}-${run.index}` });
    if (r.status !== 200) run.actionRefusals.push(`${action}: ${r.status} ${r.body?.detail ?? ''}`.trim());
  };
  const damaged = await listAll(client, api, 'type=damaged');
  await inParallel(damaged, 8, async (item) => {
    const run = runs.get(item.caseId);
    if (!run || run.acknowledged || !run.kind.acknowledge || !item.assignee || item.status === 'closed') return;
    await act(run, 'acknowledge', 'agent', { agentId: item.assignee });
    run.acknowledged = true;
  });
  const surveys = await listAll(client, api, 'status=awaiting_survey');
  await inParallel(surveys, 8, async (item) => {
    const run = runs.get(item.caseId);
    if (!run || run.surveyed) return;
    await act(run, 'feedback', 'service', { rating: 5 });
    run.surveyed = true;
  });
  if (faultsLifted) {
    // As ops would once the outage is over: a step that kept failing through it (its bounded
    // attempts spent, the case held in needs_attention) is retried, under the same idempotency key,
    // so nothing moves twice. A refusal is left for a person: the outcome check names it.
    await inParallel(await listAll(client, api, 'status=needs_attention'), 4, async (item) => {
      const run = runs.get(item.caseId);
      if (!run || (run.opsRetriedAt ?? 0) > Date.now() - 20_000) return;
      const view = await client.call(api, 'GET', `/v1/cases/${run.caseId}`, 'ops');
      if (view.body?.status !== 'needs_attention' || view.body?.attention?.refused !== false) return;
      run.opsRetriedAt = Date.now();
      run.opsRetries += 1;
      const r = await client.call(api, 'POST', `/v1/cases/${run.caseId}/retry-step`, 'ops', { by: 'chaos-ops' }, { 'idempotency-key': `chaos-retry-step-${run.index}-${run.opsRetries}` });
      if (r.status !== 200) run.actionRefusals.push(`retry-step: ${r.status} ${r.body?.detail ?? ''}`.trim());
    });
  }
  const parcelWaits = await Promise.all(['awaiting_delivery', 'awaiting_return_shipment', 'awaiting_return_receipt'].map((st) => listAll(client, api, `status=${st}`)));
  await resend.pass(client, parcelWaits.flat(), runs);
  for (const item of await listAll(client, api, 'status=closed')) {
    const run = runs.get(item.caseId);
    if (run && run.closedAt === undefined) run.closedAt = Date.now();
  }
}
