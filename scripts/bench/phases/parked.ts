/**
 * Parked cases: worker and server memory as N cases wait on their timers, and how late those timers
 * fire when they all come due together. The N cases are opened without photos, so they park
 * awaiting the customer's evidence (the customer's 48-hour deadline, the resolution clock paused)
 * before any decision; they share one `openedAt`, set so their response SLA (the first-response
 * clock from opening, which runs until a decision) comes due at one instant T a short real time
 * after they have all parked. At T every one of them breaches (coupon, escalation ladder). The
 * floor: floor workflows parked the same way (the same activities first), with one timer due at T
 * and then the case's activities.
 */
import type { Client } from '@temporalio/client';
import { stickyTimeoutSetting } from '../../../src/config';
import { calendarForDesk, CURRENT_POLICY_VERSION, deskTableFor, initialDesk, policyFor, regionOfDivision, resolveWait, triage } from '../../../src/policy';
import { CASE_WORKFLOW_TYPE, caseWorkflowId, type OpenCaseInput } from '../../../src/workflows/case/contract';
import { CASE_STATUS, CASE_TYPE, OPENED_AT, ORDER_ID } from '../../../src/workflows/case/search-attributes';
import { BENCH_DIVISION, createOrders, openCaseBody } from '../drive';
import { floorStageQuery, type FloorParkInput } from '../floor/workflows';
import type { History } from '../history';
import { load, pool, rssMiB, sleep, until } from '../measure';
import type { BenchContext } from '../params';
import { CASE_QUEUE, FLOOR_QUEUE, PhaseStack } from '../stack';
import { activitiesAroundT, latenessAt, timersDueAt, type Lateness } from './parked-timers';

export interface ParkedPoint extends Lateness {
  n: number;
  workerRssMiB: number;
  workerHeapMiB: number;
  serverRssMiB: number;
  /** Seconds from the first start to all N parked. */
  parkSeconds: number;
  load: number;
}

export interface ParkedSeries {
  kind: 'case' | 'floor';
  points: ParkedPoint[];
  /** Activities a parked workflow ran before T and when its timer fired at T (from one case history). */
  activities?: Omit<FloorParkInput, 'dueAtMs'>;
  /** The policy version, desk and calendar the parked cases' response clock counts on. */
  clock?: string;
  /** The workers' sticky schedule-to-start timeout in this run (AFTERCASE_STICKY_TIMEOUT_S). */
  stickyTimeoutSeconds?: number;
}

/**
 * The bench's parked case: spoiled crabs, no photos. Its first-response deadline in minutes from
 * opening (the waiting table's `awaiting_acknowledgement`), and the calendar it counts on: the
 * fresh-food P1 desk counts 24×7 under 2026-12-v1, so the deadline is openedAt + minutes, whatever
 * the hour the bench runs at. Refuses a desk calendar that is not 24×7 (T would move).
 */
function responseClock(): { minutes: number; clock: string } {
  const policy = policyFor(CURRENT_POLICY_VERSION);
  const t = triage(policy, { caseType: 'spoiled', memberTier: 'standard', urgency: 'normal', claimValue: 45_800, perishable: true, parcelStuck: false });
  const { region, remote } = regionOfDivision(BENCH_DIVISION);
  const minutes = resolveWait(policy, 'awaiting_acknowledgement', { priority: t.priority, region, remote }).deadlineMinutes;
  const desk = initialDesk(region, t.priority, true);
  const calendar = calendarForDesk(deskTableFor(CURRENT_POLICY_VERSION), desk).name;
  if (!/24x7/.test(calendar)) throw new Error(`the parked case's desk ${desk} counts on ${calendar}: its deadline would not be openedAt + ${minutes} min`);
  return { minutes, clock: `${CURRENT_POLICY_VERSION}, ${t.priority}, ${desk} (${calendar}), response ${minutes} min` };
}

/** Waits until every workflow has acted on its timer due at `dueMs` (or 120 s pass), then reads how late. */
async function lateness(client: Client, ids: string[], dueMs: number): Promise<{ lateness: Lateness; histories: Map<string, History> }> {
  const histories = new Map<string, History>();
  const deadline = Date.now() + 120_000;
  let pending = ids;
  while (pending.length > 0 && Date.now() < deadline) {
    await pool(pending, 8, async (id) => histories.set(id, await client.workflow.getHandle(id).fetchHistory()));
    pending = ids.filter((id) => timersDueAt(histories.get(id)!, dueMs).some((t) => !Number.isFinite(t.actedLateMs)));
    if (pending.length > 0) await sleep(2_000);
  }
  return { lateness: latenessAt([...histories.values()], dueMs), histories };
}

/**
 * Time allowed for parking n workflows when they run to their end at `rate` per second. Parking
 * 1,000 at once measured about twice as slow as the closed loop (every case cached and competing),
 * so the full run allows 2.5×; parking 10 takes a second or two, so the quick run allows 1× plus
 * the fixed lead. Parking later than T is logged and shows as fewer timers due together.
 */
function leadMs(ctx: BenchContext, n: number, rate: number): number {
  return Math.round((n / Math.max(rate, 0.5)) * ctx.params.parkLeadFactor + ctx.params.parkLeadSeconds) * 1000;
}

async function measure(stack: PhaseStack, kind: 'case' | 'floor', n: number, parkSeconds: number): Promise<ParkedPoint> {
  const memory = await stack.workerMemory(kind);
  return { n, workerRssMiB: memory.rssMiB, workerHeapMiB: memory.heapMiB, serverRssMiB: rssMiB(stack.serverPid), parkSeconds, dueTogether: 0, load: load() };
}

