/**
 * How the bench takes a case along the path without human waits, as the backends and agents would:
 * spoiled fresh food, refunded at once (no review, no parcel), then the specialist's first response
 * and the customer's survey answer, all through the REST API. And the same for a floor workflow
 * through the client. Both wait for their "survey" by polling at the same interval.
 */
import type { Client } from '@temporalio/client';
import { DEVELOPMENT_API_KEYS } from '../../src/api-keys';
import type { CaseSummary } from '../../src/cases/listing';
import type { CaseView, OpenCaseInput } from '../../src/workflows/case/contract';
import { caseWorkflowId } from '../../src/workflows/case/contract';
import type { History } from './history';
import { floorCloseSignal, floorNoteUpdate, floorStageQuery, floorStepUpdate, type FloorCaseInput } from './floor/workflows';
import { sleep } from './measure';
import { FLOOR_QUEUE } from './stack';

type Role = keyof typeof DEVELOPMENT_API_KEYS;
const SKU = 'SKU-BENCH-CRAB';
/** Where the bench's orders go (Shanghai, Huangpu). */
export const BENCH_DIVISION = '310101';

/** What a POST /v1/cases body carries (the case input less what the API adds). */
export type OpenCaseBody = Omit<OpenCaseInput, 'caseId' | 'policyVersion' | 'openedAt'>;

/** A POST /v1/cases body for an order created by createOrders. */
export function openCaseBody(orderId: string): OpenCaseBody {
  return {
    orderId,
    channel: 'app',
    caseType: 'spoiled',
    urgency: 'normal',
    items: [{ sku: SKU, quantity: 1 }],
    evidence: [{ url: 'https://img.example/bench-crab-spoiled.jpg', kind: 'item' }],
  };
}

