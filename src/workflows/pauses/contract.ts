/**
 * The platform's clock-pause registry (issue 9): one long-running workflow, `platform-clock-pauses`,
 * owns the list of platform-wide pauses in force. The ops pause/resume actions record there first;
 * opening a case reads the list (from the registry's memo, so no worker round trip) and passes it on
 * the case's start input, and the case starts paused if one matches it (./matching.ts).
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseType, Priority, Region } from '../../domain/types';

/** Workflow type and the one workflow id of the registry (one per namespace). */
export const CLOCK_PAUSES_WORKFLOW_TYPE = 'platformClockPauses';
export const CLOCK_PAUSES_WORKFLOW_ID = 'platform-clock-pauses';
/** Memo key under which the registry publishes its pauses in force (read with describe()). */
export const ACTIVE_PAUSES_MEMO = 'activePauses';

/** Which open cases a pause covers; a field left out matches every case. */
export interface ClockPauseFilter {
  region?: Region;
  caseType?: CaseType;
  priority?: Priority;
}

/** A pause as the ops action asks for it. */
export interface ClockPauseRequest extends ClockPauseFilter {
  pauseId: string;
  by: string;
  reason: string;
}

/** A pause in force: the request and when the registry recorded it. */
export interface ActiveClockPause extends ClockPauseRequest {
  since: string;
}

/** The registry's start (and continue-as-new) input: the pauses carried over. */
export interface ClockPausesInput {
  pauses: ActiveClockPause[];
}

/** Records a pause (a repeat of the same pauseId returns the pause already in force, unchanged). */
export const recordPauseUpdate = defineUpdate<ActiveClockPause, [ClockPauseRequest]>('recordPause');
/** Ends a pause; answers whether it was in force. */
export const endPauseUpdate = defineUpdate<boolean, [{ pauseId: string; by: string }]>('endPause');
/** The pauses in force. */
export const activePausesQuery = defineQuery<ActiveClockPause[]>('activePauses');
