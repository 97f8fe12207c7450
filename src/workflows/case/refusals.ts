/**
 * How the case refuses an update, by failure type: the API maps `CaseStateConflict` to 409
 * `case_conflict` (the state does not allow the action now) and `CaseClosed` to 409 `case_closed`
 * (the case is closed, though its run may still be finishing work aside). Plain constants and
 * ApplicationFailure only: safe in workflow code and in the API.
 */
import { ApplicationFailure } from '@temporalio/common';

export const CASE_STATE_CONFLICT = 'CaseStateConflict';
export const CASE_CLOSED = 'CaseClosed';

/** The case's rules refuse the action in its current state. */
export function stateRefusal(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: CASE_STATE_CONFLICT, message, nonRetryable: true });
}

/** The case is closed: it accepts no more actions. */
export function closedRefusal(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: CASE_CLOSED, message, nonRetryable: true });
}
