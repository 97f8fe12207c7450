/**
 * Half load: cases opened at half the sustainable case rate and each driven to its end, as in a
 * normal hour. Three sides, on ONE server with the API, the case worker and the floor worker up
 * (the throughput phase's, once its cases have all ended), warmed alike, and measured in
 * alternating rounds (halfLoadOrder: api floor raw, raw api, raw floor api, api raw…) so a change
 * in the shared machine's load falls on every side; every round's cases run to their end before
 * the next round starts:
 *  - api: `POST /v1/cases` sent by autocannon at a fixed overall rate (its latencies are the API's
 *    cost of opening a case);
 *  - raw: the same requests, paced by the same autocannon, to a bare endpoint in the API's process
 *    that only calls `client.workflow.start` of the same workflow and input (the floor of opening);
 *    the cases then driven through the API the same way;
 *  - floor: floor workflows at the same rate, for the floor of schedule-to-start.
 * Each request is timed from autocannon's own per-response duration (sub-millisecond); its latency
 * histogram is not used: at these rates autocannon's coordinated-omission correction assumes a
 * 1 ms interval (Math.ceil(1 / rate) with the rate per second) and fills in a made-up sample for
 * every millisecond of each response, so one slow request outweighs many fast ones in its p50.
 * Schedule-to-start of workflow and activity tasks comes from the server's event timestamps.
 */
import autocannon from 'autocannon';
import type { Client } from '@temporalio/client';
import { DEVELOPMENT_API_KEYS } from '../../../src/api-keys';
import { caseWorkflowId } from '../../../src/workflows/case/contract';
import { createOrders, driveCase, driveFloorCase, openCase, openCaseBody, runFloorCase, startFloorCase } from '../drive';
import type { FloorCaseInput } from '../floor/workflows';
import { scheduleToStart } from '../history';
import { load, msSince, pool, sleep, spread, type Spread } from '../measure';
import type { BenchContext } from '../params';
import type { PhaseStack } from '../stack';
import { abba, median } from './rounds';

export interface HalfLoadRun {
  rate: number;
  opened: number;
  /** Latency of opening (POST or raw start), ms, over every round. */
  open: Spread;
  /** Each round's p50 of opening, in the order run. */
  roundP50: number[];
  workflowTask: Spread;
  activityTask: Spread;
  failures: number;
  load: { before: number; after: number };
}

export type HalfLoadSide = 'api' | 'raw' | 'floor';

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

/** What one side measured in one round. */
interface Round {
  latencies: number[];
  workflowIds: string[];
  failures: number;
}

/**
 * Opens `count` cases at `rate` a second by autocannon (one connection, overallRate), through
 * `POST /v1/cases` or through the raw-start floor in the same process, and drives each to its end
 * through the API. `orders` has one order per request; `tag` names the raw starts' cases.
 */
async function autocannonRound(url: string, target: string, via: 'api' | 'raw', rate: number, orders: string[], tag: string, client: Client, pollMs: number): Promise<Round> {
  const drives: Promise<void>[] = [];
  const workflowIds: string[] = [];
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target,
        connections: 1,
        overallRate: rate,
        amount: orders.length,
        ignoreCoordinatedOmission: true,
        requests: [
          {
            method: 'POST',
            headers: { authorization: `Bearer ${DEVELOPMENT_API_KEYS.service}`, 'content-type': 'application/json' },
            setupRequest: (req) => {
              const i = next++ % orders.length;
              return { ...req, path: via === 'api' ? '/v1/cases' : `/raw-start/BENCH-RAW-${tag}-${i}`, body: JSON.stringify(openCaseBody(orders[i]!)) };
            },
            onResponse: (status, body) => {
              if (status !== 201) return;
              const { caseId } = JSON.parse(body) as { caseId: string };
              workflowIds.push(caseWorkflowId(caseId));
              drives.push(driveCase(url, client, caseId, pollMs).catch(() => void failures++));
            },
          },
        ],
      },
      (err: unknown, result: autocannon.Result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : ((failures += result.errors + result.non2xx), resolve())),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status === 201) latencies.push(responseTime);
    });
  });
  await Promise.all(drives);
  return { latencies, workflowIds, failures };
}

