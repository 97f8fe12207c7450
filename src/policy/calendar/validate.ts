/**
 * Validation of calendar data without zod (so workflow code may call it): every problem found, as
 * readable lines, and an assert that throws them together when a policy is loaded.
 */
import { dayOfIsoDate, civilFromDays } from './civil';
import { WEEKDAYS, type HolidayTable, type Shift, type WorkCalendar } from './types';

/** Problems with a list of shifts: each within the day, start < end, ascending, not overlapping. */
function shiftIssues(where: string, shifts: readonly Shift[]): string[] {
  if (!Array.isArray(shifts)) return [`${where}: shifts must be a list`];
  const issues: string[] = [];
  shifts.forEach((s, i) => {
    const [start, end] = Array.isArray(s) ? s : [NaN, NaN];
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > 1440 || start >= end) {
      issues.push(`${where}: shift ${i} must be whole minutes with 0 <= start < end <= 1440`);
    } else if (i > 0 && start < (shifts[i - 1] as Shift)[1]) {
      issues.push(`${where}: shift ${i} overlaps or precedes the one before`);
    }
  });
  return issues;
}

/** Problems with a holiday table: real dates, in their own year, no date both closed and open. */
export function holidayTableIssues(table: HolidayTable): string[] {
  const issues: string[] = [];
  if (typeof table.region !== 'string' || table.region.length === 0) issues.push('holidays: region must not be empty');
  const years = Object.keys(table.years ?? {});
  if (years.length === 0) issues.push('holidays: no year covered');
  for (const key of years) {
    const year = Number(key);
    const schedule = table.years[year];
    if (!Number.isInteger(year) || !schedule) {
      issues.push(`holidays: ${key} is not a year`);
      continue;
    }
    if (typeof schedule.source !== 'string' || schedule.source.length === 0) issues.push(`holidays ${year}: source must name the package and version`);
    for (const [kind, dates] of [['closed', schedule.closed], ['open', schedule.open]] as const) {
      for (const date of Object.keys(dates ?? {})) {
        const day = dayOfIsoDate(date);
        if (day === undefined) issues.push(`holidays ${year}: ${kind} ${date} is not a date`);
        else if (civilFromDays(day).year !== year) issues.push(`holidays ${year}: ${kind} ${date} is in another year`);
      }
    }
    for (const date of Object.keys(schedule.closed ?? {})) {
      if (Object.hasOwn(schedule.open ?? {}, date)) issues.push(`holidays ${year}: ${date} is both closed and open`);
    }
  }
  return issues;
}

/** Every problem with a calendar's data; empty when it is usable. */
export function calendarIssues(calendar: WorkCalendar): string[] {
  const issues: string[] = [];
  if (typeof calendar.name !== 'string' || calendar.name.length === 0) issues.push('name must not be empty');
  if (typeof calendar.timeZone !== 'string' || calendar.timeZone.length === 0) issues.push('timeZone must not be empty');
  const offset = calendar.utcOffsetMinutes;
  if (!Number.isInteger(offset) || offset < -12 * 60 || offset > 14 * 60) issues.push('utcOffsetMinutes must be whole minutes within UTC-12:00..UTC+14:00');
  if (calendar.kind === '24x7') return issues;
  if (calendar.kind !== 'working_hours') return [...issues, `kind must be '24x7' or 'working_hours'`];
  for (const day of WEEKDAYS) issues.push(...shiftIssues(day, calendar.week?.[day] ?? []));
  if (WEEKDAYS.every((day) => (calendar.week?.[day] ?? []).length === 0)) issues.push('week: at least one weekday must have a shift');
  issues.push(...shiftIssues('makeUpDayShifts', calendar.makeUpDayShifts));
  if (calendar.makeUpDayShifts?.length === 0) issues.push('makeUpDayShifts: a make-up working day needs a shift');
  issues.push(...holidayTableIssues(calendar.holidays ?? { region: '', years: {} }));
  return issues;
}

/** A calendar's data is unusable. */
export class CalendarConfigError extends Error {
  override readonly name = 'CalendarConfigError';
  constructor(
    readonly calendar: string,
    readonly issues: readonly string[],
  ) {
    super(`calendar ${calendar} is invalid: ${issues.join('; ')}`);
  }
}

/** Throws CalendarConfigError listing every problem, or returns the calendar unchanged. */
export function assertValidCalendar<C extends WorkCalendar>(calendar: C): C {
  const issues = calendarIssues(calendar);
  if (issues.length > 0) throw new CalendarConfigError(String(calendar.name), issues);
  return calendar;
}
