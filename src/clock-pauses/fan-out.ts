/**
 * The fan-out of a platform-wide pause or resume to the running cases (issue 9): the change is
 * recorded in the pause registry first (./registry-client.ts: cases opened from then on start paused),
 * then two sweeps signal every running case matching the filter, the second after the API processes'
 * cache of the registry has expired (also covering cases still in intake), so a case opened meanwhile
 * is not missed. Each sweep is one Temporal batch signal operation (./batch.ts) whose job id comes
 * from the pause, its generation and the sweep, so a repeat describes the same job; when the server
 * refuses batch operations, the sweep signals case by case through visibility, as before.
 */
import type { CaseDeps } from '../cases/deps';
import { visibilityQuery } from '../temporal/case-query';
import { pauseClocksSignal, resumeClocksSignal, type ClockPauseInput } from '../workflows/case/contract';
import type { ClockPauseFilter } from '../workflows/pauses/contract';
import { awaitBatch, batchJobId, batchRefused, startBatchSignal, type BatchJob } from './batch';
import { pauseIdReused, pauseNotFound, resumeTooNarrow } from './refusals';
import { ACTIVE_PAUSES_TTL_MS, endPause, pauseInForce, recordPause } from './registry-client';
import { pauseEverRecorded } from './registry-history';

/** When the second sweep runs: every process's cached list of pauses is fresh by then (plus visibility lag). */
export const SECOND_SWEEP_DELAY_MS = ACTIVE_PAUSES_TTL_MS + 1_000;
/** How long the action waits for each batch job before answering with its progress so far. */
export const BATCH_WAIT_MS = 5_000;

export interface ClockPauseBody extends ClockPauseFilter {
  pauseId: string;
  by: string;
  reason: string;
}

export type Action = 'pause' | 'resume';

/** One sweep's outcome: a batch job, or the case-by-case signals (`reached`: workflow id → signal got there). */
type Sweep = { via: 'batch'; job: BatchJob } | { via: 'signals'; reached: Map<string, boolean> };

/** The request's filter (region, case type, priority), without the fields left out. */
export function filterOf(body: ClockPauseFilter): ClockPauseFilter {
  return { ...(body.region && { region: body.region }), ...(body.caseType && { caseType: body.caseType }), ...(body.priority && { priority: body.priority }) };
}

/**
 * The sweep's visibility queries: the running cases matching the filter and, with `intake`, those
 * still in intake (no region or priority yet in visibility): the signal carries the filter and such a
 * case judges it at intake. A resume does not filter on priority: a case reprioritized while paused
 * still holds the pause and must hear it end (a case holding no pause, or another, ignores it). Type
 * and region never change once a case is triaged.
 */
export function sweepQueries(body: ClockPauseFilter, intake: boolean, action: Action = 'pause'): string[] {
  const priority = action === 'pause' ? body.priority : undefined;
  const queries = [visibilityQuery({ region: body.region, type: body.caseType, priority, running: true })];
  if (intake && (body.region || body.priority)) queries.push(visibilityQuery({ status: 'intake', type: body.caseType, running: true }));
  return queries;
}

async function sweep(deps: CaseDeps, body: ClockPauseBody, action: Action, jobId: string, intake: boolean): Promise<Sweep> {
  const filter = filterOf(body);
  const queries = sweepQueries(body, intake, action);
  const input: ClockPauseInput = { pauseId: body.pauseId, by: body.by, reason: body.reason, ...(Object.keys(filter).length > 0 && { filter }) };
  const signal = action === 'pause' ? pauseClocksSignal : resumeClocksSignal;
  const query = queries.length === 1 ? (queries[0] as string) : queries.map((q) => `(${q})`).join(' OR ');
  try {
    await startBatchSignal(deps.client, deps.namespace, { jobId, query, signal: signal.name, input, reason: `clocks ${action} ${body.pauseId}`, identity: `aftercase-api ${body.by}` });
    return { via: 'batch', job: await awaitBatch(deps.client, deps.namespace, jobId, BATCH_WAIT_MS) };
  } catch (err) {
    if (!batchRefused(err)) throw err;
    deps.log({ msg: 'clocks_batch_refused', jobId, code: (err as { code?: number }).code });
  }
  const reached = new Map<string, boolean>();
  for (const q of queries) await signalEach(deps, q, signal, input, reached);
  return { via: 'signals', reached };
}

