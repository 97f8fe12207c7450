/**
 * Continue-as-new at the waits that carry (issue 14): the closing waits, the dispute window and the
 * arbitration (closing.ts); the rules and the checkpoint are in checkpoint.ts.
 * A run grown past CARRY_LIMITS hands over at a wait that carries (closing.ts) once nothing else
 * runs (every handler finished, the response clock ended, the resolution clock ended or parked, the
 * compensations aside settled), behind the CONTINUE_AS_NEW patch. The next run rebuilds the case from
 * the checkpoint: no intake, no activity, no upsert; it restarts a parked resolution clock's watch
 * and waits what is left of the same deadline.
 *
 * What goes along without being passed: the server gives the new run the memo and the search
 * attributes of the run that continued (as its last upsert left them) when the command names none,
 * and the same task queue and workflow type (the SDK's defaults).
 */
import { allHandlersFinished, condition, continueAsNew, log, patched, workflowInfo } from '@temporalio/workflow';
import { policyFor } from '../../policy';
import { carryDue, trimForCarry, type CaseCheckpoint, type ResumeAt } from './checkpoint';
import { carriedClocks, clockParked, restoreClocks } from './clocks';
import type { CaseContext } from './context';
import type { OpenCaseInput } from './contract';
import { keyedAnswersToCarry } from './keyed-updates';
import { CONTINUE_AS_NEW } from './patches';
import { CaseState } from './state';
import type { afterSalesCase } from './workflow';

/** Per case: whether every compensation pushed aside so far has settled (re-watched when one is added). */
const asideWatch = new WeakMap<CaseContext, { count: number; settled: boolean }>();

function asideSettled(ctx: CaseContext): boolean {
  let watch = asideWatch.get(ctx);
  if (!watch || watch.count !== ctx.aside.length) {
    const fresh = { count: ctx.aside.length, settled: ctx.aside.length === 0 };
    void Promise.allSettled(ctx.aside).then(() => {
      fresh.settled = true;
    });
    asideWatch.set(ctx, (watch = fresh));
  }
  return watch.settled;
}

/**
 * True when the run should, and may, continue as new now: it has grown past a limit, and nothing
 * but the wait runs (the resolution clock may be parked). Read inside the wait's condition, so it is checked at every
 * activation; the patch is asked last, so its marker is recorded only by a run that hands over
 * (replaying a longer history from before the patch, it answers false and the wait goes on as it did).
 */
export function readyToCarry(ctx: CaseContext): boolean {
  const info = workflowInfo();
  const size = { suggested: info.continueAsNewSuggested, events: info.historyLength, bytes: info.historySize, updates: ctx.state.updatesAnswered };
  if (!carryDue(size)) return false;
  if (!clocksAtRest(ctx) || !allHandlersFinished() || !asideSettled(ctx)) return false;
  return patched(CONTINUE_AS_NEW);
}

/** The response clock has ended, and the resolution clock has ended or waits paused with no timer. */
function clocksAtRest(ctx: CaseContext): boolean {
  return ctx.responseEnded === true && (ctx.resolutionEnded === true || clockParked(ctx.state, 'resolution'));
}

/** Ends this run and starts the next from a checkpoint at `at`, its wait due at `dueAt`. Never returns. */
export async function carryOver(ctx: CaseContext, at: ResumeAt, dueAt: string): Promise<never> {
  const { state } = ctx;
  const info = workflowInfo();
  const run = (state.view.earlier?.runs ?? 0) + 1;
  state.record('continued_as_new', `run ${run} handed over at ${state.status} after ${info.historyLength} events and ${state.updatesAnswered} updates`);
  // The next run starts with the search attributes the server holds: a queued upsert goes out first.
  if (state.syncPending) await condition(() => !state.syncPending);
  const clocks = carriedClocks(state);
  const keyedAnswers = keyedAnswersToCarry(state);
  const checkpoint: CaseCheckpoint = {
    at,
    dueAt,
    view: trimForCarry(state.snapshot()),
    flags: state.flags(),
    intake: ctx.intake,
    messageSeq: ctx.messageSeq,
    ...(clocks ? { clocks } : {}),
    ...(ctx.resolutionEnded ? {} : { resolutionParked: true }),
    ...(keyedAnswers ? { keyedAnswers } : {}),
  };
  log.info('case continues as new', { caseId: ctx.input.caseId, at, run, events: info.historyLength, bytes: info.historySize, updates: state.updatesAnswered });
  return continueAsNew<typeof afterSalesCase>(ctx.input, checkpoint);
}

/** The case and its context rebuilt from a checkpoint: nothing re-run, nothing called. */
export function resumeFrom(input: OpenCaseInput, cp: CaseCheckpoint): CaseContext {
  const state = CaseState.resumed(input, cp);
  restoreClocks(state, cp.clocks);
  const { intake } = cp;
  return { input, state, policy: policyFor(input.policyVersion), order: intake.order, triage: intake.triage, intake, aside: [], messageSeq: cp.messageSeq, responseEnded: true, resolutionEnded: !cp.resolutionParked };
}
