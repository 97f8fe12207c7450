/**
 * The SLA clock as a pure model: a clock is its start, its SLA in working minutes, its calendar and
 * the history of what changed it (pauses, resumes, a new SLA after a priority change, a move to
 * another desk's calendar, manual extensions). `readClock` replays that history at an instant and
 * returns the due instant, the warning instant, and the working minutes elapsed and left, so a
 * workflow keeps only the history and awaits one timer on the instant it gets back.
 *
 * Rules: working time counts only while running, on the calendar in force at the time; the SLA in
 * force now counts from the clock's start (a P2 raised to P1 gets P1's deadline from opening, which
 * may already be past: then the clock is breached and `dueMs` is that past instant); extensions add
 * to it; a pause while paused or a resume while running changes nothing (safe to repeat); while
 * paused, an instant not yet reached is unknown (undefined) and the minutes left are frozen.
 */
import { MS_PER_MINUTE } from '../units';
import { calendarNamed } from './desks';
import type { WorkCalendar } from './types';
import { addWorkingMs, workingMsBetween } from './working-time';

/** Something that changed a clock, at an instant. */
export type ClockEvent =
  | { readonly kind: 'paused'; readonly atMs: number }
  | { readonly kind: 'resumed'; readonly atMs: number }
  /** The SLA now in force (priority changed), counted from the clock's start. */
  | { readonly kind: 'sla_changed'; readonly atMs: number; readonly slaMinutes: number }
  /** Reassigned to a desk with another calendar: the rest of the clock counts on it. */
  | { readonly kind: 'calendar_changed'; readonly atMs: number; readonly calendar: string }
  /** Manual extension by working minutes. */
  | { readonly kind: 'extended'; readonly atMs: number; readonly minutes: number };

/** A clock: where it started and everything that changed it since, oldest first. */
export interface SlaClock {
  readonly startedAtMs: number;
  readonly slaMinutes: number;
  /** Name of the calendar the clock started on (see DESK_CALENDARS). */
  readonly calendar: string;
  readonly events: readonly ClockEvent[];
}

/** What a clock says at an instant. */
export interface ClockReading {
  readonly running: boolean;
  /** Calendar in force now. */
  readonly calendar: string;
  /** SLA in force, extensions included, in working minutes. */
  readonly slaMinutes: number;
  readonly elapsedWorkingMinutes: number;
  /** Working minutes left, 0 once breached; frozen while paused. */
  readonly remainingWorkingMinutes: number;
  readonly breached: boolean;
  /** When the SLA is (or was) reached; undefined while paused before reaching it. */
  readonly dueMs: number | undefined;
  /** When the warning fraction of the SLA is (or was) reached; undefined while paused before it. */
  readonly warnAtMs: number | undefined;
}

export interface ClockOptions {
  /** Fraction of the SLA at which to warn, in [0, 1]; a policy value (default 0.8). */
  readonly warnFraction?: number;
  /** Resolves a calendar name (default: the named desk calendars). */
  readonly calendarNamed?: (name: string) => WorkCalendar;
}

/** The default warning point: 80% of the SLA. */
export const DEFAULT_WARN_FRACTION = 0.8;

/** A new clock with no history. */
export function startClock(startedAtMs: number, slaMinutes: number, calendar: string): SlaClock {
  return recordClockEvents({ startedAtMs, slaMinutes, calendar, events: [] }, []);
}

/** The clock with these events appended; throws on an event before the last one or a bad amount. */
export function recordClockEvents(clock: SlaClock, events: readonly ClockEvent[]): SlaClock {
  if (!(clock.slaMinutes > 0)) throw new RangeError(`SLA minutes must be > 0, got ${clock.slaMinutes}`);
  let last = clock.events.at(-1)?.atMs ?? clock.startedAtMs;
  for (const event of events) {
    if (!(event.atMs >= last)) throw new RangeError(`clock event ${event.kind} at ${event.atMs} is before ${last}`);
    if (event.kind === 'sla_changed' && !(event.slaMinutes > 0)) throw new RangeError(`SLA minutes must be > 0, got ${event.slaMinutes}`);
    if (event.kind === 'extended' && !(event.minutes > 0)) throw new RangeError(`an extension must be > 0 minutes, got ${event.minutes}`);
    last = event.atMs;
  }
  return { ...clock, events: [...clock.events, ...events] };
}

