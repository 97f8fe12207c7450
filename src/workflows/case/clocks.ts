/**
 * The merchant's clocks on working calendars (WORKING_CALENDAR): each clock is the pure SlaClock model
 * of src/policy/calendar (start, SLA, calendar, and what changed it), kept per case; its deadline is
 * the instant `readClock` computes, awaited with one timer, and recomputed when an event (pause,
 * resume, priority change, reassignment) changes it. The view shows every clock.
 *
 * A clock that would run into a year the holiday snapshot does not cover switches, visibly (timeline
 * `calendar_not_covered`), to wall-clock time from then on: never a failed run, never a silent 24×7.
 */
import { condition, patched } from '@temporalio/workflow';
import {
  CalendarCoverageError,
  calendarForDesk,
  deskTableFor,
  initialDesk,
  readClock,
  recordClockEvents,
  startClock,
  type ClockEvent,
  type ClockReading,
  type SlaClock,
} from '../../policy';
import type { CarriedClocks } from './checkpoint';
import { clockEnded } from './clock-ended';
import type { CaseContext } from './context';
import { WORKING_CALENDAR } from './patches';
import type { CaseState } from './state';

/** Where a clock that runs past the holiday snapshot goes on counting (recorded in the timeline). */
export const UNCOVERED_FALLBACK = 'always-open-24x7';

/** The working-time clocks of one case. */
export interface CaseClocks {
  desk: string;
  calendar: string;
  readonly clocks: Map<string, SlaClock>;
  /** Bumped by every event, so a clock's wait wakes up and recomputes its deadline. */
  version: number;
  /** Clocks whose warning was sent; clocks whose watch waits paused, with no timer (continue-as-new reads both). */
  readonly warned: Set<string>;
  readonly parked: Set<string>;
  /** Clocks whose watch (awaitWorkingClock) is running: a breach it has not read yet can still move. */
  readonly watching: Set<string>;
}

const byCase = new WeakMap<CaseState, CaseClocks | null>();

/** The case's working clocks, or undefined for a case on wall-clock time (before WORKING_CALENDAR). Reads the patch once. */
export function caseClocks(ctx: CaseContext): CaseClocks | undefined {
  if (!byCase.has(ctx.state)) {
    // A lean case (LEAN_HISTORY) has working clocks without a marker of their own: one patch upsert per case.
    const on = ctx.state.integrity && (ctx.state.lean || patched(WORKING_CALENDAR));
    const desk = initialDesk(ctx.intake.region, ctx.triage.priority, ctx.intake.perishable);
    byCase.set(ctx.state, on ? { desk, calendar: deskCalendar(ctx, desk), clocks: new Map(), version: 0, warned: new Set(), parked: new Set(), watching: new Set() } : null);
  }
  return byCase.get(ctx.state) ?? undefined;
}

/** The case's working clocks as plain data, for a checkpoint (continue-as-new); undefined on wall-clock time. */
export function carriedClocks(state: CaseState): CarriedClocks | undefined {
  const cc = byCase.get(state);
  return cc ? { desk: cc.desk, calendar: cc.calendar, clocks: [...cc.clocks.entries()], warned: [...cc.warned] } : undefined;
}

/** Whether the named clock's watch waits paused, with no timer (false on wall-clock time). */
export function clockParked(state: CaseState, name: string): boolean {
  return byCase.get(state)?.parked.has(name) ?? false;
}

/** A resumed run takes the clocks its checkpoint carried, calling no patched() again (none: wall-clock time). */
export function restoreClocks(state: CaseState, carried: CarriedClocks | undefined): void {
  const restored = carried && { desk: carried.desk, calendar: carried.calendar, clocks: new Map(carried.clocks), version: 0, warned: new Set(carried.warned), parked: new Set<string>(), watching: new Set<string>() };
  byCase.set(state, restored ?? null);
}

/** Name of the calendar a desk counts on under the case's policy version. */
export function deskCalendar(ctx: CaseContext, desk: string): string {
  return calendarForDesk(deskTableFor(ctx.input.policyVersion), desk).name;
}

