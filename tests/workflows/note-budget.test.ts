/**
 * A run answers at most 2,000 updates (the server's limit), and a case held where it cannot continue
 * as new (here needs_attention on a refused refund, which has no timer) would be stuck for good once
 * notes used them all (trial C: 2,000 notes, then retry-step and settle-step failed). Past
 * NOTE_BUDGET updates a run refuses notes, and the actions that move the case still go through.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { NOTE_BUDGET } from '../../src/workflows/case/checkpoint';
import { addNoteUpdate, settleStepUpdate } from '../../src/workflows/case/contract';
import { newWorld, reach, useCaseHarness } from '../support/case-harness';
import { seafood } from './integrity-support';

const h = useCaseHarness();

test(`a case held on a refused refund takes ${NOTE_BUDGET} notes, refuses the next, and ops can still settle it`, async () => {
  const world = newWorld([seafood(await h.now())]);
  world.refusals.issueRefund = { type: 'PaymentsRejected', message: 'payments refused: amount_exceeds_refundable' };
  await h.run(world, async () => {
    const handle = await h.open({ orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: [{ url: 'https://img.example/c.jpg?score=0.95', kind: 'item' }] });
    await reach(handle, 'needs_attention');
    const note = (i: number) => handle.executeUpdate(addNoteUpdate, { args: [{ author: 'AG-EAST-01', text: `note ${i}` }] });
    let sent = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (sent < NOTE_BUDGET) await note(++sent);
      }),
    );
    const refused = await note(NOTE_BUDGET + 1).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((refused as WorkflowUpdateFailedError).cause?.message)).toMatch(/has answered 1800 actions; it takes no more notes in this run/);
    await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference: 'bank transfer BT-90' }] });
    const v = await reach(handle, 'awaiting_survey');
    expect(v.refund).toMatchObject({ status: 'paid', refundId: 'manual:bank transfer BT-90' });
    expect(v.notes.length + (v.earlier?.notes ?? 0)).toBe(NOTE_BUDGET);
  });
}, 300_000);
