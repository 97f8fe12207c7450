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

/**
 * The refusal of a pause or resume whose id names a pause in force with another filter, if it does.
 * A resume with a narrower filter would leave the rest of the pause's cases paused for good.
 */
export function pauseIdReused(inForce: ClockPauseFilter & { pauseId: string }, asked: ClockPauseFilter): ClockPauseError | undefined {
  if (sameFilter(inForce, asked)) return undefined;
  return new ClockPauseError(
    'pause_id_reused',
    `pause ${inForce.pauseId} is in force for ${describeFilter(inForce)}, not ${describeFilter(asked)}: a pause id names one pause and its filter (a new pause needs a new pauseId; its resume names the same filter)`,
  );
}

/** The refusal of a resume naming a pause the registry never recorded. */
export function pauseNotFound(pauseId: string): ClockPauseError {
  return new ClockPauseError('pause_not_found', `no pause ${pauseId} was ever recorded: nothing to resume, no case signalled`);
}
