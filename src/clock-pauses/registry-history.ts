/**
 * Whether a pause id was ever recorded, read from the registry's own history (src/workflows/pauses):
 * the registry's memo lists only the pauses in force, but each recording is a `recordPause` update
 * in its history, and a run that continued as new starts with the pauses it carried over. Used only
 * when a resume names a pause not in force, to tell a repeated resume (the pause ended: answered as
 * before) from a pause id never used (refused, nothing signalled). Reaches back through earlier runs
 * as far as the namespace's retention keeps them, at most MAX_RUNS_LOOKED_BACK runs.
 */
import { isGrpcServiceError } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { within, type CaseDeps } from '../cases/deps';
import { GRPC } from './batch';
import { CLOCK_PAUSES_WORKFLOW_ID, recordPauseUpdate, type ClockPauseRequest, type ClockPausesInput } from '../workflows/pauses/contract';

/** Runs of the registry read, the current one first (each holds up to 200 changes). */
export const MAX_RUNS_LOOKED_BACK = 10;

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** What one run of the registry says about the pauses recorded in it. */
export interface RegistryRunTrail {
  /** The first argument of every accepted `recordPause` update (a ClockPauseRequest, encoded). */
  recorded: Payload[];
  /** The run's start input (a ClockPausesInput: the pauses carried over), encoded. */
  carried?: Payload;
  /** The run this one continued, if any. */
  previousRunId?: string;
}

/** The recordings and hand-over of one run, from its events (nothing decoded). */
export function registryRunTrail(events: readonly HistoryEvent[]): RegistryRunTrail {
  const trail: RegistryRunTrail = { recorded: [] };
  for (const event of events) {
    const started = event.workflowExecutionStartedEventAttributes;
    if (started) {
      const carried = started.input?.payloads?.[0];
      if (carried) trail.carried = carried as Payload;
      if (started.continuedExecutionRunId) trail.previousRunId = started.continuedExecutionRunId;
    }
    const input = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
    const arg = input?.args?.payloads?.[0];
    if (input?.name === recordPauseUpdate.name && arg) trail.recorded.push(arg as Payload);
  }
  return trail;
}

/** Whether the decoded recordings or carried-over pauses of a run name the pause. */
export function runNamesPause(pauseId: string, recorded: readonly Partial<ClockPauseRequest>[], carried: Partial<ClockPausesInput> | undefined): boolean {
  return [...recorded, ...(carried?.pauses ?? [])].some((p) => p?.pauseId === pauseId);
}

/** A payload as the client's data converter reads it (its codecs undone in reverse order). */
async function decodePayload(deps: CaseDeps, payload: Payload): Promise<unknown> {
  const dc = deps.client.options.loadedDataConverter;
  let payloads = [payload];
  for (const codec of [...dc.payloadCodecs].reverse()) payloads = await codec.decode(payloads);
  return dc.payloadConverter.fromPayload(payloads[0] as Payload);
}

async function runEvents(deps: CaseDeps, runId: string | undefined): Promise<HistoryEvent[] | undefined> {
  try {
    const history = await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(CLOCK_PAUSES_WORKFLOW_ID, runId).fetchHistory());
    return history.events ?? [];
  } catch (err) {
    // NOT_FOUND: never started, or an earlier run past the namespace's retention.
    if (isGrpcServiceError(err) && err.code === GRPC.NOT_FOUND) return undefined;
    throw err;
  }
}

/** Whether the registry ever recorded a pause of this id (in force or ended), as far as its history reaches. */
export async function pauseEverRecorded(deps: CaseDeps, pauseId: string): Promise<boolean> {
  let runId: string | undefined;
  for (let run = 0; run < MAX_RUNS_LOOKED_BACK; run += 1) {
    const events = await runEvents(deps, runId);
    if (!events) return false;
    const trail = registryRunTrail(events);
    const recorded = (await Promise.all(trail.recorded.map((p) => decodePayload(deps, p)))) as Partial<ClockPauseRequest>[];
    const carried = trail.carried && ((await decodePayload(deps, trail.carried)) as Partial<ClockPausesInput>);
    if (runNamesPause(pauseId, recorded, carried)) return true;
    if (!trail.previousRunId) return false;
    runId = trail.previousRunId;
  }
  return false;
}
