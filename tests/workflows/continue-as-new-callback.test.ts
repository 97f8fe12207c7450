/**
 * Continue-as-new at the follow-up callback (issue 14): a low rating opens a callback due in a day;
 * a busy case continues as new while it waits, the callback still lapses at the ORIGINAL deadline,
 * escalates once, and the escalated second chance (another day) continues as new again and is met
 * by a callback note in the third run. Nothing of the earlier runs is paid, sent or escalated twice.
 */
import { addNoteUpdate, feedbackUpdate } from '../../src/workflows/case/contract';
import { reach, view, useCaseHarness, type CaseHandle } from '../support/case-harness';
import { effects, type FakeWorld } from '../support/fake-activities';
import { refundedCrab } from '../support/refunded-crab';
import { acceptedUpdates, runChain, runFigure } from '../support/run-chain';

const NOTES_PER_WAIT = 700;
const MINUTE = 60_000;

const h = useCaseHarness();

async function addNotes(handle: CaseHandle, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    await handle.executeUpdate(addNoteUpdate, { args: [{ author: 'AG-EAST-P1', text: `note ${i + 1}: called the customer, no answer` }] });
  }
}

function calls(world: FakeWorld, name: string, template?: string): number {
  return world.calls.filter((c) => c.name === name && (!template || (c.input as { template?: string }).template === template)).length;
}

test('a callback wait continues as new, lapses at its original deadline, escalates once, and the escalated wait resumes and is met', async () => {
  const { world, open } = await refundedCrab(h, 'ORD-CRAB-CALLBACK');
  await h.run(world, async () => {
    const handle = await open();
    await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 2, comment: 'crab arrived dead' }] });
    const entered = await reach(handle, 'awaiting_callback');
    const callbackDue = entered.currentWait?.dueAt ?? '';
    const enteredAt = entered.timeline.find((e) => e.event === 'status:awaiting_callback')?.at ?? '';
    expect(Date.parse(callbackDue) - Date.parse(enteredAt)).toBe(1440 * MINUTE);
    // Two hours into the wait first: a run that waited a day afresh would lapse two hours late.
    await h.env.sleep('2 hours');

    await addNotes(handle, 0, NOTES_PER_WAIT);
    expect((await runChain(h.env.client, handle)).length).toBe(2);
    const resumed = await view(handle);
    expect(resumed.status).toBe('awaiting_callback');
    expect(resumed.currentWait?.dueAt).toBe(callbackDue);

    // The lapse comes at the original deadline: not 10 minutes before it, within a minute after it.
    await h.env.sleep(Date.parse(callbackDue) - (await h.now()) - 10 * MINUTE);
    expect((await view(handle)).timeline.some((e) => e.event === 'follow_up_overdue')).toBe(false);
    await h.env.sleep('20 minutes');
    const escalated = await view(handle);
    const overdue = escalated.timeline.find((e) => e.event === 'follow_up_overdue');
    expect(Date.parse(overdue?.at ?? '') - Date.parse(callbackDue)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(overdue?.at ?? '') - Date.parse(callbackDue)).toBeLessThan(MINUTE);
    expect(escalated.escalations.map((e) => e.reason)).toEqual(['follow_up_overdue']);
    expect(escalated.status).toBe('awaiting_callback');
    const escalatedDue = escalated.currentWait?.dueAt ?? '';
    expect(Date.parse(escalatedDue)).toBeGreaterThan(Date.parse(callbackDue));

    // The escalated second chance continues as new too, and resumes the same deadline.
    await addNotes(handle, NOTES_PER_WAIT, NOTES_PER_WAIT);
    const again = await view(handle);
    expect(again.status).toBe('awaiting_callback');
    expect(again.currentWait?.dueAt).toBe(escalatedDue);
    await h.env.sleep('2 hours');
    const done = await handle.executeUpdate(addNoteUpdate, { args: [{ author: 'AG-EAST-P1', text: 'reached the customer, refund confirmed', callbackDone: true }] });
    expect(done.status).toBe('closed');

    const runs = await runChain(h.env.client, handle);
    runs.forEach((r, i) => console.log(`[figure] callback case ${runFigure(r, i, acceptedUpdates(r, addNoteUpdate.name))}`));
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (const r of runs) expect(r.bytes).toBeLessThan(2_000_000);
    const closed = await view(handle);
    expect(closed.notes.length + (closed.earlier?.notes ?? 0)).toBe(2 * NOTES_PER_WAIT + 1);
    expect(closed.escalations).toHaveLength(1);

    // Each step once across the runs: the refund, the survey, the callback request, the escalation.
    expect(effects(world, 'issueRefund')).toHaveLength(1);
    expect(calls(world, 'issueRefund')).toBe(1);
    expect(calls(world, 'notifyCustomer', 'survey')).toBe(1);
    expect(calls(world, 'notifyCustomer', 'case_closed')).toBe(1);
    expect(calls(world, 'notifyStaff', 'follow_up_requested')).toBe(1);
    expect(calls(world, 'findEscalationContact')).toBe(1);
  });
}, 900_000);
