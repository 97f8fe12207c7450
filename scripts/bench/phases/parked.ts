/**
 * Parked cases: worker and server memory as N cases wait on their timers, and how late those timers
 * fire when they all come due together. Cases are started with the same `openedAt`, set so their
 * response SLA (triage's minutes, counted from openedAt) comes due at one instant T shortly after
 * they have parked awaiting the survey; at T they all breach at once (coupon, escalation). The
 * floor: floor workflows parked the same way, with one timer due together.
 */
import type { Client } from '@temporalio/client';
import { CURRENT_POLICY_VERSION, policyFor, triage } from '../../../src/policy';
import { CASE_WORKFLOW_TYPE, caseWorkflowId, type OpenCaseInput } from '../../../src/workflows/case/contract';
import { createOrders, openCaseBody } from '../drive';
import { floorStageQuery, type FloorCaseInput } from '../floor/workflows';
import { timerLateness, type History } from '../history';
import { load, pool, rssMiB, sleep, spread, until, type Spread } from '../measure';
import type { BenchContext } from '../params';
import { CASE_QUEUE, FLOOR_QUEUE, PhaseStack } from '../stack';

export interface ParkedPoint {
  n: number;
  workerRssMiB: number;
  workerHeapMiB: number;
  serverRssMiB: number;
  /** Seconds from the first start to all N parked. */
  parkSeconds: number;
  /** Timers due at T that fired, and how late (TimerFired, and the task that acted on it). */
  dueTogether: number;
  firedLate?: Spread;
  actedLate?: Spread;
  load: number;
}

export interface ParkedSeries {
  kind: 'case' | 'floor';
  points: ParkedPoint[];
}

/** Minutes from opening to the response SLA of the bench's spoiled-crab case. */
function responseMinutes(): number {
  const policy = policyFor(CURRENT_POLICY_VERSION);
  return triage(policy, { caseType: 'spoiled', memberTier: 'standard', urgency: 'normal', claimValue: 45_800, perishable: true, parcelStuck: false }).responseMinutes;
}

/** Timers due at `dueMs` (± 2 s) in one history. */
const dueAt = (h: History, dueMs: number) => timerLateness(h).filter((t) => Math.abs(t.dueMs - dueMs) < 2_000);

/** Waits until every workflow has acted on its timer due at `dueMs` (or 120 s pass), then reads how late. */
async function lateness(client: Client, ids: string[], dueMs: number): Promise<Pick<ParkedPoint, 'dueTogether' | 'firedLate' | 'actedLate'>> {
  const histories = new Map<string, History>();
  const deadline = Date.now() + 120_000;
  let pending = ids;
  while (pending.length > 0 && Date.now() < deadline) {
    await pool(pending, 8, async (id) => histories.set(id, await client.workflow.getHandle(id).fetchHistory()));
    pending = ids.filter((id) => dueAt(histories.get(id)!, dueMs).some((t) => !Number.isFinite(t.actedLateMs)));
    if (pending.length > 0) await sleep(2_000);
  }
  const due = [...histories.values()].flatMap((h) => dueAt(h, dueMs));
  if (due.length === 0) return { dueTogether: 0 };
  // A timer whose workflow has not yet completed a task after it (still busy at fetch time) has no acted time.
  const acted = due.map((t) => t.actedLateMs).filter(Number.isFinite);
  return { dueTogether: due.length, firedLate: spread(due.map((t) => t.firedLateMs)), actedLate: spread(acted) };
}

/**
 * Time allowed for parking n workflows when they run to their end at `rate` per second. Parking
 * all of them at once measured about twice as slow as the closed loop (every case cached and
 * competing); parking later than T is logged and shows as fewer timers due together.
 */
function leadMs(n: number, rate: number, fixedSeconds: number): number {
  return Math.round((n / Math.max(rate, 0.5)) * 2.5 + fixedSeconds) * 1000;
}

