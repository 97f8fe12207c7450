/**
 * The case's updates, registered through setCaseUpdate: an update whose keyed-action id the case
 * already answered (keyed-answers.ts: in this run or one it continued from) is answered again
 * without its validator or handler running; any other runs as written. Every handler answers through
 * CaseState.result(), which remembers the answer of a keyed update for this. A refusal by the
 * validator of a case already closed (its run still finishing work aside) is a `CaseClosed`.
 */
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { currentUpdateInfo, inWorkflowContext, patched, setHandler } from '@temporalio/workflow';
import type { CarriedAnswer } from './keyed-answers';
import type { CaseActionResult } from './contract';
import { CASE_STATE_CONFLICT, closedRefusal } from './refusals';
import { KEYED_ANSWERS_CARRIED } from './patches';
import type { CaseState } from './state';

/** The id of the update whose handler or validator is running, if any. */
export function currentUpdateId(): string | undefined {
  return inWorkflowContext() ? currentUpdateInfo()?.id : undefined;
}

export interface CaseUpdateOptions<A> {
  /** Refuses (throws) what the case's state does not allow: the API's 409. */
  validator: (input: A) => void;
  description: string;
}

/** setHandler for a case update (see the file comment); the handler's own value is returned unchanged. */
export function setCaseUpdate<A>(
  state: CaseState,
  update: UpdateDefinition<CaseActionResult, [A]>,
  handler: (input: A) => CaseActionResult | Promise<CaseActionResult>,
  { validator, description }: CaseUpdateOptions<A>,
): void {
  const earlier = () => state.keyedAnswers.answerTo(currentUpdateId());
  setHandler(update, (input: A) => earlier() ?? handler(input), {
    validator: (input: A) => {
      if (earlier()) return;
      try {
        validator(input);
      } catch (err) {
        // A closed case still finishing work aside refuses like a completed one (the API's case_closed, not case_conflict).
        throw state.closed && err instanceof ApplicationFailure && err.type === CASE_STATE_CONFLICT ? closedRefusal(err.message) : err;
      }
    },
    description,
  });
}

/**
 * The answers a run hands over (undefined: none). A run resumed with carried answers hands them on;
 * any other asks KEYED_ANSWERS_CARRIED first, so a history replayed from before it hands none.
 */
export function keyedAnswersToCarry(state: CaseState): CarriedAnswer[] | undefined {
  if (state.keyedAnswers.size === 0) return undefined;
  if (!state.keyedAnswersResumed && !patched(KEYED_ANSWERS_CARRIED)) return undefined;
  return state.keyedAnswers.carried();
}
