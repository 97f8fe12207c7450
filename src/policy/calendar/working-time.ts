/**
 * Working-time arithmetic on a desk calendar, pure and deterministic. Instants are epoch ms.
 *
 * - A working period is [shift start, shift end): an instant at a shift's end is already closed.
 * - `addWorkingMinutes(c, t, n)` for n > 0 is the instant the n-th working minute after t
 *   completes: it lies inside a shift or exactly at its end (a breach at 21:00 on a desk closing
 *   at 21:00 is right), never inside closed hours. n = 0 returns t.
 * - `workingMinutesBetween(c, a, b)` counts working time in [a, b); negative when b < a. Its
 *   inverse holds: workingMinutesBetween(c, t, addWorkingMinutes(c, t, n)) === n.
 * Cost: one step per local day crossed (per shift within it), never per minute; a 24×7 calendar is
 * plain wall-clock arithmetic. A day outside the holiday snapshot throws CalendarCoverageError.
 */
import { MS_PER_MINUTE } from '../units';
import { localDayOf, localMidnightMs } from './civil';
import { shiftsOnDay } from './coverage';
import type { WorkCalendar } from './types';

/** Each shift of one local day as [from, to) instants. */
function periodsOfDay(calendar: WorkCalendar, day: number): Array<readonly [number, number]> {
  const midnight = localMidnightMs(day, calendar.utcOffsetMinutes);
  return shiftsOnDay(calendar, day).map(([s, e]) => [midnight + s * MS_PER_MINUTE, midnight + e * MS_PER_MINUTE] as const);
}

/** The instant `workingMs` of working time after `fromMs`. */
export function addWorkingMs(calendar: WorkCalendar, fromMs: number, workingMs: number): number {
  if (!(workingMs >= 0) || !Number.isFinite(workingMs)) throw new RangeError(`working time to add must be a finite number >= 0, got ${workingMs}`);
  if (calendar.kind === '24x7' || workingMs === 0) return fromMs + workingMs;
  let left = workingMs;
  for (let day = localDayOf(fromMs, calendar.utcOffsetMinutes); ; day++) {
    for (const [start, end] of periodsOfDay(calendar, day)) {
      const from = Math.max(start, fromMs);
      if (from >= end) continue;
      if (end - from >= left) return from + left;
      left -= end - from;
    }
  }
}

/** Working ms in [aMs, bMs); negative when bMs < aMs. */
export function workingMsBetween(calendar: WorkCalendar, aMs: number, bMs: number): number {
  if (bMs < aMs) return 0 - workingMsBetween(calendar, bMs, aMs); // 0 - x, not -x: never -0
  if (calendar.kind === '24x7') return bMs - aMs;
  let total = 0;
  const lastDay = localDayOf(bMs, calendar.utcOffsetMinutes);
  for (let day = localDayOf(aMs, calendar.utcOffsetMinutes); day <= lastDay; day++) {
    for (const [start, end] of periodsOfDay(calendar, day)) total += Math.max(0, Math.min(end, bMs) - Math.max(start, aMs));
  }
  return total;
}

/** `instantMs` itself when the desk is working then, else the start of its next shift. */
export function nextWorkingInstant(calendar: WorkCalendar, instantMs: number): number {
  if (calendar.kind === '24x7') return instantMs;
  for (let day = localDayOf(instantMs, calendar.utcOffsetMinutes); ; day++) {
    for (const [start, end] of periodsOfDay(calendar, day)) {
      if (end > instantMs) return Math.max(start, instantMs);
    }
  }
}

/** True when `instantMs` falls inside a shift of the calendar. */
export function isWorkingInstant(calendar: WorkCalendar, instantMs: number): boolean {
  const day = localDayOf(instantMs, calendar.utcOffsetMinutes);
  return periodsOfDay(calendar, day).some(([start, end]) => start <= instantMs && instantMs < end);
}

/** The instant `minutes` working minutes after `fromMs` (see the file header for boundaries). */
export function addWorkingMinutes(calendar: WorkCalendar, fromMs: number, minutes: number): number {
  // Instants are whole milliseconds: fractional minutes times 60,000 can carry float noise
  // (134369.2453 × 60,000 = 8062154718.000001), which would push a deadline due exactly at closing
  // time to the next shift. Found by the inverse property test.
  return addWorkingMs(calendar, fromMs, Math.round(minutes * MS_PER_MINUTE));
}

/** Working minutes in [aMs, bMs), negative when bMs < aMs; fractional if the instants are not on whole minutes. */
export function workingMinutesBetween(calendar: WorkCalendar, aMs: number, bMs: number): number {
  return workingMsBetween(calendar, aMs, bMs) / MS_PER_MINUTE;
}

/** Due instant of a clock of `slaMinutes` working minutes started at `startedAtMs`. */
export function deadlineAt(calendar: WorkCalendar, startedAtMs: number, slaMinutes: number): number {
  return addWorkingMinutes(calendar, startedAtMs, slaMinutes);
}

/** Working minutes left from `nowMs` until `dueMs`; 0 once due. */
export function remainingWorkingMinutes(calendar: WorkCalendar, nowMs: number, dueMs: number): number {
  return Math.max(0, workingMinutesBetween(calendar, nowMs, dueMs));
}
