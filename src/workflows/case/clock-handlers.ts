/**
 * Updates that move the merchant's clocks (WORKING_CALENDAR): `reprioritize` (the new priority's
 * SLAs, counted from opening) and `reassign` (another agent and/or desk; the rest of every clock
 * counts on the new desk's calendar). Each recomputes the deadlines, is recorded in the timeline
 * with who and why, and returns the view. Cases on wall-clock time refuse them.
 *
 * The signals `pauseClocks` / `resumeClocks` (platform-wide pause, ops) stop and restart every merchant
 * clock; repeating either changes nothing, a resume must name a pause the case holds, and a clock
 * started meanwhile starts paused. Pauses overlap: a case holds every pause that covers it, and its
 * clocks run again once the last has ended. The resolution clock also waiting on the customer stays stopped.
 */
import { patched, setHandler } from '@temporalio/workflow';
import { setCaseUpdate } from './keyed-updates';
import type { ActiveClockPause } from '../pauses/contract';
import { pauseCovers, pausesCovering, type CaseClockTraits } from '../pauses/matching';
import { caseClocks, changeClocks, deskCalendar, dueText, type CaseClocks } from './clocks';
import { refuse, type CaseContext } from './context';
import { pauseClocksSignal, reassignUpdate, reprioritizeUpdate, resumeClocksSignal, type ClockPauseInput, type PlatformPauseHold, type ReassignInput, type ReprioritizeInput } from './contract';
import { OVERLAPPING_PAUSES, PAUSE_AT_OPENING } from './patches';
import { nowIso, type CaseState } from './state';
import { planWait } from './waits';

const PRIORITIES = ['P1', 'P2', 'P3'] as const;

/** Clocks that count toward the case's SLAs of its priority (the rung windows keep their own). */
const PRIORITY_CLOCKS = ['response', 'resolution', 'review'] as const;

function ready(state: CaseState, getContext: () => CaseContext | undefined, input: { by: string; reason: string }): void {
  if (state.closed) refuse('the case is closed');
  if (!getContext()) refuse('the case is not triaged yet');
  if (typeof input.by !== 'string' || !input.by) refuse('by is required');
  if (typeof input.reason !== 'string' || !input.reason.trim()) refuse('a reason is required');
}

/** The case's working clocks; a case on wall-clock time (opened before working calendars) refuses. */
function clocksOf(ctx: CaseContext): CaseClocks {
  const cc = caseClocks(ctx);
  if (!cc) refuse('this case counts wall-clock time (opened before working calendars)');
  return cc;
}

export function installClockHandlers(state: CaseState, getContext: () => CaseContext | undefined): void {
  installPauseHandlers(state, getContext);
  setCaseUpdate(
    state,
    reprioritizeUpdate,
    (input) => {
      const ctx = getContext() as CaseContext;
      reprioritize(ctx, clocksOf(ctx), input);
      return state.result();
    },
    {
      validator: (input) => {
        ready(state, getContext, input);
        if (!PRIORITIES.includes(input.priority)) refuse(`priority must be one of ${PRIORITIES.join(', ')}`);
        if (input.priority === state.view.priority) refuse(`the case is already ${input.priority}`);
      },
      description: 'A new priority (P1–P3) with a reason: the merchant clocks take its SLAs, counted from opening.',
    },
  );

  setCaseUpdate(
    state,
    reassignUpdate,
    (input) => {
      const ctx = getContext() as CaseContext;
      reassign(ctx, clocksOf(ctx), input);
      return state.result();
    },
    {
      validator: (input) => {
        ready(state, getContext, input);
        if (!input.agentId && !input.desk) refuse('name an agent, a desk, or both');
      },
      description: 'Another agent and/or desk with a reason: the rest of the clocks counts on that desk\'s calendar.',
    },
  );
}

