/**
 * Scenarios of cases that continue as new (issue 14, patch continue-as-new-2026-12): each drives a
 * busy case past the run limit of src/workflows/case/checkpoint.ts (3,000 events) at a closing
 * wait. The recorder stores every run of the chain (`…-run1`, `…-run2`, …): the run that hands over
 * and the resumed run each replay on their own.
 */
import {
  acknowledgeUpdate,
  addNoteUpdate,
  arbitrationRulingUpdate,
  carrierEventSignal,
  disputeUpdate,
  feedbackUpdate,
  type NoteInput,
} from '../../src/workflows/case/contract';
import { view } from '../support/case-harness';
import { reach, type CaseHandle } from '../support/case-harness';
import { newWorld } from '../support/fake-activities';
import { order } from '../support/orders';
import type { Scenario } from './scenarios';

/** Notes enough for one hand-over (≈ 5 events each, the limit is 3,000), and not two. */
const NOTES = 650;
/** A keyed action's update id (src/cases/action-keys.ts: the path segment and a SHA-256). */
export const KEYED_NOTE_ID = `notes:${'6a'.repeat(32)}`;

const crab = (now: number) =>
  order(now, {
    orderId: 'ORD-SEAFOOD-SH',
    items: [{ sku: 'SKU-CRAB', title: 'Hairy crab', category: 'fresh', unitPrice: 12_800, quantity: 1 }],
    deliveredAt: new Date(now - 2 * 3_600_000).toISOString(),
  });
const claim: Scenario['open'] = {
  orderId: 'ORD-SEAFOOD-SH',
  caseType: 'spoiled',
  items: [{ sku: 'SKU-CRAB', quantity: 1 }],
  evidence: [{ url: 'https://img.example/claim.jpg?score=0.9', kind: 'item' }],
};

async function notes(handle: CaseHandle, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await handle.executeUpdate(addNoteUpdate, { args: [{ author: 'AG-EAST-01', text: `note ${i + 1}` }] });
}

async function refundedAndAwaitingSurvey(handle: CaseHandle): Promise<void> {
  await handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-EAST-01' }] });
  await reach(handle, 'awaiting_survey');
}

const jacket = (now: number) =>
  order(now, { orderId: 'ORD-JACKET-BJ', destinationDivisionCode: '110101', items: [{ sku: 'SKU-JACKET', title: 'Jacket', category: 'apparel', unitPrice: 45_900, quantity: 1 }] });
const rejectedClaim: Scenario['open'] = {
  orderId: 'ORD-JACKET-BJ',
  caseType: 'damaged',
  items: [{ sku: 'SKU-JACKET', quantity: 1 }],
  evidence: [{ url: 'https://img.example/claim.jpg?score=0.1', kind: 'item' }],
};

export const CONTINUE_AS_NEW_SCENARIOS: Scenario[] = [
  {
    name: 'survey-continued-as-new',
    path: 'busy case continues as new at the survey; the resumed run takes a low rating and the callback',
    world: (now) => newWorld([crab(now)]),
    open: claim,
    async drive(_h, handle) {
      await refundedAndAwaitingSurvey(handle);
      await notes(handle, NOTES);
      await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 2 }] });
      await reach(handle, 'awaiting_callback');
      await handle.executeUpdate(addNoteUpdate, { args: [{ author: 'AG-EAST-01', text: 'called back', callbackDone: true }] });
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'keyed-note-continued-as-new',
    path: 'busy case with a keyed note continues as new at the survey and carries its answer; the note retried in the resumed run is answered, not taken again',
    world: (now) => newWorld([crab(now)]),
    open: claim,
    async drive(_h, handle) {
      await refundedAndAwaitingSurvey(handle);
      const keyed = { args: [{ author: 'AG-EAST-01', text: 'keyed note' }] as [NoteInput], updateId: KEYED_NOTE_ID };
      await handle.executeUpdate(addNoteUpdate, keyed);
      await notes(handle, NOTES);
      await handle.executeUpdate(addNoteUpdate, keyed);
      await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 5 }] });
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'callback-continued-as-new',
    path: 'busy case continues as new at the callback, which lapses and escalates; again at the escalated callback, which lapses',
    world: (now) => newWorld([crab(now)]),
    open: claim,
    async drive(h, handle) {
      await refundedAndAwaitingSurvey(handle);
      await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 1 }] });
      await reach(handle, 'awaiting_callback');
      await notes(handle, NOTES);
      await h.env.sleep('1 day');
      await notes(handle, NOTES);
      await h.env.sleep('1 day');
      await reach(handle, 'closed');
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'dispute-continued-as-new',
    path: 'rejected claim, busy in its dispute window: continues as new there (resolution clock parked), again in arbitration; the customer wins, reshipped',
    world: (now) => newWorld([jacket(now)]),
    open: rejectedClaim,
    async drive(_h, handle) {
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-NORTH-01' }] });
      await reach(handle, 'rejected_open_to_dispute');
      await notes(handle, NOTES);
      await handle.executeUpdate(disputeUpdate, { args: [{ by: 'customer', reason: 'the box was crushed' }] });
      await reach(handle, 'in_arbitration');
      await notes(handle, NOTES);
      await handle.executeUpdate(arbitrationRulingUpdate, { args: [{ ruling: 'customer', reference: 'ARB-1' }] });
      await reach(handle, 'awaiting_delivery');
      const parcel = (await view(handle)).shipments.find((p) => p.kind === 'reshipment');
      await handle.signal(carrierEventSignal, { trackingNumber: parcel?.trackingNumber ?? '', event: 'delivered', occurredAt: new Date().toISOString() });
      await reach(handle, 'awaiting_survey');
      await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 4 }] });
    },
    expect: { resolution: 'reship' },
  },
];