async function measure(stack: PhaseStack, kind: 'case' | 'floor', n: number, parkSeconds: number): Promise<ParkedPoint> {
  const memory = await stack.workerMemory(kind);
  return { n, workerRssMiB: memory.rssMiB, workerHeapMiB: memory.heapMiB, serverRssMiB: rssMiB(stack.serverPid), parkSeconds, dueTogether: 0, load: load() };
}

export async function parkedCases(ctx: BenchContext, counts: number[], rate: number): Promise<ParkedSeries> {
  const stack = await PhaseStack.start(`parked-case-${counts.join('-')}`, ctx.settings, ctx.nextStack());
  try {
    const { sandbox } = await stack.startApi();
    await stack.startWorker('case');
    const points = [await measure(stack, 'case', 0, 0)];
    const responseMs = responseMinutes() * 60_000;
    for (const n of counts) {
      const orders = await createOrders(sandbox, n, `park${n}`);
      const dueMs = Date.now() + leadMs(n, rate, ctx.params.parkLeadSeconds);
      const openedAt = new Date(dueMs - responseMs).toISOString();
      const ids = orders.map((_, i) => caseWorkflowId(`BENCH-PARK-${n}-${i}`));
      const started = Date.now();
      await pool(orders, 8, async (orderId, i) => {
        const body = openCaseBody(orderId) as Omit<OpenCaseInput, 'caseId' | 'policyVersion' | 'openedAt'>;
        const input: OpenCaseInput = { ...body, urgency: 'normal', caseId: `BENCH-PARK-${n}-${i}`, policyVersion: CURRENT_POLICY_VERSION, openedAt };
        await stack.client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId: ids[i]!, taskQueue: CASE_QUEUE, args: [input] });
      });
      await until(`${n} cases to park`, async () => ((await stack.client.workflow.count(`CaseStatus = "awaiting_survey"`)).count >= n ? true : undefined), 600_000, 500);
      const point = await measure(stack, 'case', n, (Date.now() - started) / 1000);
      if (Date.now() > dueMs) ctx.log(`parked ${n} cases ${((Date.now() - dueMs) / 1000).toFixed(0)} s after their timers came due (machine slower than the lead allowed)`);
      await sleep(Math.max(0, dueMs - Date.now()) + 3_000);
      points.push({ ...point, ...(await lateness(stack.client, ids, dueMs)) });
      ctx.log(`parked ${n} cases: worker ${point.workerRssMiB.toFixed(0)} MiB, server ${point.serverRssMiB.toFixed(0)} MiB`);
    }
    return { kind: 'case', points };
  } finally {
    await stack.stop();
  }
}

/** `rate`: the floor's own throughput, which sets how long parking takes. */
export async function parkedFloor(ctx: BenchContext, counts: number[], rate: number, shape: FloorCaseInput): Promise<ParkedSeries> {
  const stack = await PhaseStack.start(`parked-floor-${counts.join('-')}`, ctx.settings, ctx.nextStack());
  try {
    await stack.startWorker('floor');
    const points = [await measure(stack, 'floor', 0, 0)];
    for (const n of counts) {
      const dueMs = Date.now() + leadMs(n, rate, ctx.params.parkLeadSeconds);
      const ids = Array.from({ length: n }, (_, i) => `floor-park-${n}-${i}`);
      const started = Date.now();
      await pool(ids, 8, (id) => stack.client.workflow.start('floorPark', { workflowId: id, taskQueue: FLOOR_QUEUE, args: [{ activitiesBefore: shape.activitiesBefore, dueAtMs: dueMs }] }));
      await pool(ids, 4, (id) => until(`${id} to park`, () => stack.client.workflow.getHandle(id).query(floorStageQuery).then((s) => (s >= 1 ? true : undefined)), 600_000, 200));
      const point = await measure(stack, 'floor', n, (Date.now() - started) / 1000);
      if (Date.now() > dueMs) ctx.log(`parked ${n} floor workflows after their timers came due`);
      await sleep(Math.max(0, dueMs - Date.now()) + 3_000);
      points.push({ ...point, ...(await lateness(stack.client, ids, dueMs)) });
    }
    return { kind: 'floor', points };
  } finally {
    await stack.stop();
  }
}
