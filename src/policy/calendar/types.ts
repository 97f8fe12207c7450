/**
 * The shape of a working calendar: the hours a desk works, in its own local time, as typed data.
 *
 * Time zone: a calendar carries its IANA name for display and a FIXED offset from UTC in minutes,
 * and all arithmetic uses the offset only (no Intl, no tz database, so a Node or ICU upgrade can
 * never move a deadline). That is exact for Asia/Shanghai (UTC+8, no daylight saving since 1991)
 * and for every zone without DST; a zone with DST would need a calendar per season.
 */

/** Days of the week, Monday first (ISO 8601 order). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A working period of one local day: [start, end) in minutes after local midnight, 0 ≤ start < end ≤ 1440. */
export type Shift = readonly [startMinute: number, endMinute: number];

/** A civil date in the calendar's local time, `YYYY-MM-DD`. */
export type IsoDate = string;

/** One year of a public-holiday schedule: dates off, and make-up working days (调休). Values name the holiday. */
export interface HolidayYear {
  /** Where this year's data came from, `package@version` (e.g. `chinese-days@1.5.7`). */
  readonly source: string;
  /** Public holidays, including the weekend days inside a holiday block: no working hours. */
  readonly closed: Readonly<Record<IsoDate, string>>;
  /** Make-up working days (调休), usually a Saturday or Sunday: worked with the calendar's make-up shifts. */
  readonly open: Readonly<Record<IsoDate, string>>;
}

/** A snapshot of an official holiday schedule. A year missing here is not covered: using it is an error. */
export interface HolidayTable {
  /** Which official schedule this is (`CN`: mainland China, State Council). */
  readonly region: string;
  /** The schedule, per calendar year. */
  readonly years: Readonly<Record<number, HolidayYear>>;
}

interface CalendarBase {
  /** Name a policy version uses for this calendar (e.g. `regional-09-21`). */
  readonly name: string;
  /** IANA time zone, for display only (`Asia/Shanghai`). */
  readonly timeZone: string;
  /** Fixed offset of local time from UTC, in minutes (Asia/Shanghai: 480). */
  readonly utcOffsetMinutes: number;
}

/** A desk that never closes: working time is wall-clock time, holidays included. */
export interface AlwaysOpenCalendar extends CalendarBase {
  readonly kind: '24x7';
}

/** A desk with working hours per weekday (split shifts allowed), closed on public holidays, open on make-up days. */
export interface WorkingHoursCalendar extends CalendarBase {
  readonly kind: 'working_hours';
  /** Shifts of each weekday, ascending and not overlapping; an empty list is a day off. */
  readonly week: Readonly<Record<Weekday, readonly Shift[]>>;
  /** Shifts worked on a make-up working day (调休), whatever its weekday. */
  readonly makeUpDayShifts: readonly Shift[];
  /** The public holidays and make-up days this desk observes. */
  readonly holidays: HolidayTable;
}

/** A desk's calendar: what the SLA clocks count as working time. */
export type WorkCalendar = AlwaysOpenCalendar | WorkingHoursCalendar;

/** Asia/Shanghai: the default time zone of every calendar. */
export const SHANGHAI = { timeZone: 'Asia/Shanghai', utcOffsetMinutes: 8 * 60 } as const;
