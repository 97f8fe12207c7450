/**
 * The check a worker runs when it loads the policies: does every published desk table's holiday
 * snapshot cover the clocks that may start now and run for `horizonDays`? A year the snapshot does
 * not cover is reported explicitly (the case itself falls back visibly, `calendar_not_covered`),
 * never met silently. Pure: the caller passes the instant.
 */
import { CalendarCoverageError } from './coverage';
import { DESK_TABLES } from './desk-tables';
import { assertDeskCalendars } from './desks';
import { MS_PER_DAY } from '../units';

/** How far ahead a worker checks at start: longer than any merchant SLA in working time. */
export const COVERAGE_HORIZON_DAYS = 30;

/** One uncovered year per policy version whose desks would meet it within the horizon. */
export function uncoveredHorizons(nowMs: number, horizonDays = COVERAGE_HORIZON_DAYS): Array<{ policyVersion: string; message: string }> {
  const found: Array<{ policyVersion: string; message: string }> = [];
  for (const [policyVersion, table] of Object.entries(DESK_TABLES)) {
    try {
      assertDeskCalendars(table, nowMs, nowMs + horizonDays * MS_PER_DAY);
    } catch (err) {
      if (!(err instanceof CalendarCoverageError)) throw err;
      found.push({ policyVersion, message: err.message });
    }
  }
  return found;
}
