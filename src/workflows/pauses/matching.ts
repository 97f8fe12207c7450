/**
 * Which platform pause, if any, covers a case: a pure function the case workflow calls at intake
 * (when its region, type and priority are known) on the pauses its start input carried.
 */
import type { ActiveClockPause, ClockPauseFilter } from './contract';

/** What a pause filter is matched against. */
export type CaseClockTraits = Required<ClockPauseFilter>;

/** Whether the filter covers the case (a field left out matches every case). */
export function pauseCovers(filter: ClockPauseFilter, c: CaseClockTraits): boolean {
  return (filter.region === undefined || filter.region === c.region)
    && (filter.caseType === undefined || filter.caseType === c.caseType)
    && (filter.priority === undefined || filter.priority === c.priority);
}

/** Every pause covering the case, earliest first (by `since`, then id), each id once. */
export function pausesCovering(pauses: readonly ActiveClockPause[], c: CaseClockTraits): ActiveClockPause[] {
  const covering = pauses.filter((p) => pauseCovers(p, c)).sort((a, b) => a.since.localeCompare(b.since) || a.pauseId.localeCompare(b.pauseId));
  return covering.filter((p, i) => covering.findIndex((q) => q.pauseId === p.pauseId) === i);
}

/** The earliest pause (by `since`, then id) covering the case, or undefined. */
export function pauseCovering(pauses: readonly ActiveClockPause[], c: CaseClockTraits): ActiveClockPause | undefined {
  return pausesCovering(pauses, c)[0];
}
