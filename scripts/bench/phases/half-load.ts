/**
 * Half load: cases opened at half the sustainable case rate and each driven to its end, as in a
 * normal hour. Three sides, on ONE server with the API, the case worker and the floor worker up
 * (the throughput phase's, once its cases have all ended), warmed alike:
 *  - api: `POST /v1/cases` (its latencies are the API's cost of opening a case);
 *  - raw: the same request to a bare endpoint on the API's own listener that only calls
 *    `client.workflow.start` of the same workflow and input (the floor of opening); the cases
 *    then driven through the API the same way;
 *  - floor: floor workflows at the same rate, for the floor of schedule-to-start.
 * api and raw are paired request by request: one autocannon connection at the fixed overall rate
 * sends them in turn (A B B A, A B B A…; the next round starts with the other side), so each
 * pair meets the same machine. Timed in alternating rounds on this 2-core VM, the rounds' p50s of
 * one side ranged 3.6–9.7 ms, more than the difference being measured. The floor runs in rounds
 * of its own, every other round (halfLoadOrder). Every round's cases run to their end before the
 * next round starts.
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
import { createOrders, driveCase, driveFloorCase, openCaseBody, runFloorCase, startFloorCase } from '../drive';
import { rawStartPath } from '../raw-start';
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

type OpeningSide = 'api' | 'raw';
const other = (side: OpeningSide): OpeningSide => (side === 'api' ? 'raw' : 'api');

/**
 * The sides of a paired round's requests, in the order sent: `count` of each, in pairs A B, B A,
 * A B, B A… starting with `first`, so neither side always goes first within its pair.
 */
export function pairedSides(count: number, first: OpeningSide): OpeningSide[] {
  return Array.from({ length: count }, (_, k) => (k % 2 === 0 ? [first, other(first)] : [other(first), first])).flat();
}

/**
 * Opens `apiOrders.length` cases through `POST /v1/cases` and as many through the raw start, in
 * turn (pairedSides) on one autocannon connection at `rate` requests a second overall, and drives
 * each to its end through the API. `tag` names the raw starts' cases.
 */
async function pairedRound(url: string, rate: number, orders: Record<OpeningSide, string[]>, first: OpeningSide, tag: string, client: Client, pollMs: number): Promise<Record<OpeningSide, Round>> {
  const count = orders.api.length;
  const sides = pairedSides(count, first);
  const got: Record<OpeningSide, Round> = { api: { latencies: [], workflowIds: [], failures: 0 }, raw: { latencies: [], workflowIds: [], failures: 0 } };
  const drives: Promise<void>[] = [];
  // One connection, one request at a time: responses come back in the order sent. Each callback
  // takes the sides off its own queue, so their relative order within autocannon does not matter.
  const forBody: OpeningSide[] = [];
  const forTime: OpeningSide[] = [];
  const used: Record<OpeningSide, number> = { api: 0, raw: 0 };
  let sent = 0;
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: 1,
        overallRate: rate,
        amount: sides.length,
        ignoreCoordinatedOmission: true,
        requests: [
          {
            method: 'POST',
            headers: { authorization: `Bearer ${DEVELOPMENT_API_KEYS.service}`, 'content-type': 'application/json' },
            setupRequest: (req) => {
              const side = sides[sent++ % sides.length]!;
              const i = used[side]++ % count;
              forBody.push(side);
              forTime.push(side);
              return { ...req, path: side === 'api' ? '/v1/cases' : rawStartPath(`BENCH-RAW-${tag}-${i}`), body: JSON.stringify(openCaseBody(orders[side][i]!)) };
            },
            onResponse: (status, body) => {
              const side = forBody.shift()!;
              if (status !== 201) return void got[side].failures++;
              const { caseId } = JSON.parse(body) as { caseId: string };
              got[side].workflowIds.push(caseWorkflowId(caseId));
              drives.push(driveCase(url, client, caseId, pollMs).catch(() => void got[side].failures++));
            },
          },
        ],
      },
      (err: unknown, result: autocannon.Result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        // Connection errors and timeouts cannot be told apart by side: both sides count them.
        for (const side of ['api', 'raw'] as const) got[side].failures += result.errors;
        resolve();
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      const side = forTime.shift()!;
      if (status === 201) got[side].latencies.push(responseTime);
    });
  });
  await Promise.all(drives);
  return got;
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
  /** The median over rounds of api p50 ÷ raw p50 in the same (paired) round. */
  pairedP50Ratio: number;
}

