/**
 * The client side of the clock-pause registry (src/workflows/pauses): record and end pauses (updates
 * on the one registry workflow, started on first use), and read the pauses in force for opening a
 * case. The read comes from the registry's memo (a describe(), which needs no worker) and is cached
 * per process for ACTIVE_PAUSES_TTL_MS, so POST /v1/cases pays at most one round trip per TTL.
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

/**
 * The pauses in force, as the registry's memo shows them (none when the registry was never started),
 * at most ACTIVE_PAUSES_TTL_MS old. If Temporal does not answer, the last list read (or none) is used
 * and the miss is logged: opening a case does not fail on it (the actions' second sweep covers it).
 */
export async function activePauses(deps: CaseDeps): Promise<ActiveClockPause[]> {
  const hit = cache.get(deps);
  const now = Date.now();
  if (hit && now - hit.at < ACTIVE_PAUSES_TTL_MS) return hit.pauses;
  let pauses: ActiveClockPause[];
  try {
    pauses = await readPauses(deps);
  } catch (err) {
    deps.log({ msg: 'clock_pauses_unread', error: err instanceof Error ? err.name : 'unknown' });
    return hit?.pauses ?? [];
  }
  cache.set(deps, { at: now, pauses });
  return pauses;
}
