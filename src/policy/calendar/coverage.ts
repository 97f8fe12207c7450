/**
 * Which shifts a calendar works on a given local day, and the rule that a day outside the holiday
 * snapshot is an error (CalendarCoverageError), never silently a normal week day.
 */
import { civilFromDays, isoDateOfDay, localDayOf, weekdayOfDay } from './civil';
import type { Shift, WorkCalendar, WorkingHoursCalendar } from './types';

const WHOLE_DAY: readonly Shift[] = [[0, 1440]];

/** A calendar was asked about a year its holiday snapshot does not cover. */
export class CalendarCoverageError extends Error {
  override readonly name = 'CalendarCoverageError';
  constructor(
    readonly calendar: string,
    readonly year: number,
    readonly covered: readonly number[],
  ) {
    super(`calendar ${calendar} has no holiday schedule for ${year} (snapshot covers ${covered.join(', ') || 'no year'}); snapshot it with npm run snapshot-holidays -- ${year}`);
  }
}

const uncovered = (calendar: WorkingHoursCalendar, year: number) => new CalendarCoverageError(calendar.name, year, coveredYears(calendar) as number[]);

/** Years the calendar's holiday snapshot covers, ascending; `'all'` for a 24×7 calendar. */
export function coveredYears(calendar: WorkCalendar): readonly number[] | 'all' {
  if (calendar.kind === '24x7') return 'all';
  return Object.keys(calendar.holidays.years)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The shifts worked on a local day (days since 1970-01-01); throws CalendarCoverageError outside the snapshot. */
export function shiftsOnDay(calendar: WorkCalendar, day: number): readonly Shift[] {
  if (calendar.kind === '24x7') return WHOLE_DAY;
  const { year } = civilFromDays(day);
  const schedule = calendar.holidays.years[year];
  if (!schedule) throw uncovered(calendar, year);
  const date = isoDateOfDay(day);
  if (Object.hasOwn(schedule.closed, date)) return [];
  if (Object.hasOwn(schedule.open, date)) return calendar.makeUpDayShifts;
  return calendar.week[weekdayOfDay(day)];
}

/**
 * Throws CalendarCoverageError unless the calendar's snapshot covers every local day from `fromMs`
 * to `toMs` (inclusive). Call it when a policy is loaded or a clock is started, over the horizon the
 * clocks may run, so a missing year fails loudly up front instead of in the middle of a case.
 */
export function assertCalendarCovers(calendar: WorkCalendar, fromMs: number, toMs: number): void {
  if (calendar.kind === '24x7') return;
  const first = civilFromDays(localDayOf(Math.min(fromMs, toMs), calendar.utcOffsetMinutes)).year;
  const last = civilFromDays(localDayOf(Math.max(fromMs, toMs), calendar.utcOffsetMinutes)).year;
  for (let year = first; year <= last; year++) {
    if (!calendar.holidays.years[year]) throw uncovered(calendar, year);
  }
}
