/** Builders that make calendar data read like a rota: `shift('09:00', '12:00')`, `weekdaysAndWeekend(...)`. */
import { minuteOfClock } from './civil';
import type { Shift, Weekday } from './types';

/** A shift from `HH:MM` to `HH:MM` local time (`24:00` ends at midnight). */
export function shift(from: string, to: string): Shift {
  return [minuteOfClock(from), minuteOfClock(to)];
}

/** The same shifts every day of the week. */
export function everyDay(shifts: readonly Shift[]): Record<Weekday, readonly Shift[]> {
  return weekdaysAndWeekend(shifts, shifts);
}

/** One set of shifts Monday to Friday, another on Saturday and Sunday (`[]`: closed at weekends). */
export function weekdaysAndWeekend(weekdays: readonly Shift[], weekend: readonly Shift[]): Record<Weekday, readonly Shift[]> {
  return { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: weekend, sun: weekend };
}
