/** Duration units. Policy durations are whole minutes; instants arrive as epoch milliseconds. */

/** Minutes in one hour. */
export const MINUTES_PER_HOUR = 60;
/** Minutes in one day (24 hours). Policy durations are minutes; the merchant clocks count them on the desk's calendar (./calendar), which may be 24×7. */
export const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;
/** Milliseconds in one minute. */
export const MS_PER_MINUTE = 60_000;
/** Milliseconds in one day. */
export const MS_PER_DAY = MINUTES_PER_DAY * MS_PER_MINUTE;

/** Converts whole minutes to milliseconds (for timers and ISO deadline arithmetic). */
export function minutesToMs(minutes: number): number {
  return minutes * MS_PER_MINUTE;
}

/** The instant `minutes` after an ISO instant (deadlines from policy durations). */
export function addMinutes(iso: string, minutes: number): Date {
  return new Date(Date.parse(iso) + minutesToMs(minutes));
}
