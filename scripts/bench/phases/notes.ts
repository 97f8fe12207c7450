/**
 * A busy case: agent notes added one by one through the API to a case that awaits its survey, as
 * long as the case takes them. Then: is it still open, does it answer a query, are its timers
 * still pending, and how large did each run's history grow (a case that continued as new is
 * followed from its current run back to its first, by run id). The floor: a floor workflow taking
 * the same number of updates.
 */
import type { Client } from '@temporalio/client';
import { call, createOrders, driveFloorCaseNotes, noteText, openCase, waitForSurvey } from '../drive';
import { addNoteUpdate, caseWorkflowId, type CaseView } from '../../../src/workflows/case/contract';
import { continueAsNewSuggestedAfter, continuedFrom, historyCost, pendingTimers, type History, type HistoryCost } from '../history';
import { load, msSince, spread, type Spread } from '../measure';
import type { BenchContext } from '../params';
import { PhaseStack } from '../stack';

export interface NotesRun {
  asked: number;
  /** Notes the case accepted before the first failure (if any). */
  accepted: number;
  firstFailure?: string;
  noteLatency: Spread;
  /** Workflow execution status after the notes (RUNNING, TERMINATED, …). */
  status: string;
  queryAnswered: boolean;
  pendingTimers: number;
  runs: number;
  /** Notes found in the histories of all runs (equals `accepted` when the chain is whole). */
  notesInHistories: number;
  /** The latest run, and the largest run of the chain. */
  latest: HistoryCost;
  largestRunBytes: number;
  /** Notes accepted before the server first suggested continue-as-new (undefined: it did not). */
  continueAsNewSuggestedAfter?: number;
  floor: HistoryCost;
  load: { before: number; after: number };
  /** Kept for the replay phase: the run with the most events. */
  caseHistory: History;
  floorHistory: History;
}

/**
 * Every run of the case, newest first: the current run (by run id, from describe), then back along
 * each run's `continuedExecutionRunId`. The chain must end at the run every run names as its
 * `firstExecutionRunId`, else a run is missing and the figures would undercount.
 */
export async function runChain(client: Client, workflowId: string): Promise<History[]> {
  const { runId } = await client.workflow.getHandle(workflowId).describe();
  const runs: History[] = [await client.workflow.getHandle(workflowId, runId).fetchHistory()];
  let oldest = runId;
  for (let prev = continuedFrom(runs[0]!); prev; prev = continuedFrom(runs[runs.length - 1]!)) {
    runs.push(await client.workflow.getHandle(workflowId, prev).fetchHistory());
    oldest = prev;
  }
  const first = runs[0]!.events?.[0]?.workflowExecutionStartedEventAttributes?.firstExecutionRunId;
  if (first && first !== oldest) throw new Error(`the run chain of ${workflowId} ends at ${oldest}, not at its first run ${first}`);
  return runs;
}

/** Agent notes accepted in one run's history. */
const notesIn = (h: History) => (h.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === addNoteUpdate.name).length;

/** Notes accepted (over the whole chain, oldest run first) before the server first suggested continue-as-new. */
function suggestedAfter(chain: History[]): number | undefined {
  let before = 0;
  for (const run of [...chain].reverse()) {
    const n = continueAsNewSuggestedAfter(run, addNoteUpdate.name);
    if (n !== undefined) return before + n;
    before += notesIn(run);
  }
  return undefined;
}

export async function busyCase(ctx: BenchContext): Promise<NotesRun> {
  const n = ctx.params.notes;
  const stack = await PhaseStack.start('notes', ctx.settings, ctx.nextStack());
  try {
    const { url, sandbox } = await stack.startAll();
    const [orderId] = await createOrders(sandbox, 1, 'notes');
    const caseId = await openCase(url, orderId!);
    await waitForSurvey(url, caseId, ctx.params.pollMs);
    const before = load();
    const latencies: number[] = [];
    let firstFailure: string | undefined;
    for (let i = 0; i < n && !firstFailure; i++) {
      const t = process.hrtime.bigint();
      const r = await call(url, 'POST', `/v1/cases/${caseId}/notes`, 'agent', {
        author: 'AG-BENCH-01',
        text: noteText(i),
      }).catch((err: Error) => ({ status: 0, json: err.message }));
      if (r.status === 200) latencies.push(msSince(t));
      else firstFailure = `note ${i + 1}: ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`;
    }
    const after = load();
    const workflowId = caseWorkflowId(caseId);
    const status = (await stack.client.workflow.getHandle(workflowId).describe()).status.name;
    const view = await call(url, 'GET', `/v1/cases/${caseId}`, 'service').catch(() => ({ status: 0, json: undefined }));
    const queryAnswered = view.status === 200 && (view.json as CaseView).notes !== undefined;
    const chain = await runChain(stack.client, workflowId);
    const costs = chain.map(historyCost);
    const floorHistory = await driveFloorCaseNotes(stack.client, 'floor-notes', latencies.length);
    ctx.log(`busy case: ${latencies.length}/${n} notes, ${status}, ${chain.length} run(s), latest ${(costs[0]!.bytes / 2 ** 20).toFixed(2)} MiB`);
    return {
      asked: n,
      accepted: latencies.length,
      ...(firstFailure && { firstFailure }),
      noteLatency: spread(latencies),
      status,
      queryAnswered,
      pendingTimers: pendingTimers(chain[0]!),
      runs: chain.length,
      notesInHistories: chain.reduce((a, h) => a + notesIn(h), 0),
      latest: costs[0]!,
      largestRunBytes: Math.max(...costs.map((c) => c.bytes)),
      continueAsNewSuggestedAfter: suggestedAfter(chain),
      floor: historyCost(floorHistory),
      load: { before, after },
      caseHistory: chain.reduce((a, h) => ((h.events?.length ?? 0) > (a.events?.length ?? 0) ? h : a)),
      floorHistory,
    };
  } finally {
    await stack.stop();
  }
}