/** Floor workflows started at `rate` a second (the same pacing) and driven to their end. */
async function floorRound(client: Client, rate: number, count: number, tag: string, shape: FloorCaseInput, pollMs: number): Promise<Round> {
  const latencies: number[] = [];
  const ids = Array.from({ length: count }, (_, i) => `half-floor-${tag}-${i}`);
  await atRate(
    rate,
    count,
    async (i) => {
      const t = process.hrtime.bigint();
      await startFloorCase(client, ids[i]!, shape);
      latencies.push(msSince(t));
    },
    (i) => driveFloorCase(client, ids[i]!, shape, pollMs),
  );
  return { latencies, workflowIds: ids, failures: 0 };
}

export interface HalfLoad {
  api: HalfLoadRun;
  raw: HalfLoadRun;
  floor: HalfLoadRun;
  rounds: number;
  /** The median over rounds of api p50 ÷ raw p50 in the same round. */
  pairedP50Ratio: number;
}

/**
 * The order of the rounds: api and raw start alternate ABBA BAAB (their ratio is the target); the
 * floor, whose only figure is schedule-to-start, runs in every other round, between them.
 */
export function halfLoadOrder(rounds: number): Array<[number, HalfLoadSide]> {
  return abba(rounds, ['api', 'raw'] as const).flatMap(([r, side], i): Array<[number, HalfLoadSide]> => (r % 2 === 0 && i % 2 === 0 ? [[r, side], [r, 'floor']] : [[r, side]]));
}

/**
 * The three sides at `rate` cases a second, `rounds` rounds of `halfLoadSeconds` each, on `stack`
 * (every process up; the throughput phase's, whose cases have all ended).
 */
export async function halfLoad(ctx: BenchContext, stack: PhaseStack, rate: number, shape: FloorCaseInput): Promise<HalfLoad> {
  const { params } = ctx;
  // At least 5 a round: at 1 case/s the quick run's 2 s would time only 2 requests a round.
  const count = Math.max(5, Math.round(rate * params.halfLoadSeconds));
  const rounds = params.halfLoadRounds;
  const { url, raw, sandbox } = stack.api!;
  const orders = await createOrders(sandbox, 2 * params.warmup + 2 * rounds * count, 'half');
  const take = (() => {
    let used = 0;
    return (n: number) => orders.slice(used, (used += n));
  })();
  // Warm the three paths alike before anything is timed (at once: nothing is timed yet): the
  // API's POST, the raw start, the floor.
  const drive = (caseId: string) => driveCase(url, stack.client, caseId, params.pollMs);
  await Promise.all([
    pool(take(params.warmup), params.concurrency, async (o) => drive(await openCase(url, o))),
    autocannonRound(url, raw, 'raw', params.concurrency, take(params.warmup), 'warm', stack.client, params.pollMs),
    pool(Array.from({ length: params.warmup }, (_, i) => `half-floor-warm-${i}`), params.concurrency, (id) => runFloorCase(stack.client, id, shape, params.pollMs)),
  ]);

  const got: Record<HalfLoadSide, Round[]> = { api: [], raw: [], floor: [] };
  const loads: Record<HalfLoadSide, number[]> = { api: [], raw: [], floor: [] };
  for (const [round, side] of halfLoadOrder(rounds)) {
    loads[side].push(load());
    got[side].push(
      side === 'floor'
        ? await floorRound(stack.client, rate, count, String(round), shape, params.pollMs)
        : await autocannonRound(url, side === 'api' ? url : raw, side, rate, take(count), String(round), stack.client, params.pollMs),
    );
    loads[side].push(load());
  }
  const run = async (side: HalfLoadSide): Promise<HalfLoadRun> => {
    const rs = got[side];
    const ids = rs.flatMap((r) => r.workflowIds);
    return {
      rate,
      opened: ids.length,
      open: spread(rs.flatMap((r) => r.latencies)),
      roundP50: rs.map((r) => spread(r.latencies).p50),
      ...(await scheduleToStartOf(stack.client, ids)),
      failures: rs.reduce((a, r) => a + r.failures, 0),
      load: { before: loads[side][0]!, after: loads[side][loads[side].length - 1]! },
    };
  };
  const [api, rawRun, floor] = [await run('api'), await run('raw'), await run('floor')];
  const pairedP50Ratio = median(api.roundP50.map((p, i) => p / rawRun.roundP50[i]!));
  ctx.log(`half load ${rate}/s: POST p50 by round ${api.roundP50.map((x) => x.toFixed(1)).join(' ')} ms, raw ${rawRun.roundP50.map((x) => x.toFixed(1)).join(' ')} ms`);
  return { api, raw: rawRun, floor, rounds, pairedP50Ratio };
}
