/**
 * Half load: cases opened at half the sustainable case rate and each driven to its end, as in a
 * normal hour. Three runs, each on a fresh server:
 *  - through the API: `POST /v1/cases` sent by autocannon at a fixed overall rate (its latency
 *    percentiles are the API's cost of opening a case);
 *  - raw: the same requests, paced and timed by the same autocannon, to a bare endpoint in the API's
 *    process that only calls `client.workflow.start` of the same workflow and input (the floor of
 *    opening); the cases then driven through the API the same way;
 *  - floor: floor workflows at the same rate, for the floor of schedule-to-start.
 * Schedule-to-start of workflow and activity tasks comes from the server's event timestamps.
 */
import autocannon from 'autocannon';
import type { Client } from '@temporalio/client';
import { DEVELOPMENT_API_KEYS } from '../../../src/api/auth';
import { caseWorkflowId } from '../../../src/workflows/case/contract';
import { createOrders, driveCase, driveFloorCase, openCase, openCaseBody, runFloorCase, startFloorCase } from '../drive';
import type { FloorCaseInput } from '../floor/workflows';
import { scheduleToStart } from '../history';
import { load, msSince, pool, sleep, spread, type Spread } from '../measure';
import type { BenchContext } from '../params';
import { PhaseStack } from '../stack';

export interface HalfLoadRun {
  rate: number;
  opened: number;
  /** Latency of opening (POST or raw start), ms. */
  open: Spread;
  workflowTask: Spread;
  activityTask: Spread;
  failures: number;
  load: { before: number; after: number };
}

async function scheduleToStartOf(client: Client, workflowIds: string[]): Promise<{ workflowTask: Spread; activityTask: Spread }> {
  const all = await pool(workflowIds, 8, async (id) => scheduleToStart(await client.workflow.getHandle(id).fetchHistory()));
  return { workflowTask: spread(all.flatMap((s) => s.workflowTask)), activityTask: spread(all.flatMap((s) => s.activityTask)) };
}

/**
 * Opens `count` cases the way autocannon paces one connection at `overallRate`: at most `rate` per
 * one-second window, one after the other. `open(i)` is timed; `then(i)` (driving the case) runs
 * in the background. Resolves when every `then` has.
 */
async function atRate(rate: number, count: number, open: (i: number) => Promise<void>, then: (i: number) => Promise<void>): Promise<void> {
  const started = process.hrtime.bigint();
  const running: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = Math.floor(i / rate) * 1000 - msSince(started);
    if (wait > 0) await sleep(wait);
    await open(i);
    running.push(then(i));
  }
  await Promise.all(running);
}

/** autocannon paces whole requests per second: half the case rate, rounded, at least 1. */
export function halfRate(casesPerSecond: number): number {
  return Math.max(1, Math.round(casesPerSecond / 2));
}

async function caseStack(ctx: BenchContext, name: string, count: number) {
  const stack = await PhaseStack.start(name, ctx.settings, ctx.nextStack());
  const { url, raw, sandbox } = await stack.startApi();
  await stack.startWorker('case');
  const orders = await createOrders(sandbox, ctx.params.warmup + count, name);
  // Warm the API, the worker and the server before anything is timed.
  await pool(orders.slice(0, ctx.params.warmup), ctx.params.concurrency, async (o) => driveCase(url, stack.client, await openCase(url, o), ctx.params.pollMs));
  return { stack, url, raw, orders: orders.slice(ctx.params.warmup) };
}

/**
 * Opens `rate` cases a second for the phase's length, by autocannon (one connection, overallRate),
 * through `POST /v1/cases` or through the raw-start floor in the same process, and drives each to
 * its end through the API.
 */
export async function casesAtHalfLoad(ctx: BenchContext, rate: number, via: 'api' | 'raw'): Promise<HalfLoadRun> {
  const count = Math.max(4, Math.round(rate * ctx.params.halfLoadSeconds));
  const { stack, url, raw, orders } = await caseStack(ctx, `half-load-${via}`, count);
  try {
    const before = load();
    const drives: Promise<void>[] = [];
    const workflowIds: string[] = [];
    let next = 0;
    let failures = 0;
    const result = await autocannon({
      url: via === 'api' ? url : raw,
      connections: 1,
      overallRate: rate,
      amount: count,
      requests: [
        {
          method: 'POST',
          headers: { authorization: `Bearer ${DEVELOPMENT_API_KEYS.service}`, 'content-type': 'application/json' },
          setupRequest: (req) => {
            const i = next++ % orders.length;
            return { ...req, path: via === 'api' ? '/v1/cases' : `/raw-start/BENCH-RAW-${i}`, body: JSON.stringify(openCaseBody(orders[i]!)) };
          },
          onResponse: (status, body) => {
            if (status !== 201) {
              failures++;
              return;
            }
            const { caseId } = JSON.parse(body) as { caseId: string };
            workflowIds.push(caseWorkflowId(caseId));
            drives.push(driveCase(url, stack.client, caseId, ctx.params.pollMs).catch(() => void failures++));
          },
        },
      ],
    });
    await Promise.all(drives);
    const after = load();
    const l = result.latency;
    return {
      rate,
      opened: workflowIds.length,
      open: { n: result.requests.total, p50: l.p50, p95: l.p97_5, p99: l.p99, max: l.max },
      ...(await scheduleToStartOf(stack.client, workflowIds)),
      failures: failures + result.errors + result.non2xx,
      load: { before, after },
    };
  } finally {
    await stack.stop();
  }
}

export async function floorHalfLoad(ctx: BenchContext, rate: number, shape: FloorCaseInput): Promise<HalfLoadRun> {
  const count = Math.max(4, Math.round(rate * ctx.params.halfLoadSeconds));
  const stack = await PhaseStack.start('half-load-floor', ctx.settings, ctx.nextStack());
  try {
    await stack.startWorker('floor');
    await pool(Array.from({ length: ctx.params.warmup }, (_, i) => `floor-warm-${i}`), ctx.params.concurrency, (id) =>
      runFloorCase(stack.client, id, shape, ctx.params.pollMs),
    );
    const before = load();
    const latencies: number[] = [];
    await atRate(
      rate,
      count,
      async (i) => {
        const t = process.hrtime.bigint();
        await startFloorCase(stack.client, `floor-${i}`, shape);
        latencies.push(msSince(t));
      },
      (i) => driveFloorCase(stack.client, `floor-${i}`, shape, ctx.params.pollMs),
    );
    const after = load();
    const ids = Array.from({ length: count }, (_, i) => `floor-${i}`);
    return { rate, opened: count, open: spread(latencies), ...(await scheduleToStartOf(stack.client, ids)), failures: 0, load: { before, after } };
  } finally {
    await stack.stop();
  }
}