/** A stretch of running time on one calendar; `toMs` undefined while it still runs. */
interface Segment {
  readonly fromMs: number;
  readonly toMs: number | undefined;
  readonly calendar: WorkCalendar;
}

function runningSegments(clock: SlaClock, resolve: (name: string) => WorkCalendar): { segments: Segment[]; calendar: string } {
  const segments: Segment[] = [];
  let calendar = clock.calendar;
  let since: number | undefined = clock.startedAtMs;
  const close = (atMs: number) => {
    if (since !== undefined) segments.push({ fromMs: since, toMs: atMs, calendar: resolve(calendar) });
  };
  for (const event of clock.events) {
    if (event.kind === 'paused' && since !== undefined) {
      close(event.atMs);
      since = undefined;
    } else if (event.kind === 'resumed' && since === undefined) {
      since = event.atMs;
    } else if (event.kind === 'calendar_changed') {
      close(event.atMs);
      if (since !== undefined) since = event.atMs;
      calendar = event.calendar;
    }
  }
  if (since !== undefined) segments.push({ fromMs: since, toMs: undefined, calendar: resolve(calendar) });
  return { segments, calendar };
}

/** The instant the running time reaches `targetMs` of working time; undefined if it stops short (paused). */
function instantAtElapsed(segments: readonly Segment[], targetMs: number): number | undefined {
  let need = targetMs;
  for (const { fromMs, toMs, calendar } of segments) {
    const worked = toMs === undefined ? Infinity : workingMsBetween(calendar, fromMs, toMs);
    if (worked >= need) return addWorkingMs(calendar, fromMs, need);
    need -= worked;
  }
  return undefined;
}

/** What the clock says at `nowMs` (not before its last event). */
export function readClock(clock: SlaClock, nowMs: number, options: ClockOptions = {}): ClockReading {
  const warnFraction = options.warnFraction ?? DEFAULT_WARN_FRACTION;
  if (!(warnFraction >= 0 && warnFraction <= 1)) throw new RangeError(`warn fraction must be in [0, 1], got ${warnFraction}`);
  const lastAt = clock.events.at(-1)?.atMs ?? clock.startedAtMs;
  if (!(nowMs >= lastAt)) throw new RangeError(`clock read at ${nowMs}, before its last event at ${lastAt}`);

  let slaMinutes = clock.slaMinutes;
  let extension = 0;
  for (const event of clock.events) {
    if (event.kind === 'sla_changed') slaMinutes = event.slaMinutes;
    if (event.kind === 'extended') extension += event.minutes;
  }
  const totalMs = (slaMinutes + extension) * MS_PER_MINUTE;
  const { segments, calendar } = runningSegments(clock, options.calendarNamed ?? calendarNamed);
  const elapsedMs = segments.reduce((sum, s) => sum + workingMsBetween(s.calendar, s.fromMs, Math.min(s.toMs ?? nowMs, nowMs)), 0);
  return {
    running: segments.at(-1)?.toMs === undefined && segments.length > 0,
    calendar,
    slaMinutes: slaMinutes + extension,
    elapsedWorkingMinutes: elapsedMs / MS_PER_MINUTE,
    remainingWorkingMinutes: Math.max(0, totalMs - elapsedMs) / MS_PER_MINUTE,
    breached: elapsedMs >= totalMs,
    dueMs: instantAtElapsed(segments, totalMs),
    warnAtMs: instantAtElapsed(segments, Math.round(totalMs * warnFraction)),
  };
}
