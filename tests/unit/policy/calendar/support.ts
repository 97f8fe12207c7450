// Shared helpers of the calendar tests: Shanghai wall-clock instants in and out.
import { localInstant, SHANGHAI } from '../../../../src/policy';

/** The instant of a Shanghai wall-clock time, `YYYY-MM-DD HH:MM`. */
export const at = (text: string): number => {
  const [date, time] = text.split(' ');
  return localInstant(date as string, time as string, SHANGHAI.utcOffsetMinutes);
};

/** Shanghai wall-clock `YYYY-MM-DD HH:MM` of an instant (tests may use Date; policy code may not). */
export const wall = (ms: number): string => new Date(ms + SHANGHAI.utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
