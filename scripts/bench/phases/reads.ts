/**
 * What it costs to watch a case for a status, per request, in CPU over every process of the stack:
 * reading its view (GET /v1/cases/{id}: a query its worker answers), its summary (GET
 * /v1/cases/{id}/summary: search attributes, no worker), and the floor's twin (a query of one
 * number on a floor workflow). One request at a time, after the throughput rounds, on a case parked
 * at its survey and a floor workflow parked at its updates; both are then driven to their end.
 */
import { call, createOrders, driveCase, driveFloorCase, openCase, startFloorCase, waitForSurvey } from '../drive';
import { floorStageQuery, type FloorCaseInput } from '../floor/workflows';
import { perItem, snapshot, type CpuSnapshot } from '../cpu';
import { msSince, sleep } from '../measure';
import type { BenchContext } from '../params';
import type { PhaseStack } from '../stack';

export interface ReadCost {
  /** CPU milliseconds per request, by process, and their total. */
  ms: CpuSnapshot;
  perSecond: number;
  n: number;
}

export interface ReadCosts {
  view: ReadCost;
  summary: ReadCost;
  floorQuery: ReadCost;
}

export async function readCosts(ctx: BenchContext, stack: PhaseStack, shape: FloorCaseInput): Promise<ReadCosts> {
  const n = ctx.params.mode === 'quick' ? 50 : 200;
  const { url, sandbox } = stack.api!;
  const [orderId] = await createOrders(sandbox, 1, 'reads');
  const caseId = await openCase(url, orderId!);
  await waitForSurvey(url, caseId, ctx.params.pollMs);
  const floorId = 'floor-reads';
  const floor = await startFloorCase(stack.client, floorId, shape);
  while ((await floor.query(floorStageQuery)) < 1) await sleep(ctx.params.pollMs);

  const measure = async (request: () => Promise<unknown>): Promise<ReadCost> => {
    const before = snapshot(stack.pids());
    const started = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await request();
    const seconds = msSince(started) / 1000;
    return { ms: perItem(before, snapshot(stack.pids()), n), perSecond: n / seconds, n };
  };
  const get = async (path: string) => {
    const r = await call(url, 'GET', path, 'service');
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.json)}`);
  };
  const view = await measure(() => get(`/v1/cases/${caseId}`));
  const summary = await measure(() => get(`/v1/cases/${caseId}/summary`));
  const floorQuery = await measure(() => floor.query(floorStageQuery));
  // Both end, so the phase after this one starts from a quiet server.
  await driveCase(url, stack.client, caseId, ctx.params.pollMs);
  await driveFloorCase(stack.client, floorId, shape, ctx.params.pollMs);
  return { view, summary, floorQuery };
}