/** Starts (or restarts) a clock on the desk's calendar. */
export function startWorkingClock(ctx: CaseContext, cc: CaseClocks, name: string, startedAtMs: number, slaMinutes: number): ClockReading & { shownDueMs?: number } {
  const clock = startClock(startedAtMs, slaMinutes, cc.calendar);
  cc.warned.delete(name);
  // A clock started during a platform-wide pause starts paused.
  const paused = ctx.state.view.clocksPaused !== undefined;
  cc.clocks.set(name, paused ? recordClockEvents(clock, [{ kind: 'paused', atMs: Math.max(startedAtMs, Date.now()) }]) : clock);
  cc.version += 1;
  const reading = readWorkingClock(ctx, cc, name);
  // A paused clock has no due instant of its own; until the resume moves it, the view (and
  // ResponseDueAt) holds the deadline it would have if it ran now, which for a clock just started is
  // the one on the desk's calendar as if no working time were paused, not the wall-clock one set
  // before the clocks started (a case opened at 08:30 during a pause is due 09:30 on a desk opening
  // at 09:00, not 09:00).
  const shownDueMs = paused && reading.dueMs === undefined ? dueIfResumedNow(cc.clocks.get(name) as SlaClock) : reading.dueMs;
  if (paused && shownDueMs !== undefined) mirrorDeadline(ctx.state, name, iso(shownDueMs));
  ctx.state.record('clock_started', `${name}: ${slaMinutes} working min on ${reading.calendar} (${cc.desk}), due ${iso(reading.dueMs)}`);
  return { ...reading, ...(shownDueMs !== undefined && { shownDueMs }) };
}

/**
 * Appends an event to the named clocks (the running ones, for a pause), recomputes them, and shows
 * each in the view. A clock that has ended (clockEnded: answered, decided, climbed past, left) or
 * breached (its watch read the breach and acted) keeps its last reading: a reassignment after the
 * first response does not give the response clock a new due time, and a reprioritize, reassignment
 * or pause after a breach does not make it due again (the breach was acted on: coupon, ladder,
 * message; nothing watches a new deadline).
 */
export function changeClocks(ctx: CaseContext, cc: CaseClocks, names: readonly string[], event: (clock: SlaClock) => ClockEvent | undefined): void {
  const v = ctx.state.view;
  for (const name of names) {
    const clock = cc.clocks.get(name);
    if (!clock || clockEnded(v, name) || (v.clocks?.[name]?.breached && !cc.watching.has(name))) continue;
    const change = event(clock);
    if (change) cc.clocks.set(name, recordClockEvents(clock, [change]));
    const reading = readWorkingClock(ctx, cc, name);
    // A paused clock whose SLA or calendar changed has no due instant; the view shows the one it
    // would have if it ran again now (as at a pause, when that is the one it had).
    if (change && change.kind !== 'paused' && reading.dueMs === undefined) {
      const due = dueIfResumedNow(cc.clocks.get(name) as SlaClock);
      if (due !== undefined) mirrorDeadline(ctx.state, name, iso(due));
    }
  }
  cc.version += 1;
}

/** The due instant of a paused clock if it ran again now, or undefined where the snapshot does not reach. */
function dueIfResumedNow(clock: SlaClock): number | undefined {
  const nowMs = Date.now();
  try {
    return readClock(recordClockEvents(clock, [{ kind: 'resumed', atMs: nowMs }]), nowMs).dueMs;
  } catch (err) {
    if (err instanceof CalendarCoverageError) return undefined;
    throw err;
  }
}

/** Reads a clock now and mirrors it to the view; a year the snapshot does not cover falls back visibly. */
export function readWorkingClock(ctx: CaseContext, cc: CaseClocks, name: string): ClockReading {
  const clock = cc.clocks.get(name);
  if (!clock) throw new Error(`no clock ${name}`);
  const nowMs = Date.now();
  let reading: ClockReading;
  try {
    reading = readClock(clock, nowMs);
  } catch (err) {
    if (!(err instanceof CalendarCoverageError)) throw err;
    const fallback = coverageFallback(clock, nowMs);
    cc.clocks.set(name, fallback.clock);
    reading = fallback.reading;
    ctx.state.record('calendar_not_covered', `${name}: ${err.message}; counting wall-clock time (${UNCOVERED_FALLBACK}) ${fallback.from}`);
  }
  const v = ctx.state.view;
  v.clocks = {
    ...v.clocks,
    [name]: {
      desk: cc.desk,
      calendar: reading.calendar,
      slaMinutes: reading.slaMinutes,
      running: reading.running,
      breached: reading.breached,
      remainingWorkingMinutes: Math.round(reading.remainingWorkingMinutes * 100) / 100,
      ...(reading.dueMs !== undefined ? { dueAt: iso(reading.dueMs) } : {}),
      ...(reading.warnAtMs !== undefined ? { warnAt: iso(reading.warnAtMs) } : {}),
      asOf: iso(nowMs),
    },
  };
  if (reading.dueMs !== undefined) mirrorDeadline(ctx.state, name, iso(reading.dueMs));
  return reading;
}

