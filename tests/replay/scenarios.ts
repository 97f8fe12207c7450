/**
 * Case scenarios that together walk every path of the case workflow. `npm run record-histories`
 * runs each on the time-skipping server and stores its history in tests/histories; the
 * replay test then replays them against today's code.
 */
import type { OrderSnapshot } from '../../src/domain/types';
import {
  acknowledgeUpdate,
  addEvidenceUpdate,
  addNoteUpdate,
  arbitrationRulingUpdate,
  carrierEventSignal,
  disputeUpdate,
  feedbackUpdate,
  reviewUpdate,
  withdrawUpdate,
  type OpenCaseInput,
} from '../../src/workflows/case/contract';
import type { CaseHandle, CaseHarness } from '../support/case-harness';
import { reach, view } from '../support/case-harness';

export { reach };
import { newWorld, type FakeWorld } from '../support/fake-activities';
import { order } from '../support/orders';

export interface Scenario {
  name: string;
  /** What the scenario proves, for the reader of the histories folder. */
  path: string;
  world(now: number): FakeWorld;
  open: Omit<Partial<OpenCaseInput>, 'caseId'> & Pick<OpenCaseInput, 'orderId' | 'caseType' | 'items'>;
  drive(h: CaseHarness, handle: CaseHandle): Promise<void>;
  /** Final status and resolution the run must reach. */
  expect: { resolution: string };
}

async function parcel(handle: CaseHandle, kind: 'reshipment' | 'return_pickup'): Promise<string> {
  const s = (await view(handle)).shipments.find((p) => p.kind === kind);
  if (!s) throw new Error(`no ${kind} parcel`);
  return s.trackingNumber;
}

async function carrier(handle: CaseHandle, kind: 'reshipment' | 'return_pickup', event: 'picked_up' | 'delivered' | 'lost') {
  await handle.signal(carrierEventSignal, { trackingNumber: await parcel(handle, kind), event, occurredAt: new Date().toISOString() });
}

const ack = (handle: CaseHandle) => handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-EAST-01' }] });
const rate = (handle: CaseHandle, rating: number) => handle.executeUpdate(feedbackUpdate, { args: [{ rating }] });
const photo = (score: string) => [{ url: `https://img.example/claim.jpg?score=${score}`, kind: 'item' as const }];

const seafood = (now: number): OrderSnapshot =>
  order(now, { orderId: 'ORD-SEAFOOD-SH', items: [{ sku: 'SKU-CRAB', title: 'Hairy crab', category: 'fresh', unitPrice: 12_800, quantity: 1 }], deliveredAt: new Date(now - 2 * 3_600_000).toISOString() });
const lipstick = (now: number): OrderSnapshot =>
  order(now, { orderId: 'ORD-LIPSTICK-XJ', memberTier: 'platinum', destinationDivisionCode: '650102', items: [{ sku: 'SKU-LIPSTICK', title: 'Lipstick', category: 'beauty', unitPrice: 32_000, quantity: 1 }] });
const jacket = (now: number, tier: OrderSnapshot['memberTier'] = 'silver'): OrderSnapshot =>
  order(now, { orderId: 'ORD-JACKET-BJ', memberTier: tier, destinationDivisionCode: '110101', items: [{ sku: 'SKU-JACKET', title: 'Jacket', category: 'apparel', unitPrice: 45_900, quantity: 1 }] });