export async function call(base: string, method: 'GET' | 'POST', path: string, role: Role, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${DEVELOPMENT_API_KEYS[role]}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** `n` delivered orders of live crabs to Shanghai in the sandbox, one per case (remedies are per order line). */
export async function createOrders(sandbox: string, n: number, prefix: string): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `BENCH-${prefix}-${i}`);
  const deliveredAt = new Date(Date.now() - 6 * 3_600_000).toISOString();
  for (const orderId of ids) {
    const res = await fetch(`${sandbox}/admin/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        orderId,
        customer: { name: 'Bench Customer', phone: '+86-0000000', address: 'bench', channel: 'app_push' },
        memberTier: 'standard',
        status: 'delivered',
        items: [{ sku: SKU, title: 'Live crabs (bench)', category: 'fresh', unitPrice: 45_800, quantity: 1 }],
        destinationDivisionCode: BENCH_DIVISION,
        carrier: 'SF',
        deliveredAt,
      }),
    });
    if (res.status !== 201) throw new Error(`sandbox order ${orderId}: ${res.status} ${await res.text()}`);
  }
  return ids;
}

export async function openCase(api: string, orderId: string): Promise<string> {
  const r = await call(api, 'POST', '/v1/cases', 'service', openCaseBody(orderId));
  if (r.status !== 201) throw new Error(`POST /v1/cases: ${r.status} ${JSON.stringify(r.json)}`);
  return (r.json as { caseId: string }).caseId;
}

/**
 * Polls the case's summary over the API (every `pollMs`) until it awaits its survey: what a backend
 * waiting for a status polls (GET /v1/cases/{id}/summary asks no worker; the floor's twin polls a
 * query of one number, the least a floor workflow can be asked).
 */
export async function waitForSurvey(api: string, caseId: string, pollMs: number, timeoutMs = 60_000): Promise<CaseSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await call(api, 'GET', `/v1/cases/${caseId}/summary`, 'service');
    const view = r.status === 200 ? (r.json as CaseSummary) : undefined;
    if (view?.status === 'awaiting_survey') return view;
    if (view?.status === 'closed') throw new Error(`case ${caseId} closed early: ${((await call(api, 'GET', `/v1/cases/${caseId}`, 'service')).json as CaseView).closeReason}`);
    if (Date.now() > deadline) throw new Error(`case ${caseId} never reached awaiting_survey (last ${view?.status})`);
    await sleep(pollMs);
  }
}

/**
 * The driver acts as a backend that polls the summary would: it asks for the minimal answer
 * (`Prefer: return=minimal`, the status after the action) instead of the whole view, as the floor's
 * updates answer a count. Since 4 December 2026, evening; before, each action read the view (a query).
 */
const MINIMAL = { prefer: 'return=minimal' };

/** Waits for the survey, then the specialist acknowledges and the customer answers; waits for the end. */
export async function driveCase(api: string, client: Client, caseId: string, pollMs: number): Promise<void> {
  const view = await waitForSurvey(api, caseId, pollMs);
  const ack = await call(api, 'POST', `/v1/cases/${caseId}/acknowledge`, 'agent', { agentId: view.assignee ?? 'AG-BENCH' }, MINIMAL);
  if (ack.status !== 200) throw new Error(`acknowledge ${caseId}: ${ack.status} ${JSON.stringify(ack.json)}`);
  const fb = await call(api, 'POST', `/v1/cases/${caseId}/feedback`, 'service', { rating: 5 }, MINIMAL);
  if (fb.status !== 200) throw new Error(`feedback ${caseId}: ${fb.status} ${JSON.stringify(fb.json)}`);
  await client.workflow.getHandle(caseWorkflowId(caseId)).result();
}

export function startFloorCase(client: Client, id: string, shape: FloorCaseInput) {
  return client.workflow.start('floorCase', { workflowId: id, taskQueue: FLOOR_QUEUE, args: [shape] });
}

/** Starts a floor case and drives it to its end. */
export async function runFloorCase(client: Client, id: string, shape: FloorCaseInput, pollMs: number): Promise<void> {
  await startFloorCase(client, id, shape);
  await driveFloorCase(client, id, shape, pollMs);
}

/**
 * The floor's twin of driveCase: poll its stage, send its updates in order, wait for the end. As
 * waitForSurvey reads a failed GET, a failed query is "not there yet" until the same 60 s deadline
 * (a full run once lost its throughput phase to one query that failed while the stack warmed up).
 */
export async function driveFloorCase(client: Client, id: string, shape: FloorCaseInput, pollMs: number, timeoutMs = 60_000): Promise<void> {
  const handle = client.workflow.getHandle(id);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    const stage = await handle.query(floorStageQuery).catch((err: unknown) => void (failure = err));
    if (stage !== undefined && stage >= 1) break;
    if (Date.now() > deadline) throw new Error(`floor case ${id} never reached its first stage (last query: ${failure === undefined ? `stage ${stage}` : describeError(failure)})`);
    await sleep(pollMs);
  }
  for (let k = 0; k < shape.updates; k++) await handle.executeUpdate(floorStepUpdate, { args: [k] });
  await handle.result();
}

/** The text of the i-th agent note (the same on the case and the floor). */
export function noteText(i: number): string {
  return `Called the customer back about the refund; confirmed it arrived and logged the details (note ${i + 1}).`;
}

/** The floor of the busy case: `n` note updates on a floor workflow; returns its history. */
export async function driveFloorCaseNotes(client: Client, id: string, n: number): Promise<History> {
  const handle = await client.workflow.start('floorNotes', { workflowId: id, taskQueue: FLOOR_QUEUE });
  for (let i = 0; i < n; i++) await handle.executeUpdate(floorNoteUpdate, { args: [noteText(i)] });
  const history = await handle.fetchHistory();
  await handle.signal(floorCloseSignal);
  return history;
}

/** An error and its causes on one line (the SDK's ServiceError says what failed; its cause says why). */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && parts.length < 4; e = (e as { cause?: unknown }).cause) parts.push(e instanceof Error ? e.message : String(e));
  return parts.join(': ');
}
