/**
 * Throughput: cases per second opened through the API and driven to their end (closed loop, a
 * fixed number in flight), against the floor workflow with the shape counted from the cases' own
 * histories (activities, timers, updates), driven the same way on its own fresh server.
 */
import { caseWorkflowId } from '../../../src/workflows/case/contract';
import { createOrders, driveCase, openCase, runFloorCase } from '../drive';
import type { FloorCaseInput } from '../floor/workflows';
import { activitySplit, historyCost, type History, type HistoryCost } from '../history';
import { load, msSince, pool } from '../measure';
import type { BenchContext } from '../params';
import { PhaseStack } from '../stack';

export interface ThroughputRun {
  perSecond: number;
  cases: number;
  concurrency: number;
  seconds: number;
  load: { before: number; after: number };
}

export interface CaseThroughput extends ThroughputRun {
  shape: FloorCaseInput;
  /** Cost of the measured cases' histories (the first few). */
  histories: HistoryCost[];
  /** One case history of the path, kept for the replay and history figures. */
  sample: History;
}

async function timed(ctx: BenchContext, count: number, run: (i: number) => Promise<void>): Promise<ThroughputRun> {
  const before = load();
  const started = process.hrtime.bigint();
  await pool(Array.from({ length: count }, (_, i) => i), ctx.params.concurrency, run);
  const seconds = msSince(started) / 1000;
  return { perSecond: count / seconds, cases: count, concurrency: ctx.params.concurrency, seconds, load: { before, after: load() } };
}

export async function caseThroughput(ctx: BenchContext): Promise<CaseThroughput> {
  const { params } = ctx;
  const stack = await PhaseStack.start('throughput-case', ctx.settings, ctx.nextStack());
  try {
    const { url, sandbox } = await stack.startApi();
    await stack.startWorker('case');
    const orders = await createOrders(sandbox, params.warmup + params.cases, 'tp');
    const run = async (orderId: string) => driveCase(url, stack.client, await openCase(url, orderId), params.pollMs);
    await pool(orders.slice(0, params.warmup), params.concurrency, run);
    const measured = orders.slice(params.warmup);
    const caseIds: string[] = [];
    const result = await timed(ctx, measured.length, async (i) => {
      const caseId = await openCase(url, measured[i]!);
      caseIds.push(caseId);
      await driveCase(url, stack.client, caseId, params.pollMs);
    });
    const histories = await Promise.all(caseIds.slice(0, 5).map((id) => stack.client.workflow.getHandle(caseWorkflowId(id)).fetchHistory()));
    const costs = histories.map(historyCost);
    const first = costs[0]!;
    const split = activitySplit(histories[0]!);
    const shape: FloorCaseInput = {
      activitiesBefore: split.before,
      activitiesAfter: split.after,
      timers: first.timers - first.timersFired,
      firedTimers: first.timersFired,
      updates: first.updates + first.signals,
    };
    ctx.log(`case throughput ${result.perSecond.toFixed(2)}/s; path shape ${JSON.stringify(shape)}`);
    return { ...result, shape, histories: costs, sample: histories[0]! };
  } finally {
    await stack.stop();
  }
}

export interface FloorThroughput extends ThroughputRun {
  history: HistoryCost;
}

export async function floorThroughput(ctx: BenchContext, shape: FloorCaseInput): Promise<FloorThroughput> {
  const { params } = ctx;
  const stack = await PhaseStack.start('throughput-floor', ctx.settings, ctx.nextStack());
  try {
    await stack.startWorker('floor');
    const run = (id: string) => runFloorCase(stack.client, id, shape, params.pollMs);
    await pool(Array.from({ length: params.warmup }, (_, i) => `floor-warm-${i}`), params.concurrency, run);
    const result = await timed(ctx, params.cases, (i) => run(`floor-${i}`));
    const history = historyCost(await stack.client.workflow.getHandle('floor-0').fetchHistory());
    ctx.log(`floor throughput ${result.perSecond.toFixed(2)}/s`);
    return { ...result, history };
  } finally {
    await stack.stop();
  }
}