/** The deadlines the view (and the ResponseDueAt search attribute, at the next sync) already show. */
function mirrorDeadline(state: CaseState, name: string, dueAt: string): void {
  const v = state.view;
  if (name === 'response') v.deadlines.responseDueAt = dueAt;
  if (name === 'resolution') v.deadlines.resolutionDueAt = dueAt;
  if (name === 'review' && v.currentWait?.state === 'awaiting_review') {
    v.currentWait.dueAt = dueAt;
    v.deadlines.currentWaitDueAt = dueAt;
  }
}

/** The clock moved to wall-clock time from now, or (if even its past is not covered) from its start. */
function coverageFallback(clock: SlaClock, nowMs: number): { clock: SlaClock; reading: ClockReading; from: string } {
  const fromNow = recordClockEvents(clock, [{ kind: 'calendar_changed', atMs: nowMs, calendar: UNCOVERED_FALLBACK }]);
  try {
    return { clock: fromNow, reading: readClock(fromNow, nowMs), from: 'from now' };
  } catch (err) {
    if (!(err instanceof CalendarCoverageError)) throw err;
    const whole = { ...clock, calendar: UNCOVERED_FALLBACK, events: clock.events.filter((e) => e.kind !== 'calendar_changed') };
    return { clock: whole, reading: readClock(whole, nowMs), from: 'since the clock started' };
  }
}

/**
 * Waits on a working clock until `done()` (false) or its breach (true), with one timer at a time: the
 * warning instant (when `onWarn` is given) and then the due instant, recomputed whenever an event
 * changes the clock; while paused, no timer at all.
 */
export async function awaitWorkingClock(
  ctx: CaseContext,
  cc: CaseClocks,
  name: string,
  done: () => boolean,
  opts: { summary: string; onWarn?: (reading: ClockReading) => Promise<void> },
): Promise<boolean> {
  // A watch restarted in a resumed run (continue-as-new) knows its warning went out in an earlier run.
  let warned = opts.onWarn === undefined || cc.warned.has(name);
  // The watch is running until it returns (or throws): changeClocks still moves a breach it has not read.
  cc.watching.add(name);
  try {
    for (;;) {
      if (done()) return false;
      const reading = readWorkingClock(ctx, cc, name);
      if (reading.breached) return true;
      if (!warned && reading.warnAtMs !== undefined && reading.warnAtMs <= Date.now()) {
        warned = true;
        cc.warned.add(name);
        await opts.onWarn?.(reading);
        continue;
      }
      const target = warned ? reading.dueMs : reading.warnAtMs;
      const seen = cc.version;
      const changed = () => done() || cc.version !== seen;
      if (target === undefined) {
        cc.parked.add(name);
        await condition(changed);
        cc.parked.delete(name);
      } else await condition(changed, Math.max(1, target - Date.now()), { summary: opts.summary });
    }
  } finally {
    cc.watching.delete(name);
  }
}

/** ISO text of an instant (or `none while paused`: a paused clock has no due instant). */
export function iso(ms: number | undefined): string {
  return ms === undefined ? 'none while paused' : new Date(ms).toISOString();
}

/** `<clock> due <instant>` for the timeline, or `<clock> paused` for a clock that has no due instant now. */
export function dueText(state: CaseState, name: string): string {
  const dueAt = state.view.clocks?.[name]?.dueAt;
  return dueAt ? `${name} due ${dueAt}` : `${name} paused`;
}
