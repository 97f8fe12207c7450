/**
 * platformClockPauses: the one owner of the platform-wide clock pauses in force. Updates record and
 * end pauses; after each change the list is published in the memo (so the API reads it with a
 * describe(), which needs no worker). Deterministic and bounded: after MAX_CHANGES_PER_RUN changes
 * (or when the server suggests it) the run continues as new, carrying the pauses over.
 */
import { allHandlersFinished, condition, makeContinueAsNewFunc, setHandler, upsertMemo, workflowInfo } from '@temporalio/workflow';
import { ACTIVE_PAUSES_MEMO, activePausesQuery, endPauseUpdate, recordPauseUpdate, type ActiveClockPause, type ClockPausesInput } from './contract';

/** Changes one run records before it continues as new (keeps each history small). */
export const MAX_CHANGES_PER_RUN = 200;

/** Runs for ever, holding the pauses in force. */
export async function platformClockPauses(input: ClockPausesInput): Promise<void> {
  const pauses = new Map<string, ActiveClockPause>(input.pauses.map((p) => [p.pauseId, p]));
  let changes = 0;
  const publish = () => upsertMemo({ [ACTIVE_PAUSES_MEMO]: [...pauses.values()] });
  publish();

  setHandler(
    recordPauseUpdate,
    (request) => {
      const known = pauses.get(request.pauseId);
      if (known) return known;
      const pause: ActiveClockPause = { ...request, since: new Date().toISOString() };
      pauses.set(pause.pauseId, pause);
      changes += 1;
      publish();
      return pause;
    },
    {
      validator: (request) => {
        if (!request.pauseId || !request.by || !request.reason) throw new Error('pauseId, by and reason are required');
      },
      description: 'Records a platform-wide pause (repeating the same pauseId changes nothing).',
    },
  );
  setHandler(
    endPauseUpdate,
    ({ pauseId }) => {
      if (!pauses.delete(pauseId)) return false;
      changes += 1;
      publish();
      return true;
    },
    { description: 'Ends the pause with this id; answers whether it was in force.' },
  );
  setHandler(activePausesQuery, () => [...pauses.values()], { description: 'The pauses in force.' });

  await condition(() => changes >= MAX_CHANGES_PER_RUN || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  // The memo goes along, so a describe() during the hand-over still shows the pauses in force.
  const next = [...pauses.values()];
  await makeContinueAsNewFunc<typeof platformClockPauses>({ memo: { [ACTIVE_PAUSES_MEMO]: next } })({ pauses: next });
}