export const SCENARIOS: Scenario[] = [
  {
    name: 'spoiled-refund-at-once',
    path: 'P1 perishable, photos approve, refund, survey answered well',
    world: (now) => newWorld([seafood(now)]),
    open: { orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo('0.9') },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'damaged-reship-ems-gift',
    path: 'platinum member in Xinjiang: reship by EMS with a gift, delivered, survey expires',
    world: (now) => newWorld([lipstick(now)]),
    open: { orderId: 'ORD-LIPSTICK-XJ', caseType: 'damaged', items: [{ sku: 'SKU-LIPSTICK', quantity: 1 }], evidence: photo('0.9') },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_delivery');
      await carrier(handle, 'reshipment', 'delivered');
      await reach(handle, 'awaiting_survey');
      await h.env.sleep('4 days');
    },
    expect: { resolution: 'reship' },
  },
  {
    name: 'perishable-no-cold-chain-refund',
    path: 'fresh food to Xinjiang: no cold chain, refund instead of reship',
    world: (now) => newWorld([order(now, { orderId: 'ORD-FRESH-XJ', memberTier: 'gold', destinationDivisionCode: '650102', items: [{ sku: 'SKU-CHERRY', title: 'Cherries', category: 'fresh', unitPrice: 9_900, quantity: 1 }] })]),
    open: { orderId: 'ORD-FRESH-XJ', caseType: 'damaged', items: [{ sku: 'SKU-CHERRY', quantity: 1 }] },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_survey');
      await rate(handle, 4);
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'return-no-reason-low-rating-callback',
    path: '7-day return: pickup, receipt, quarantine, refund; low rating, callback done',
    world: (now) => newWorld([jacket(now)]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'return_no_reason', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_return_shipment');
      await carrier(handle, 'return_pickup', 'picked_up');
      await reach(handle, 'awaiting_return_receipt');
      await carrier(handle, 'return_pickup', 'delivered');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 1);
      await reach(handle, 'awaiting_callback');
      await handle.executeUpdate(addNoteUpdate, { args: [{ author: 'AG-NORTH-01', text: 'called back, resolved', callbackDone: true }] });
    },
    expect: { resolution: 'return_and_refund' },
  },
  {
    name: 'return-not-handed-over',
    path: '7-day return whose parcel the customer never hands over: closed after 7 days',
    world: (now) => newWorld([jacket(now)]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'return_no_reason', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_return_shipment');
      await h.env.sleep('8 days');
    },
    expect: { resolution: 'rejected' },
  },
  {
    name: 'ladder-all-rungs-evidence-lapses',
    path: 'no response: breach, team lead, service manager, director; no photos in 48 h: closed',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'wrong_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h) {
      await h.env.sleep('3 days');
    },
    expect: { resolution: 'rejected' },
  },
  {
    name: 'review-partial-refund',
    path: 'uncertain photos go to human review; reviewer grants a partial refund; survey expires',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'quality_issue', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: photo('0.5') },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_review');
      await handle.executeUpdate(reviewUpdate, { args: [{ agentId: 'AG-NORTH-01', decision: 'approve', partialRefundAmount: 10_000 }] });
      await reach(handle, 'awaiting_survey');
      await h.env.sleep('4 days');
    },
    expect: { resolution: 'partial_refund' },
  },
  {
    name: 'review-timeout-deemed-approved',
    path: 'nobody reviews within 4 hours: deemed approved, refund with return',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'quality_issue', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: photo('0.5') },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_review');
      await h.env.sleep('5 hours');
      await reach(handle, 'awaiting_return_shipment');
      await carrier(handle, 'return_pickup', 'delivered');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 3);
    },
    expect: { resolution: 'return_and_refund' },
  },
  {
    name: 'rejected-arbitration-customer-wins',
    path: 'photos reject; customer disputes; platform rules for the customer; reship delivered',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'damaged', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: photo('0.1') },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'rejected_open_to_dispute');
      await handle.executeUpdate(disputeUpdate, { args: [{ by: 'customer', reason: 'the box was crushed' }] });
      await handle.executeUpdate(arbitrationRulingUpdate, { args: [{ ruling: 'customer', reference: 'ARB-1' }] });
      await reach(handle, 'awaiting_delivery');
      await carrier(handle, 'reshipment', 'delivered');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 4);
    },
    expect: { resolution: 'reship' },
  },
  {
    name: 'rejected-no-dispute',
    path: 'photos reject; nobody disputes within 7 days: closed rejected',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'damaged', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: photo('0.1') },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'rejected_open_to_dispute');
      await h.env.sleep('8 days');
    },
    expect: { resolution: 'rejected' },
  },
  {
    name: 'withdrawn-while-awaiting-evidence',
    path: 'customer withdraws before anything moved',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'wrong_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await reach(handle, 'awaiting_evidence');
      await handle.executeUpdate(addEvidenceUpdate, { args: [{ photos: [] }] }).catch(() => undefined);
      await handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'found the right item' }] });
    },
    expect: { resolution: 'withdrawn' },
  },
  {
    name: 'lost-parcel-refund',
    path: 'reshipment reported lost by the carrier: refund instead',
    world: (now) => newWorld([jacket(now, 'gold')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_delivery');
      await carrier(handle, 'reshipment', 'lost');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 4);
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'parcel-overdue-refund',
    path: 'reshipment with no delivery event before the region deadline: refund',
    world: (now) => newWorld([jacket(now, 'gold')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_delivery');
      await h.env.sleep('5 days');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'out-of-stock-refund',
    path: 'no stock to reship: refund',
    world: (now) => newWorld([jacket(now, 'gold')], { outOfStock: true }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'refund-payment-failing-then-paid',
    path: 'payments fail: refund shown failing, escalated, retried with the same key, paid once',
    world: (now) => newWorld([seafood(now)], { refundFailures: 7 }),
    open: { orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo('0.9') },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'refund_pending');
      await h.env.sleep('2 hours');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 2);
      await reach(handle, 'awaiting_callback');
      await h.env.sleep('3 days');
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'unknown-order-rejected',
    path: 'the order system does not know the order: closed as rejected at intake (patch reject-unknown-order)',
    world: () => newWorld([]),
    open: { orderId: 'ORD-NOT-IN-OMS', caseType: 'missing_item', items: [{ sku: 'SKU-MUG', quantity: 1 }] },
    async drive(_h, handle) {
      await reach(handle, 'closed');
    },
    expect: { resolution: 'rejected' },
  },
];