/** The platform-wide pause: stops every clock of the case (or, before intake is done, every clock it will start). */
function installPauseHandlers(state: CaseState, getContext: () => CaseContext | undefined): void {
  setHandler(pauseClocksSignal, (input) => {
    if (state.closed) return;
    if (state.view.clocksPaused) return holdAnotherPause(state, getContext(), input);
    const ctx = getContext();
    // A pause that names its filter (sent since the pause registry; input-driven, so older histories
    // never take this path) is judged by the case: before intake it waits for pauseAtOpening.
    if (input.filter) {
      if (!ctx) return void pendingPauses(state).set(input.pauseId, { pauseId: input.pauseId, by: input.by, reason: input.reason, ...input.filter, since: nowIso() });
      if (!pauseCovers(input.filter, traitsOf(ctx))) return;
    }
    const cc = ctx && caseClocks(ctx);
    if (ctx && !cc) return state.record('clock_pause_ignored', `platform pause ${input.pauseId}: this case counts wall-clock time`);
    state.view.clocksPaused = { ...input, since: nowIso() };
    state.record('clocks_paused', `platform pause ${input.pauseId} by ${input.by}: ${input.reason}`);
    if (ctx && cc) changeClocks(ctx, cc, [...cc.clocks.keys()], () => ({ kind: 'paused', atMs: Date.now() }));
    state.sync();
  });
  setHandler(resumeClocksSignal, (input) => {
    pendingPauses(state).delete(input.pauseId);
    const primary = state.view.clocksPaused;
    const others = state.view.otherClockPauses ?? [];
    if (primary?.pauseId !== input.pauseId) {
      // A pause the case holds beside the one that stopped its clocks: it ends, the clocks stay paused.
      if (!others.some((p) => p.pauseId === input.pauseId)) return;
      state.view.otherClockPauses = nonEmpty(others.filter((p) => p.pauseId !== input.pauseId));
      return state.record('clock_pause_ended', `platform pause ${input.pauseId} ended by ${input.by}; clocks stay paused by ${primary?.pauseId}`);
    }
    const [next, ...rest] = others;
    if (next) {
      // Another pause still covers the case: it holds the clocks now.
      state.view.clocksPaused = next;
      state.view.otherClockPauses = nonEmpty(rest);
      return state.record('clock_pause_ended', `platform pause ${input.pauseId} ended by ${input.by}; clocks stay paused by ${next.pauseId}`);
    }
    state.view.clocksPaused = undefined;
    const ctx = getContext();
    const cc = ctx && caseClocks(ctx);
    if (ctx && cc) {
      const waitingOnCustomer = state.view.sla.resolutionPausedSince !== undefined;
      const names = [...cc.clocks.keys()].filter((n) => !(n === 'resolution' && waitingOnCustomer));
      changeClocks(ctx, cc, names, () => ({ kind: 'resumed', atMs: Date.now() }));
    }
    const due = (['response', 'resolution'] as const).map((n) => dueText(state, n));
    state.record('clocks_resumed', `platform pause ${input.pauseId} ended by ${input.by}; ${due.join(', ')}`);
    state.sync();
  });
}

/**
 * A pause reaching a case whose clocks another pause holds: held too (when its filter covers the
 * case), so the clocks run again only once both have ended. The same pause again changes nothing.
 */
function holdAnotherPause(state: CaseState, ctx: CaseContext | undefined, input: ClockPauseInput): void {
  if (heldPauseIds(state).has(input.pauseId)) return;
  if (ctx && input.filter && !pauseCovers(input.filter, traitsOf(ctx))) return;
  // Before OVERLAPPING_PAUSES the second pause was dropped at once. Asked before anything else the
  // new path does (caseClocks may ask WORKING_CALENDAR), so a replay of an older history leaves here.
  if (!patched(OVERLAPPING_PAUSES)) return;
  // Before intake (the case paused by a pause without a filter), pauseAtOpening judges it on the case's traits.
  if (!ctx && input.filter) return void pendingPauses(state).set(input.pauseId, { pauseId: input.pauseId, by: input.by, reason: input.reason, ...input.filter, since: nowIso() });
  if (ctx && !caseClocks(ctx)) return;
  state.view.otherClockPauses = [...(state.view.otherClockPauses ?? []), { pauseId: input.pauseId, by: input.by, reason: input.reason, since: nowIso() }];
  state.record('clock_pause_held', `platform pause ${input.pauseId} by ${input.by}: ${input.reason}; clocks already paused by ${state.view.clocksPaused?.pauseId}`);
}

/** The pauses the case holds: the one that stopped its clocks and the others. */
function heldPauseIds(state: CaseState): Set<string | undefined> {
  return new Set([state.view.clocksPaused?.pauseId, ...(state.view.otherClockPauses ?? []).map((p) => p.pauseId)]);
}

const nonEmpty = (holds: PlatformPauseHold[]): PlatformPauseHold[] | undefined => (holds.length > 0 ? holds : undefined);

/** Pauses signalled (with a filter) before intake, for pauseAtOpening to match; a resume drops its own. */
const pendingByCase = new WeakMap<CaseState, Map<string, ActiveClockPause>>();
function pendingPauses(state: CaseState): Map<string, ActiveClockPause> {
  let pending = pendingByCase.get(state);
  if (!pending) pendingByCase.set(state, (pending = new Map()));
  return pending;
}

/** What a pause's filter is judged on, known once intake is done. */
function traitsOf(ctx: CaseContext): CaseClockTraits {
  return { region: ctx.intake.region, caseType: ctx.input.caseType, priority: ctx.triage.priority };
}

