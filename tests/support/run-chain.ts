/**
 * The runs of a case that continued as new, read from the server: each run's history, its size,
 * and the updates of one name it took. Test tooling for the continue-as-new tests.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

export interface CaseRun {
  runId: string;
  history: History;
  events: number;
  bytes: number;
  /** The run that followed (set when this run continued as new). */
  nextRunId?: string;
}

/** Bytes of a history as the server stores it (protobuf). */
const historyBytes = (h: History): number => temporal.api.history.v1.History.encode(h).finish().length;

/** Every run of the chain a started handle opened, first to latest. */
export async function runChain(client: Client, handle: WorkflowHandle): Promise<CaseRun[]> {
  const first = (handle as WorkflowHandle & { firstExecutionRunId?: string }).firstExecutionRunId;
  if (!first) throw new Error('the handle names no first run (use the handle start returned)');
  const runs: CaseRun[] = [];
  for (let runId: string | undefined = first; runId; runId = runs[runs.length - 1]?.nextRunId) {
    const history = await client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    const next = events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    runs.push({ runId, history, events: events.length, bytes: historyBytes(history), ...(next ? { nextRunId: next } : {}) });
    if (runs.length > 50) throw new Error('more than 50 runs: a chain that never ends');
  }
  return runs;
}

/** Updates named `name` a run accepted. */
export function acceptedUpdates(run: CaseRun, name: string): number {
  return (run.history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === name).length;
}

/** One line of figures for a run. */
export function runFigure(run: CaseRun, i: number, notes: number): string {
  return `run ${i + 1}: ${run.events} events, ${run.bytes} bytes (${(run.bytes / 2 ** 20).toFixed(2)} MiB), ${notes} notes${run.nextRunId ? ', continued as new' : ', open'}`;
}

/** True for the history of a resumed run: its start carries a checkpoint beside the case input. */
export function resumedRun(history: History): boolean {
  return (history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.length ?? 0) > 1;
}
