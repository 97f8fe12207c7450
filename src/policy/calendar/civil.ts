/**
 * Civil dates as whole days since 1970-01-01, with pure integer arithmetic (no Date objects, so the
 * policy purity rules hold and no host time zone can leak in). Algorithms: H. Hinnant,
 * "chrono-Compatible Low-Level Date Algorithms" (days_from_civil / civil_from_days).
 */
import { MS_PER_DAY, MS_PER_MINUTE } from '../units';
import { WEEKDAYS, type IsoDate, type Weekday } from './types';

/** A proleptic Gregorian date. */
export interface CivilDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

/** Days since 1970-01-01 of a civil date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a day number. */
export function isoDateOfDay(days: number): IsoDate {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Day number of a `YYYY-MM-DD` date; undefined when the text is not a real date. */
export function dayOfIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = daysFromCivil(year, month, day);
  return isoDateOfDay(days) === text ? days : undefined;
}

/** Weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOfDay(days: number): Weekday {
  return WEEKDAYS[(((days + 3) % 7) + 7) % 7] as Weekday;
}

/** Local day number of an instant, for a fixed UTC offset. */
export function localDayOf(instantMs: number, utcOffsetMinutes: number): number {
  return Math.floor((instantMs + utcOffsetMinutes * MS_PER_MINUTE) / MS_PER_DAY);
}

/** The instant local midnight starts a day, for a fixed UTC offset. */
export function localMidnightMs(days: number, utcOffsetMinutes: number): number {
  return days * MS_PER_DAY - utcOffsetMinutes * MS_PER_MINUTE;
}

/** The instant of a local wall-clock time (`YYYY-MM-DD`, `HH:MM`) at a fixed UTC offset; throws on a bad date or time. */
export function localInstant(date: IsoDate, time: string, utcOffsetMinutes: number): number {
  const days = dayOfIsoDate(date);
  const minute = minuteOfClock(time);
  if (days === undefined) throw new RangeError(`not a date: ${date}`);
  return localMidnightMs(days, utcOffsetMinutes) + minute * MS_PER_MINUTE;
}

/** Minutes after midnight of `HH:MM` (`24:00` allowed, as the end of a day); throws on anything else. */
export function minuteOfClock(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  const minute = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minute > 1440) throw new RangeError(`not a clock time: ${time}`);
  return minute;
}
