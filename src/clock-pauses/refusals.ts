/**
 * Why a platform-wide pause or resume is refused before any case is signalled (no HTTP here: the
 * route maps each kind to its problem): a resume naming a pause id the registry never recorded (an
 * ops typo must not resume every case), and a pause id in force sent again with another filter (the
 * id names one pause: repeating it only describes that pause's jobs, so the new filter would be lost;
 * a resume with a narrower one would leave some of its cases paused for good).
 */
import type { ClockPauseFilter } from '../workflows/pauses/contract';

export type ClockPauseRefusal = 'pause_not_found' | 'pause_id_reused';

export class ClockPauseError extends Error {
  constructor(
    readonly kind: ClockPauseRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'ClockPauseError';
  }
}

const FILTER_FIELDS = ['region', 'caseType', 'priority'] as const;

/** A filter as ops wrote it: `region East, caseType damaged`, or `every open case`. */
export function describeFilter(filter: ClockPauseFilter): string {
  const parts = FILTER_FIELDS.filter((k) => filter[k] !== undefined).map((k) => `${k} ${filter[k]}`);
  return parts.length > 0 ? parts.join(', ') : 'every open case';
}

/** Whether two filters cover the same cases (a field left out matches every case). */
export function sameFilter(a: ClockPauseFilter, b: ClockPauseFilter): boolean {
  return FILTER_FIELDS.every((k) => a[k] === b[k]);
}

/** Whether `wide` covers every case `narrow` does (each of its fields left out or the same). */
export function covers(wide: ClockPauseFilter, narrow: ClockPauseFilter): boolean {
  return FILTER_FIELDS.every((k) => wide[k] === undefined || wide[k] === narrow[k]);
}

/**
 * The refusal of a resume of a pause in force whose filter leaves some of the pause's cases out (they
 * would stay paused for good), if it does. A wider resume is fine: a case the pause did not cover
 * ignores a resume naming it.
 */
export function resumeTooNarrow(inForce: ClockPauseFilter & { pauseId: string }, asked: ClockPauseFilter): ClockPauseError | undefined {
  if (covers(asked, inForce)) return undefined;
  return new ClockPauseError(
    'pause_id_reused',
    `pause ${inForce.pauseId} is in force for ${describeFilter(inForce)}; a resume for ${describeFilter(asked)} would leave some of its cases paused: send its filter (or none)`,
  );
}

/** The refusal of a pause whose id names a pause in force with another filter, if it does. */
export function pauseIdReused(inForce: ClockPauseFilter & { pauseId: string }, asked: ClockPauseFilter): ClockPauseError | undefined {
  if (sameFilter(inForce, asked)) return undefined;
  return new ClockPauseError(
    'pause_id_reused',
    `pause ${inForce.pauseId} is in force for ${describeFilter(inForce)}, not ${describeFilter(asked)}: a pause id names one pause; use a new pauseId`,
  );
}

/** The refusal of a resume naming a pause the registry never recorded. */
export function pauseNotFound(pauseId: string): ClockPauseError {
  return new ClockPauseError('pause_not_found', `no pause ${pauseId} was ever recorded: nothing to resume, no case signalled`);
}