/**
 * The activities a parked case ran before T and at T, from the first case whose timer fired at T,
 * its history read again until it has finished acting (its next timer started; a storm of 1,000
 * takes a while); undefined when no case fired at T or none finished within a minute.
 */
async function activitiesOfOne(client: Client, histories: Map<string, History>, dueMs: number): Promise<ParkedSeries['activities']> {
  const id = [...histories].find(([, h]) => activitiesAroundT(h, dueMs) !== undefined)?.[0];
  if (!id) return undefined;
  const settled = await until(`${id} to finish acting at T`, async () => {
    const a = activitiesAroundT(await client.workflow.getHandle(id).fetchHistory(), dueMs);
    return a?.settled ? a : undefined;
  }, 60_000, 500).catch(() => undefined);
  return settled && { activitiesBefore: settled.before, activitiesAfter: settled.after };
}

export async function parkedCases(ctx: BenchContext, counts: number[], rate: number): Promise<ParkedSeries> {
  const stack = await PhaseStack.start(`parked-case-${counts.join('-')}`, ctx.settings, ctx.nextStack());
  try {
    const { sandbox } = await stack.startApi();
    await stack.startWorker('case');
    const points = [await measure(stack, 'case', 0, 0)];
    const { minutes, clock } = responseClock();
    let activities: ParkedSeries['activities'];
    for (const n of counts) {
      const orders = await createOrders(sandbox, n, `park${n}`);
      const dueMs = Date.now() + leadMs(ctx, n, rate);
      const openedAt = new Date(dueMs - minutes * 60_000).toISOString();
      const ids = orders.map((_, i) => caseWorkflowId(`BENCH-PARK-${n}-${i}`));
      const started = Date.now();
      await pool(orders, 8, async (orderId, i) => {
        const input: OpenCaseInput = { ...openCaseBody(orderId), evidence: [], caseId: `BENCH-PARK-${n}-${i}`, policyVersion: CURRENT_POLICY_VERSION, openedAt };
        // Started as the API starts a case (its search attributes), with the bench's openedAt.
        await stack.client.workflow.start(CASE_WORKFLOW_TYPE, {
          workflowId: ids[i]!,
          taskQueue: CASE_QUEUE,
          args: [input],
          typedSearchAttributes: [
            { key: CASE_STATUS, value: 'intake' },
            { key: CASE_TYPE, value: input.caseType },
            { key: ORDER_ID, value: orderId },
            { key: OPENED_AT, value: new Date(openedAt) },
          ],
        });
      });
      await until(`${n} cases to park`, async () => ((await stack.client.workflow.count(`CaseStatus = "awaiting_evidence"`)).count >= n ? true : undefined), 600_000, 500);
      const point = await measure(stack, 'case', n, (Date.now() - started) / 1000);
      if (Date.now() > dueMs) ctx.log(`parked ${n} cases ${((Date.now() - dueMs) / 1000).toFixed(0)} s after their timers came due (machine slower than the lead allowed)`);
      await sleep(Math.max(0, dueMs - Date.now()) + 1_000);
      const read = await lateness(stack.client, ids, dueMs);
      activities ??= await activitiesOfOne(stack.client, read.histories, dueMs);
      points.push({ ...point, ...read.lateness });
      ctx.log(`parked ${n} cases: worker ${point.workerRssMiB.toFixed(0)} MiB, server ${point.serverRssMiB.toFixed(0)} MiB; ${read.lateness.dueTogether}/${n} due together at T`);
    }
    return { kind: 'case', points, ...(activities && { activities }), clock, stickyTimeoutSeconds: stickyTimeoutSetting() };
  } finally {
    await stack.stop();
  }
}

/**
 * `rate`: the floor's own throughput, which sets how long parking takes; `activities`: what the
 * parked cases ran before T and at T.
 */
export async function parkedFloor(ctx: BenchContext, counts: number[], rate: number, activities: Omit<FloorParkInput, 'dueAtMs'>): Promise<ParkedSeries> {
  const stack = await PhaseStack.start(`parked-floor-${counts.join('-')}`, ctx.settings, ctx.nextStack());
  try {
    await stack.startWorker('floor');
    const points = [await measure(stack, 'floor', 0, 0)];
    for (const n of counts) {
      const dueMs = Date.now() + leadMs(ctx, n, rate);
      const ids = Array.from({ length: n }, (_, i) => `floor-park-${n}-${i}`);
      const started = Date.now();
      await pool(ids, 8, (id) => stack.client.workflow.start('floorPark', { workflowId: id, taskQueue: FLOOR_QUEUE, args: [{ ...activities, dueAtMs: dueMs }] }));
      await pool(ids, 4, (id) => until(`${id} to park`, () => stack.client.workflow.getHandle(id).query(floorStageQuery).then((s) => (s >= 1 ? true : undefined)), 600_000, 200));
      const point = await measure(stack, 'floor', n, (Date.now() - started) / 1000);
      if (Date.now() > dueMs) ctx.log(`parked ${n} floor workflows after their timers came due`);
      await sleep(Math.max(0, dueMs - Date.now()) + 1_000);
      points.push({ ...point, ...(await lateness(stack.client, ids, dueMs)).lateness });
    }
    return { kind: 'floor', points, activities };
  } finally {
    await stack.stop();
  }
}
