/**
 * The client side of the clock-pause registry (src/workflows/pauses): record and end pauses (updates
 * on the one registry workflow, started on first use), and read the pauses in force for opening a
 * case. The read comes from the registry's memo (a describe(), which needs no worker) and is cached
 * per process for ACTIVE_PAUSES_TTL_MS and read again in the background past half that age, so
 * POST /v1/cases waits for that round trip only when no opening came for a while.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  ACTIVE_PAUSES_MEMO,
  CLOCK_PAUSES_WORKFLOW_ID,
  CLOCK_PAUSES_WORKFLOW_TYPE,
  endPauseUpdate,
  recordPauseUpdate,
  type ActiveClockPause,
  type ClockPauseRequest,
} from '../workflows/pauses/contract';
import { within, type CaseDeps } from '../cases/deps';
import type { platformClockPauses } from '../workflows/pauses/registry';

/** How long a process reuses the pauses it read; the actions sweep again after it (see ./fan-out.ts). */
export const ACTIVE_PAUSES_TTL_MS = 1_500;

/** The registry's handle, the workflow started first if it is not running (safe to race). */
async function registry(deps: CaseDeps) {
  return deps.client.workflow.start<typeof platformClockPauses>(CLOCK_PAUSES_WORKFLOW_TYPE, {
    workflowId: CLOCK_PAUSES_WORKFLOW_ID,
    taskQueue: deps.taskQueue,
    args: [{ pauses: [] }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    staticSummary: 'platform-wide clock pauses in force',
  });
}

/** Records the pause (a repeat returns the pause already in force). */
export async function recordPause(deps: CaseDeps, request: ClockPauseRequest): Promise<ActiveClockPause> {
  return within(deps, deps.timeouts.updateMs, async () => (await registry(deps)).executeUpdate(recordPauseUpdate, { args: [request] }));
}

/** Ends the pause; answers whether it was in force. */
export async function endPause(deps: CaseDeps, pauseId: string, by: string): Promise<boolean> {
  return within(deps, deps.timeouts.updateMs, async () => (await registry(deps)).executeUpdate(endPauseUpdate, { args: [{ pauseId, by }] }));
}

/** The pauses in force, read now from the registry's memo (none when it was never started). */
async function readPauses(deps: CaseDeps): Promise<ActiveClockPause[]> {
  try {
    const d = await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(CLOCK_PAUSES_WORKFLOW_ID).describe());
    return (d.memo?.[ACTIVE_PAUSES_MEMO] as ActiveClockPause[] | undefined) ?? [];
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return [];
    throw err;
  }
}

/** The pause of this id in force now (uncached), if any. */
export async function pauseInForce(deps: CaseDeps, pauseId: string): Promise<ActiveClockPause | undefined> {
  return (await readPauses(deps)).find((p) => p.pauseId === pauseId);
}

interface Cached { at: number; pauses: ActiveClockPause[] }
/** One cache per app (createApp builds one CaseDeps), i.e. per API process. */
const cache = new WeakMap<CaseDeps, Cached>();
/** The read in flight per app (and when it started), shared by the requests it is young enough for. */
const reading = new WeakMap<CaseDeps, { startedAt: number; read: Promise<ActiveClockPause[] | undefined> }>();

/** Past this age keepPausesFresh reads the list again in the background (it is served meanwhile). */
export const ACTIVE_PAUSES_REFRESH_AHEAD_MS = ACTIVE_PAUSES_TTL_MS / 2;

/**
 * Reads the pauses, joining the read in flight if it started less than `maxAgeMs` ago (its list is
 * as of its start); otherwise starts one. The cache keeps the list of the latest-started read.
 * undefined: Temporal did not answer.
 */
function refresh(deps: CaseDeps, maxAgeMs: number): Promise<ActiveClockPause[] | undefined> {
  const inFlight = reading.get(deps);
  if (inFlight && Date.now() - inFlight.startedAt < maxAgeMs) return inFlight.read;
  const startedAt = Date.now();
  const read = readPauses(deps)
    .then(
      (pauses) => {
        if (startedAt >= (cache.get(deps)?.at ?? -Infinity)) cache.set(deps, { at: startedAt, pauses });
        return pauses;
      },
      (err: unknown) => {
        deps.log({ msg: 'clock_pauses_unread', error: err instanceof Error ? err.name : 'unknown' });
        return undefined;
      },
    )
    .finally(() => {
      if (reading.get(deps)?.read === read) reading.delete(deps);
    });
  reading.set(deps, { startedAt, read });
  return read;
}

/**
 * The pauses in force, as the registry's memo shows them (none when the registry was never started),
 * never older than ACTIVE_PAUSES_TTL_MS when Temporal answers: a list past the TTL (or none yet) is
 * read before answering. If Temporal does not answer, the last list read (or none) is used and the
 * miss is logged: opening a case does not fail on it (the actions' second sweep covers it).
 */
export async function activePauses(deps: CaseDeps): Promise<ActiveClockPause[]> {
  const hit = cache.get(deps);
  if (hit && Date.now() - hit.at < ACTIVE_PAUSES_TTL_MS) return hit.pauses;
  // A read in flight serves only if its list will be younger than the TTL: a slow background read
  // that started long ago must not hand out a list older than the bound the second sweep relies on.
  return (await refresh(deps, ACTIVE_PAUSES_TTL_MS)) ?? hit?.pauses ?? [];
}

/**
 * Reads the list again in the background once it is past half its TTL, so at a steady rate of
 * openings none waits for the read (before, one opening in every TTL paid a describe round trip).
 * Called once an opening's own start is done and its answer written, so the read never runs beside
 * that start or delays that answer.
 */
export function keepPausesFresh(deps: CaseDeps): void {
  const hit = cache.get(deps);
  if (hit && Date.now() - hit.at >= ACTIVE_PAUSES_REFRESH_AHEAD_MS) void refresh(deps, Infinity);
}