/**
 * A case opened while a platform pause covering it was in force (its start input carries the pauses,
 * or one was signalled before intake; matched here on its own region, type and priority) starts its
 * merchant clocks paused.
 * Called once, after triage and before any clock starts; cases on wall-clock time are left alone.
 */
export function pauseAtOpening(ctx: CaseContext): void {
  const { state, input } = ctx;
  const candidates = [...(input.clockPauses ?? []), ...pendingPauses(state).values()];
  if (candidates.length === 0 || ctx.intake.refusal) return;
  if (state.view.clocksPaused) return holdAtOpening(ctx, pausesCovering(candidates, traitsOf(ctx)));
  if (!patched(PAUSE_AT_OPENING) || !caseClocks(ctx)) return;
  const [pause, ...more] = pausesCovering(candidates, traitsOf(ctx));
  if (!pause) return;
  state.view.clocksPaused = { pauseId: pause.pauseId, by: pause.by, reason: pause.reason, since: nowIso() };
  state.record('clocks_paused', `platform pause ${pause.pauseId} (since ${pause.since}) in force at opening, by ${pause.by}: ${pause.reason}`);
  holdAtOpening(ctx, more);
}

/**
 * Further pauses covering a case at opening, held beside the one that paused its clocks and any
 * held already (OVERLAPPING_PAUSES; asked before caseClocks, as in holdAnotherPause).
 */
function holdAtOpening(ctx: CaseContext, covering: ActiveClockPause[]): void {
  const { state } = ctx;
  const held = heldPauseIds(state);
  const more = covering.filter((p) => !held.has(p.pauseId));
  if (more.length === 0 || !patched(OVERLAPPING_PAUSES) || !caseClocks(ctx)) return;
  state.view.otherClockPauses = [...(state.view.otherClockPauses ?? []), ...more.map((p) => ({ pauseId: p.pauseId, by: p.by, reason: p.reason, since: nowIso() }))];
  for (const p of more) state.record('clock_pause_held', `platform pause ${p.pauseId} (since ${p.since}) in force at opening, by ${p.by}: ${p.reason}; clocks already paused by ${state.view.clocksPaused?.pauseId}`);
}

function reprioritize(ctx: CaseContext, cc: CaseClocks, input: ReprioritizeInput): void {
  const { state, policy, triage } = ctx;
  const from = triage.priority;
  const t = policy.triage;
  const resolutionMinutes = ctx.intake.perishable ? Math.min(t.resolutionMinutes[input.priority], t.perishableResolutionMinutes) : t.resolutionMinutes[input.priority];
  ctx.triage = { ...triage, priority: input.priority, dedicatedSpecialist: input.priority === 'P1', responseMinutes: t.responseMinutes[input.priority], resolutionMinutes };
  state.view.priority = input.priority;
  const sla: Record<(typeof PRIORITY_CLOCKS)[number], number> = {
    response: planWait(ctx, 'awaiting_acknowledgement').deadlineMinutes,
    resolution: resolutionMinutes,
    review: planWait(ctx, 'awaiting_review').deadlineMinutes,
  };
  for (const name of PRIORITY_CLOCKS) {
    changeClocks(ctx, cc, [name], () => ({ kind: 'sla_changed', atMs: Date.now(), slaMinutes: sla[name] }));
  }
  const due = PRIORITY_CLOCKS.filter((n) => state.view.clocks?.[n]).map((n) => dueText(state, n));
  state.record('reprioritized', `${from} → ${input.priority} by ${input.by}: ${input.reason}; ${due.join(', ')}`);
  state.sync();
}

function reassign(ctx: CaseContext, cc: CaseClocks, input: ReassignInput): void {
  const { state } = ctx;
  const moves: string[] = [];
  if (input.agentId && input.agentId !== state.view.assignee) {
    moves.push(`agent ${state.view.assignee ?? 'none'} → ${input.agentId}`);
    state.assigned(input.agentId);
  }
  if (input.desk && input.desk !== cc.desk) {
    const calendar = deskCalendar(ctx, input.desk);
    moves.push(`desk ${cc.desk} → ${input.desk} (calendar ${calendar})`);
    cc.desk = input.desk;
    if (calendar !== cc.calendar) {
      cc.calendar = calendar;
      changeClocks(ctx, cc, [...cc.clocks.keys()], () => ({ kind: 'calendar_changed', atMs: Date.now(), calendar }));
    } else {
      changeClocks(ctx, cc, [...cc.clocks.keys()], () => undefined); // the view shows the new desk
    }
  }
  if (moves.length === 0) refuse('the case is already with that agent and desk');
  state.record('reassigned', `${moves.join('; ')} by ${input.by}: ${input.reason}`);
  state.sync();
}