/** A round of api and raw paired request by request (the side it starts with), or of the floor. */
export type HalfLoadRound = { round: number; side: 'floor' } | { round: number; side: 'paired'; first: OpeningSide };

/**
 * The order of the rounds: a paired round each round, its first side A B B A over every four
 * rounds (api, raw, raw, api, api…); the floor, whose only figure is schedule-to-start, every other round,
 * after the paired round and before it in turn.
 */
export function halfLoadOrder(rounds: number): HalfLoadRound[] {
  return abba(rounds, ['api', 'raw'] as const)
    .filter((_, i) => i % 2 === 0)
    .flatMap(([round, first]): HalfLoadRound[] => {
      const paired: HalfLoadRound = { round, side: 'paired', first };
      if (round % 2 !== 0) return [paired];
      const floor: HalfLoadRound = { round, side: 'floor' };
      return round % 4 === 0 ? [paired, floor] : [floor, paired];
    });
}

/**
 * The three sides at `rate` cases a second, `rounds` rounds, on `stack` (every process up; the
 * throughput phase's, whose cases have all ended). A paired round opens `count` cases of each of
 * api and raw at `rate` overall (2 × halfLoadSeconds); a floor round `count` floor workflows.
 */
export async function halfLoad(ctx: BenchContext, stack: PhaseStack, rate: number, shape: FloorCaseInput): Promise<HalfLoad> {
  const { params } = ctx;
  // At least 5 a round: at 1 case/s the quick run's 2 s would time only 2 requests a round.
  const count = Math.max(5, Math.round(rate * params.halfLoadSeconds));
  const rounds = params.halfLoadRounds;
  const { url, sandbox } = stack.api!;
  const orders = await createOrders(sandbox, 2 * params.warmup + 2 * rounds * count, 'half');
  const take = (() => {
    let used = 0;
    return (n: number) => orders.slice(used, (used += n));
  })();
  // Warm the three paths alike before anything is timed (at once: nothing is timed yet): the
  // API's POST and the raw start, the floor.
  await Promise.all([
    pairedRound(url, 2 * params.concurrency, { api: take(params.warmup), raw: take(params.warmup) }, 'api', 'warm', stack.client, params.pollMs),
    pool(Array.from({ length: params.warmup }, (_, i) => `half-floor-warm-${i}`), params.concurrency, (id) => runFloorCase(stack.client, id, shape, params.pollMs)),
  ]);

  const got: Record<HalfLoadSide, Round[]> = { api: [], raw: [], floor: [] };
  const loads: Record<'paired' | 'floor', number[]> = { paired: [], floor: [] };
  for (const step of halfLoadOrder(rounds)) {
    loads[step.side].push(load());
    if (step.side === 'floor') got.floor.push(await floorRound(stack.client, rate, count, String(step.round), shape, params.pollMs));
    else {
      const pair = await pairedRound(url, rate, { api: take(count), raw: take(count) }, step.first, String(step.round), stack.client, params.pollMs);
      got.api.push(pair.api);
      got.raw.push(pair.raw);
    }
    loads[step.side].push(load());
  }
  const run = async (side: HalfLoadSide): Promise<HalfLoadRun> => {
    const rs = got[side];
    const ids = rs.flatMap((r) => r.workflowIds);
    const l = loads[side === 'floor' ? 'floor' : 'paired'];
    return {
      // Each side of a paired round is opened at half the overall rate; the stack takes `rate`.
      rate,
      opened: ids.length,
      open: spread(rs.flatMap((r) => r.latencies)),
      roundP50: rs.map((r) => spread(r.latencies).p50),
      ...(await scheduleToStartOf(stack.client, ids)),
      failures: rs.reduce((a, r) => a + r.failures, 0),
      load: { before: l[0]!, after: l[l.length - 1]! },
    };
  };
  const [api, rawRun, floor] = [await run('api'), await run('raw'), await run('floor')];
  const pairedP50Ratio = median(api.roundP50.map((p, i) => p / rawRun.roundP50[i]!));
  ctx.log(`half load ${rate}/s: POST p50 by round ${api.roundP50.map((x) => x.toFixed(1)).join(' ')} ms, raw ${rawRun.roundP50.map((x) => x.toFixed(1)).join(' ')} ms`);
  return { api, raw: rawRun, floor, rounds, pairedP50Ratio };
}
