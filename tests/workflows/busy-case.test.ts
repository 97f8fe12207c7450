/**
 * A busy case (issue 14): 1,000 agent notes on a case awaiting its survey. The run continues as new
 * at the survey wait once it passes the limits of src/workflows/case/checkpoint.ts (3,000 events;
 * before the server's own suggestion), so each run's history stays small and far under 2 MB. The
 * chain stays open and answers queries and updates by workflow id; the view keeps the newest notes
 * and counts the rest (view.earlier); the search attributes and the memo come along; the survey timer fires at the
 * real 3-day deadline counted from the ORIGINAL entry into the survey; nothing is paid or sent twice.
 */
import { continueAsNewSuggestedAfter } from '../../scripts/bench/history';
import { addNoteUpdate, feedbackUpdate } from '../../src/workflows/case/contract';
import { CARRY_LIMITS } from '../../src/workflows/case/checkpoint';
import { CASE_STATUS, PRIORITY, REGION, RESOLUTION } from '../../src/workflows/case/search-attributes';
import { reach, view, useCaseHarness, type CaseHandle } from '../support/case-harness';
import { effects } from '../support/fake-activities';
import { refundedCrab } from '../support/refunded-crab';
import { acceptedUpdates, runChain, runFigure } from '../support/run-chain';

const NOTES = 1_000;
const BURST_NOTES = 1_600;
const MAX_BYTES = 2_000_000;
const MINUTE = 60_000;
/** A keyed action's update id (src/cases/action-keys.ts: the path segment and a SHA-256). */
const KEYED_NOTE = `notes:${'5e'.repeat(32)}`;

const h = useCaseHarness();

async function searchAttributes(handle: CaseHandle) {
  const sa = (await handle.describe()).typedSearchAttributes;
  return { status: sa.get(CASE_STATUS), priority: sa.get(PRIORITY), region: sa.get(REGION), resolution: sa.get(RESOLUTION) };
}

