/**
 * A busy case (issue 14): 1,000 agent notes on a case awaiting its survey. Each update answers a
 * small CaseActionResult, so the history grows linearly: under 2 MB after 1,000 notes, the case
 * still open, answering queries and updates, and its survey timer still fires at its real 3 days.
 *
 * Also prints where Temporal would suggest continue-as-new for such a case: the server's own flag
 * (WorkflowTaskStarted.suggestContinueAsNew) when it sets one, else the note at which the history
 * crosses the server's default thresholds (4,096 events or 4 MiB), from the measured growth per note.
 */
import { continueAsNewSuggestedAfter, historyBytes } from '../../scripts/bench/history';
import { addNoteUpdate, feedbackUpdate } from '../../src/workflows/case/contract';
import { reach, view, useCaseHarness } from '../support/case-harness';
import { refundedCrab } from '../support/refunded-crab';

const NOTES = 1_000;
const MAX_BYTES = 2_000_000;
/** Temporal server defaults: limit.historyCount.suggestContinueAsNew, limit.historySize.suggestContinueAsNew. */
const SUGGEST_EVENTS = 4_096;
const SUGGEST_BYTES = 4 * 1024 * 1024;

const h = useCaseHarness();

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(2);
}

test(`a case with ${NOTES} agent notes keeps its history under 2 MB, stays open, answers, and its survey timer fires`, async () => {
  const { world, open } = await refundedCrab(h, 'ORD-CRAB-BUSY');
  await h.run(world, async () => {
    const handle = await open();
    const before = (await handle.fetchHistory()).events ?? [];

    let last = { caseId: '', status: 'intake', seq: 0 };
    for (let i = 0; i < NOTES; i++) {
      last = await handle.executeUpdate(addNoteUpdate, { args: [{ author: 'AG-EAST-P1', text: `note ${i + 1}: customer called about the refund` }] });
    }
    expect(last.status).toBe('awaiting_survey');

    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    const bytes = historyBytes(history);
    const perNote = { events: (events.length - before.length) / NOTES, bytes: (bytes - historyBytes({ events: before })) / NOTES };
    const fromFlag = continueAsNewSuggestedAfter(history, addNoteUpdate.name);
    const byCount = Math.ceil((SUGGEST_EVENTS - before.length) / perNote.events);
    const bySize = Math.ceil((SUGGEST_BYTES - historyBytes({ events: before })) / perNote.bytes);
    console.log(
      `[figure] busy case: ${NOTES} notes → ${events.length} events, ${bytes} bytes (${mib(bytes)} MiB); ` +
        `${perNote.events.toFixed(2)} events and ${Math.round(perNote.bytes)} bytes per note`,
    );
    console.log(
      `[figure] continue-as-new: ${fromFlag !== undefined ? `the server suggested it after note ${fromFlag}` : 'this test server never set suggestContinueAsNew'}; ` +
        `at the server defaults it comes at note ≈ ${Math.min(byCount, bySize)} (${SUGGEST_EVENTS} events at note ≈ ${byCount}, 4 MiB at note ≈ ${bySize})`,
    );
    expect(bytes).toBeLessThan(MAX_BYTES);

    expect((await handle.describe()).status.name).toBe('RUNNING');
    const v = await view(handle);
    expect(v.notes).toHaveLength(NOTES);
    expect(last.seq).toBe(v.timeline.length);

    // The survey wait's timer is intact: 3 days on (its real duration) the case closes without an answer.
    await h.env.sleep('3 days');
    const closed = await reach(handle, 'closed');
    expect(closed.notes).toHaveLength(NOTES);
    await expect(handle.executeUpdate(feedbackUpdate, { args: [{ rating: 5 }] })).rejects.toThrow();
  });
}, 900_000);
