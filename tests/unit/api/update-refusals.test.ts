/**
 * An update the case refuses is a 409 whose kind says why: `case_closed` when the case is closed
 * (its run may still be finishing work aside), `case_conflict` when its state refuses the action now.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { classify } from '../../../src/api/errors';
import { closedRefusal, stateRefusal } from '../../../src/workflows/case/refusals';

const refused = (cause: Error) => new WorkflowUpdateFailedError('Workflow Update failed', cause);

test('a refusal of type CaseClosed is case_closed, with the case\'s own reason', () => {
  const err = classify(refused(closedRefusal('the case is closed')));
  expect([err.kind, err.detail]).toEqual(['case_closed', 'the case is closed']);
});

test('a refusal of type CaseStateConflict is case_conflict, as before', () => {
  const err = classify(refused(stateRefusal('cannot review while the case is awaiting_evidence')));
  expect([err.kind, err.detail]).toEqual(['case_conflict', 'cannot review while the case is awaiting_evidence']);
});
