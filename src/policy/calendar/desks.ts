/**
 * Named desk calendars, as data. A policy version names one per desk (DeskCalendars); the names are
 * stable, so a case keeps counting on the calendar its policy version named. Every working-hours
 * calendar observes the snapshotted mainland schedule (./holidays-cn) in Asia/Shanghai time.
 */
import { assertCalendarCovers } from './coverage';
import { HOLIDAYS_CN } from './holidays-cn';
import { everyDay, shift, weekdaysAndWeekend } from './shifts';
import { SHANGHAI, type WorkCalendar } from './types';
import { assertValidCalendar } from './validate';

const DAY_09_21 = [shift('09:00', '21:00')];
const OFFICE_09_18 = [shift('09:00', '12:00'), shift('13:00', '18:00')];

/** The calendars a policy may name, by name. */
export const DESK_CALENDARS = {
  /** Wall-clock time for every desk: the clocks of policies published before working calendars, and the visible fallback of a clock that runs past the holiday snapshot. */
  'always-open-24x7': { name: 'always-open-24x7', kind: '24x7', ...SHANGHAI },
  /** The P1 fresh-food desk: never closes, holidays included (wall-clock time). */
  'fresh-p1-24x7': { name: 'fresh-p1-24x7', kind: '24x7', ...SHANGHAI },
  /** Regional desks: 09:00–21:00 every day of the week, closed on public holidays. */
  'regional-09-21': { name: 'regional-09-21', kind: 'working_hours', ...SHANGHAI, week: everyDay(DAY_09_21), makeUpDayShifts: DAY_09_21, holidays: HOLIDAYS_CN },
  /** Regional desks closed at weekends: 09:00–21:00 Monday to Friday and on make-up days (调休). */
  'weekdays-09-21': { name: 'weekdays-09-21', kind: 'working_hours', ...SHANGHAI, week: weekdaysAndWeekend(DAY_09_21, []), makeUpDayShifts: DAY_09_21, holidays: HOLIDAYS_CN },
  /** Office hours (review, finance): 09:00–12:00 and 13:00–18:00 Monday to Friday and on make-up days. */
  'standard-09-18': { name: 'standard-09-18', kind: 'working_hours', ...SHANGHAI, week: weekdaysAndWeekend(OFFICE_09_18, []), makeUpDayShifts: OFFICE_09_18, holidays: HOLIDAYS_CN },
} as const satisfies Readonly<Record<string, WorkCalendar>>;

/** Name of a desk calendar. */
export type CalendarName = keyof typeof DESK_CALENDARS;
/** Every calendar name. */
export const CALENDAR_NAMES = Object.keys(DESK_CALENDARS) as CalendarName[];

/** Which calendar each desk counts its clocks on, as a policy version states it. */
export interface DeskCalendars {
  /** Calendar of a desk the table does not name. */
  readonly fallback: CalendarName;
  /** Desk (team id, e.g. `east-p1-desk`) to calendar name. */
  readonly desks: Readonly<Record<string, CalendarName>>;
}

/** The calendar with this name; throws on a name no calendar has (a policy typo must not mean 24×7). */
export function calendarNamed(name: string): WorkCalendar {
  if (!Object.hasOwn(DESK_CALENDARS, name)) throw new RangeError(`no desk calendar named ${name}; known: ${CALENDAR_NAMES.join(', ')}`);
  return DESK_CALENDARS[name as CalendarName];
}

/** The calendar a desk counts on under a policy's desk table. */
export function calendarForDesk(table: DeskCalendars, desk: string): WorkCalendar {
  return calendarNamed(Object.hasOwn(table.desks, desk) ? (table.desks[desk] as CalendarName) : table.fallback);
}

/**
 * The check to run when a policy is loaded: every calendar the desk table names exists, is valid,
 * and its holiday snapshot covers [fromMs, toMs] (the horizon its clocks may run, e.g. now to now
 * plus the longest SLA). Throws RangeError, CalendarConfigError or CalendarCoverageError.
 */
export function assertDeskCalendars(table: DeskCalendars, fromMs: number, toMs: number): void {
  for (const name of new Set([table.fallback, ...Object.values(table.desks)])) {
    assertCalendarCovers(assertValidCalendar(calendarNamed(name)), fromMs, toMs);
  }
}
