/**
 * Throughput: cases per second opened through the API and driven to their end (closed loop, a
 * fixed number in flight), against the floor workflow with the shape counted from the cases' own
 * histories (activities, timers, updates), driven the same way.
 *
 * Both sides run on ONE fresh server with both workers up (shared with the half-load phase after
 * it: every case of these rounds has ended by then), warmed alike, and are measured in
 * alternating rounds (case, floor, floor, case, case, floor…), so a change in the machine's load
 * (it is shared) falls on both sides; each side's figure is the median of its rounds. Every
 * round's cases run to their end before the next round starts, so no round loads another.
 */
import { caseWorkflowId } from '../../../src/workflows/case/contract';
import { createOrders, driveCase, openCase, runFloorCase } from '../drive';
import type { FloorCaseInput } from '../floor/workflows';
import { activitySplit, historyCost, type History, type HistoryCost } from '../history';
import { load, msSince, pool } from '../measure';
import type { BenchContext } from '../params';
import type { PhaseStack } from '../stack';
import { add, perItem, snapshot, type CpuSnapshot } from '../cpu';
import { readCosts, type ReadCosts } from './reads';
import { abba, median } from './rounds';

export interface ThroughputRun {
  /** The median of the rounds' rates. */
  perSecond: number;
  /** Each round's rate, in the order run. */
  rounds: number[];
  /** Cases per round. */
  cases: number;
  concurrency: number;
  seconds: number;
  load: { before: number; after: number };
}

export interface Throughput {
  case: ThroughputRun;
  floor: ThroughputRun;
  /** The median of the per-round ratios (each case round against the floor round beside it). */
  pairedRatio: number;
  shape: FloorCaseInput;
  /** Cost of the measured cases' histories (the first few), and of one floor case's. */
  histories: HistoryCost[];
  floorHistory: HistoryCost;
  /** One case history of the path, kept for the replay and history figures. */
  sample: History;
  /** CPU milliseconds per case by process over all measured rounds of each side (NaN off Linux). */
  cpu: { case: CpuSnapshot; floor: CpuSnapshot };
  /** CPU milliseconds per request of the ways to watch a case (or the floor) for a status. */
  reads: ReadCosts;
}

/** The shape of the floor case, counted from one case history of the path. */
export function floorShape(h: History): FloorCaseInput {
  const cost = historyCost(h);
  const split = activitySplit(h);
  return { activitiesBefore: split.before, activitiesAfter: split.after, timers: cost.timers - cost.timersFired, firedTimers: cost.timersFired, updates: cost.updates + cost.signals };
}

async function timed(count: number, concurrency: number, run: (i: number) => Promise<void>): Promise<{ perSecond: number; seconds: number }> {
  const started = process.hrtime.bigint();
  await pool(Array.from({ length: count }, (_, i) => i), concurrency, run);
  const seconds = msSince(started) / 1000;
  return { perSecond: count / seconds, seconds };
}

function summary(rates: number[], seconds: number[], per: number, concurrency: number, loads: number[]): ThroughputRun {
  return { perSecond: median(rates), rounds: rates, cases: per, concurrency, seconds: seconds.reduce((a, b) => a + b, 0), load: { before: loads[0]!, after: loads[loads.length - 1]! } };
}

/** On `stack`, fresh with every process up (PhaseStack.startAll). */
export async function throughput(ctx: BenchContext, stack: PhaseStack): Promise<Throughput> {
  const { params } = ctx;
  const { concurrency: c, warmup, cases: per, rounds } = params;
  const { url, sandbox } = stack.api!;
  const orders = await createOrders(sandbox, warmup + per * rounds, 'tp');
  const caseIds: string[] = [];
  const runCase = async (orderId: string) => {
    const caseId = await openCase(url, orderId);
    caseIds.push(caseId);
    await driveCase(url, stack.client, caseId, params.pollMs);
  };
  // Warm both sides alike (JIT, caches, connections, the server's tables); the floor's shape
  // comes from a warm-up case's history.
  await pool(orders.slice(0, warmup), c, runCase);
  const sample = await stack.client.workflow.getHandle(caseWorkflowId(caseIds[0]!)).fetchHistory();
  const shape = floorShape(sample);
  await pool(Array.from({ length: warmup }, (_, i) => `floor-warm-${i}`), c, (id) => runFloorCase(stack.client, id, shape, params.pollMs));
  caseIds.length = 0;

  const measured = orders.slice(warmup);
  const rates = { case: [] as number[], floor: [] as number[] };
  const seconds = { case: [] as number[], floor: [] as number[] };
  const loads = { case: [] as number[], floor: [] as number[] };
  const cpu = { case: {} as CpuSnapshot, floor: {} as CpuSnapshot };
  for (const [round, side] of abba(rounds, ['case', 'floor'] as const)) {
    loads[side].push(load());
    const before = snapshot(stack.pids());
    const r =
      side === 'case'
        ? await timed(per, c, (i) => runCase(measured[round * per + i]!))
        : await timed(per, c, (i) => runFloorCase(stack.client, `floor-${round}-${i}`, shape, params.pollMs));
    cpu[side] = add(cpu[side], perItem(before, snapshot(stack.pids()), per * rounds));
    rates[side].push(r.perSecond);
    seconds[side].push(r.seconds);
    loads[side].push(load());
  }
  const histories = await Promise.all(caseIds.slice(0, 5).map((id) => stack.client.workflow.getHandle(caseWorkflowId(id)).fetchHistory()));
  const floorHistory = historyCost(await stack.client.workflow.getHandle('floor-0-0').fetchHistory());
  const pairedRatio = median(rates.case.map((v, i) => v / rates.floor[i]!));
  const reads = await readCosts(ctx, stack, shape);
  const result: Throughput = {
    case: summary(rates.case, seconds.case, per, c, loads.case),
    floor: summary(rates.floor, seconds.floor, per, c, loads.floor),
    pairedRatio,
    shape,
    histories: histories.map(historyCost),
    floorHistory,
    sample: histories[0] ?? sample,
    cpu,
    reads,
  };
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' ');
  ctx.log(`throughput: case ${fmt(rates.case)}/s, floor ${fmt(rates.floor)}/s; path shape ${JSON.stringify(shape)}`);
  return result;
}