async function signalEach(deps: CaseDeps, query: string, signal: typeof pauseClocksSignal, input: ClockPauseInput, reached: Map<string, boolean>): Promise<void> {
  for await (const wf of deps.client.workflow.list({ query })) {
    try {
      await deps.client.workflow.getHandle(wf.workflowId).signal(signal, input);
      reached.set(wf.workflowId, true);
    } catch {
      if (!reached.get(wf.workflowId)) reached.set(wf.workflowId, false);
    }
  }
}

/**
 * The job ids' generation: the pause's start in the registry, so a repeat names the same jobs and a
 * pause ended and started again under the same id gets new ones. A resume of a pause no longer in
 * force (a repeat) is `ended`: its signals change nothing in the cases. Refused before any signal
 * (./refusals.ts): a pause id in force paused again with another filter or resumed with a narrower
 * one, a resume of a pause id the registry never recorded.
 */
async function generation(deps: CaseDeps, body: ClockPauseBody, action: Action): Promise<string> {
  if (action === 'pause') {
    // A pause id in force is returned as recorded (unchanged), so its filter tells a repeat from a reuse.
    const pause = await recordPause(deps, { pauseId: body.pauseId, by: body.by, reason: body.reason, ...filterOf(body) });
    const reused = pauseIdReused(pause, filterOf(body));
    if (reused) throw reused;
    return Date.parse(pause.since).toString(36);
  }
  const pause = await pauseInForce(deps, body.pauseId);
  if (!pause && !(await pauseEverRecorded(deps, body.pauseId))) throw pauseNotFound(body.pauseId);
  const narrower = pause && resumeTooNarrow(pause, filterOf(body));
  if (narrower) throw narrower;
  await endPause(deps, body.pauseId, body.by);
  return pause ? Date.parse(pause.since).toString(36) : 'ended';
}

/** Records the change in the registry first, then sweeps the matching cases twice; returns what happened. */
export async function fanOut(deps: CaseDeps, body: ClockPauseBody, action: Action) {
  const gen = await generation(deps, body, action);
  const first = await sweep(deps, body, action, batchJobId(action, body.pauseId, gen, 1), false);
  await new Promise((r) => setTimeout(r, SECOND_SWEEP_DELAY_MS));
  // Cases opened meanwhile, even those still in intake, whose opening read the registry before the change.
  const second = await sweep(deps, body, action, batchJobId(action, body.pauseId, gen, 2), true);
  const result = summarise(body.pauseId, action, [first, second]);
  deps.log({ msg: `clocks_${action}`, pauseId: body.pauseId, via: result.via, matched: result.matched, failed: result.failed.length });
  return result;
}

/**
 * The answer. Case by case, `matched` counts distinct cases and `failed` names those not reached.
 * By batch, the second sweep covers the first's cases still running plus those opened meanwhile, so
 * `matched`/`signalled` are the larger of the sweeps' counts, and the failures are counted per job in
 * `operations` (the server does not name them). `via` is `batch` only when every sweep ran as a batch.
 */
export function summarise(pauseId: string, action: Action, sweeps: Sweep[]) {
  const reached = new Map<string, boolean>();
  for (const s of sweeps) if (s.via === 'signals') for (const [id, ok] of s.reached) reached.set(id, ok || (reached.get(id) ?? false));
  const operations = sweeps.flatMap((s) => (s.via === 'batch' ? [s.job] : []));
  const failed = [...reached].filter(([, ok]) => !ok).map(([id]) => id);
  const matched = Math.max(reached.size, ...operations.map((j) => j.total));
  const signalled = Math.max(reached.size - failed.length, ...operations.map((j) => j.completed));
  return { pauseId, action, via: operations.length === sweeps.length ? ('batch' as const) : ('signals' as const), matched, signalled, failed, operations };
}