test(`a case with ${NOTES} agent notes continues as new at its survey, stays open and answers, and its survey closes at the original deadline`, async () => {
  const { world, open } = await refundedCrab(h, 'ORD-CRAB-BUSY');
  await h.run(world, async () => {
    // The memo the API's start writes (the request that opened the case): it must reach every run.
    const memo = { idempotencyKey: 'key-digest-busy', fingerprint: 'fp-busy' };
    const handle = await open(memo);
    const entered = await view(handle);
    const surveyDue = entered.currentWait?.dueAt ?? '';
    expect(entered.status).toBe('awaiting_survey');
    const attributesBefore = await searchAttributes(handle);
    // A day into the survey first: a new run that waited 3 days afresh would close a day late.
    await h.env.sleep('1 day');

    let last = { caseId: '', status: 'intake', seq: 0 };
    const noteInput = (i: number) => ({ author: 'AG-EAST-P1', text: `note ${i + 1}: customer called about the refund` });
    // The first note is a keyed action (an Idempotency-Key through the API names its update so).
    const first = await handle.executeUpdate(addNoteUpdate, { args: [noteInput(0)], updateId: KEYED_NOTE });
    for (let i = 1; i < NOTES; i++) last = await handle.executeUpdate(addNoteUpdate, { args: [noteInput(i)] });
    expect(last.status).toBe('awaiting_survey');

    const runs = await runChain(h.env.client, handle);
    const notesPerRun = runs.map((r) => acceptedUpdates(r, addNoteUpdate.name));
    runs.forEach((r, i) => console.log(`[figure] busy case ${runFigure(r, i, notesPerRun[i] ?? 0)}`));
    const suggested = continueAsNewSuggestedAfter(runs[0]!.history, addNoteUpdate.name);
    console.log(
      `[figure] continue-as-new: run 1 handed over after note ${notesPerRun[0]} (limit ${CARRY_LIMITS.events} events); ` +
        `${suggested !== undefined ? `the server suggested it after note ${suggested}` : 'the server had not suggested it yet'}`,
    );
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(notesPerRun.reduce((a, b) => a + b, 0)).toBe(NOTES);
    for (const r of runs) expect(r.bytes).toBeLessThan(MAX_BYTES);
    // Before the server's warning: the run that handed over never saw suggestContinueAsNew.
    expect(suggested).toBeUndefined();

    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.runId).toBe(runs[runs.length - 1]!.runId);
    expect(await searchAttributes(handle)).toEqual(attributesBefore);
    expect(description.memo).toEqual(memo);

    // The view: the newest notes, the rest counted; the sequence counts every entry of every run.
    const v = await view(handle);
    expect(v.status).toBe('awaiting_survey');
    expect(v.currentWait?.dueAt).toBe(surveyDue);
    expect(v.earlier?.runs).toBe(runs.length - 1);
    expect(v.notes.length + (v.earlier?.notes ?? 0)).toBe(NOTES);
    expect(v.notes[v.notes.length - 1]?.text).toMatch(/^note 1000:/);
    expect(last.seq).toBe((v.earlier?.timelineEntries ?? 0) + v.timeline.length);
    expect(v.timeline.some((e) => e.event === 'continued_as_new')).toBe(true);

    // The keyed note retried in the new run (which knows none of run 1's update ids): answered as
    // the first time, not taken again.
    expect(await handle.executeUpdate(addNoteUpdate, { args: [noteInput(0)], updateId: KEYED_NOTE })).toEqual(first);
    const retried = await view(handle);
    expect(retried.notes.length + (retried.earlier?.notes ?? 0)).toBe(NOTES);
    expect(retried.timeline.length + (retried.earlier?.timelineEntries ?? 0)).toBe(v.timeline.length + (v.earlier?.timelineEntries ?? 0));

    // The survey timer of the resumed run counts to the original deadline: still open 10 minutes before it…
    await h.env.sleep(Date.parse(surveyDue) - (await h.now()) - 10 * MINUTE);
    expect((await view(handle)).status).toBe('awaiting_survey');
    // …and closed right at it.
    await h.env.sleep('20 minutes');
    const closed = await reach(handle, 'closed');
    const lateBy = Date.parse(closed.closedAt ?? '') - Date.parse(surveyDue);
    expect(lateBy).toBeGreaterThanOrEqual(0);
    expect(lateBy).toBeLessThan(MINUTE);
    expect(closed.timeline.some((e) => e.event === 'survey_expired')).toBe(true);
    // The handle from the start follows the chain to its end.
    expect((await handle.result()).status).toBe('closed');
    await expect(handle.executeUpdate(feedbackUpdate, { args: [{ rating: 5 }] })).rejects.toThrow();

    // Nothing paid or sent twice across the runs.
    expect(world.calls.filter((c) => c.name === 'issueRefund')).toHaveLength(1);
    expect(effects(world, 'issueRefund')).toHaveLength(1);
    const templates = world.calls.filter((c) => c.name === 'notifyCustomer').map((c) => (c.input as { template: string }).template);
    expect(templates.sort()).toEqual(['case_closed', 'case_opened', 'refund_accepted', 'refund_paid', 'survey']);
  });
}, 900_000);

test(`${BURST_NOTES} notes sent ten at a time across the hand-over: every one answered, taken once, and in the view or its earlier count`, async () => {
  const { world, open } = await refundedCrab(h, 'ORD-CRAB-BURST');
  await h.run(world, async () => {
    const handle = await open();
    const BURST = 10;
    // In bursts the server batches updates into fewer workflow tasks (≈ 2.7 events per note), so more notes reach the limit.
    for (let i = 0; i < BURST_NOTES; i += BURST) {
      const burst = Array.from({ length: BURST }, (_, j) =>
        handle.executeUpdate(addNoteUpdate, { args: [{ author: 'AG-EAST-P1', text: `burst note ${i + j + 1}` }] }),
      );
      const answers = await Promise.all(burst);
      for (const a of answers) expect(a.status).toBe('awaiting_survey');
    }
    const runs = await runChain(h.env.client, handle);
    const accepted = runs.map((r) => acceptedUpdates(r, addNoteUpdate.name));
    runs.forEach((r, i) => console.log(`[figure] burst case ${runFigure(r, i, accepted[i] ?? 0)}`));
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(accepted.reduce((a, b) => a + b, 0)).toBe(BURST_NOTES);
    const v = await view(handle);
    expect(v.notes.length + (v.earlier?.notes ?? 0)).toBe(BURST_NOTES);
    expect(new Set(v.notes.map((n) => n.text)).size).toBe(v.notes.length);
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });
}, 900_000);
