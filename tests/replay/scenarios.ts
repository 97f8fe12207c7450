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
  escalateUpdate,
  feedbackUpdate,
  pauseClocksSignal,
  reassignUpdate,
  reprioritizeUpdate,
  resumeClocksSignal,
  retryStepUpdate,
  settleStepUpdate,
  reviewUpdate,
  withdrawUpdate,
  type OpenCaseInput,
} from '../../src/workflows/case/contract';
import type { CaseHandle, CaseHarness } from '../support/case-harness';
import { reach, view } from '../support/case-harness';

export { reach };
import { newWorld, type FakeWorld } from '../support/fake-activities';
import { order } from '../support/orders';
import { CONTINUE_AS_NEW_SCENARIOS } from './continue-as-new-scenarios';

export interface Scenario {
  name: string;
  /** What the scenario proves, for the reader of the histories folder. */
  path: string;
  world(now: number): FakeWorld;
  open: Omit<Partial<OpenCaseInput>, 'caseId'> & Pick<OpenCaseInput, 'orderId' | 'caseType' | 'items'>;
  /** Takes the case along its path; `world` is the fake systems' state, for a change mid-run (an outage that starts later). */
  drive(h: CaseHarness, handle: CaseHandle, world: FakeWorld): Promise<void>;
  /** Final status and resolution the run must reach. */
  expect: { resolution: string };
  /** Runs on its own test server whose clock starts at this ISO instant (working-calendar dates). */
  startAt?: string;
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
const jacket = (now: number, tier: OrderSnapshot['memberTier'] = 'silver', overrides: Partial<OrderSnapshot> = {}): OrderSnapshot =>
  order(now, { orderId: 'ORD-JACKET-BJ', memberTier: tier, destinationDivisionCode: '110101', items: [{ sku: 'SKU-JACKET', title: 'Jacket', category: 'apparel', unitPrice: 45_900, quantity: 1 }], ...overrides });

/** What the platform-pause-at-opening scenarios share: a Monday on 2026-12-v1, the out-of-stock jacket claim, refunded. */
const PAUSE_AT_OPENING_CASE = {
  startAt: '2026-10-19T02:00:00Z',
  world: (now: number) => newWorld([jacket(now, 'silver')], { outOfStock: true }),
  expect: { resolution: 'refund' },
} as const;
const JACKET_CLAIM = { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }], policyVersion: '2026-12-v1' } as const;

/**
 * Overlapping pauses: a nationwide one, then a filtered North one (each after its wait in `before`,
 * none: both at once, in intake); the nationwide one ends an hour later, the North one half an hour
 * after it; then acknowledged, refunded, rated.
 */
async function overlappingPauses(h: CaseHarness, handle: CaseHandle, before: Array<Parameters<CaseHarness['env']['sleep']>[0]>): Promise<void> {
  const nationwide = { pauseId: 'PAUSE-FESTIVAL', by: 'OPS-1', reason: 'logistics stop' };
  const north = { pauseId: 'PAUSE-NORTH', by: 'OPS-2', reason: 'snowstorm', filter: { region: 'North' as const } };
  for (const [i, pause] of [nationwide, north].entries()) {
    if (before[i]) await h.env.sleep(before[i]);
    await handle.signal(pauseClocksSignal, pause);
  }
  await h.env.sleep('1 hour');
  await handle.signal(resumeClocksSignal, nationwide);
  await h.env.sleep('30 minutes');
  await handle.signal(resumeClocksSignal, north);
  await acknowledgedAndRated(h, handle);
}

/** Their end: half an hour after the resume, acknowledged, refunded, rated. */
/** A refund paid with every answer lost and its look-up down: held, then settled by OPS-1 and taken unverified. */
async function refundSettledUnverified(h: CaseHarness, handle: CaseHandle, reference: string): Promise<void> {
  await ack(handle);
  await h.env.sleep('5 minutes'); // the refund's five tries and the look-up's two minutes run out
  await reach(handle, 'needs_attention');
  const settled = handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference }] });
  await h.env.sleep('3 minutes'); // the settlement's look-up fails: taken unverified
  await settled;
  await reach(handle, 'awaiting_survey');
}

/** Another case of the order is paid for the line as this one's refund goes out: the OMS shows it remedied, payments refuse. */
function remediedAtRefund(world: FakeWorld, orderId = 'ORD-SEAFOOD-SH'): FakeWorld {
  world.onCall = (name) => {
    if (name !== 'issueRefund') return;
    const o = world.orders[orderId];
    if (o) world.orders[o.orderId] = { ...o, items: o.items.map((i) => ({ ...i, remedied: { quantity: i.quantity, amount: i.unitPrice * i.quantity } })) };
    world.refusals.issueRefund = { type: 'PaymentsRejected', message: 'Refund exceeds the 0 fen still refundable' };
  };
  return world;
}

async function acknowledgedAndRated(h: CaseHarness, handle: CaseHandle): Promise<void> {
  await h.env.sleep('30 minutes');
  await ack(handle);
  await reach(handle, 'awaiting_survey');
  await rate(handle, 4);
}

/** Paths added by the working-calendar patch (issue 9): policy 2026-12-v1, on 2026 dates of the holiday snapshot. */
const CALENDAR_SCENARIOS: Scenario[] = [
  {
    name: 'calendar-across-national-day',
    path: 'opened Wed 30 Sep 2026 20:50 on the weekday north desk: response breached and the review deemed approved on Thu 8 Oct, the first working day after National Day',
    startAt: '2026-09-30T12:50:00Z',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'quality_issue', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: photo('0.5'), policyVersion: '2026-12-v1' },
    async drive(h, handle) {
      await reach(handle, 'awaiting_review');
      await h.env.sleep('8 days');
      await reach(handle, 'awaiting_return_shipment');
      await carrier(handle, 'return_pickup', 'delivered');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 3);
    },
    expect: { resolution: 'return_and_refund' },
  },
  {
    name: 'calendar-reprioritized-p2-to-p1',
    path: 'a P2 case raised to P1 ten minutes in (deadlines recomputed from opening), then acknowledged; out of stock: refund',
    startAt: '2026-10-15T02:00:00Z',
    world: (now) => newWorld([jacket(now, 'silver')], { outOfStock: true }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }], policyVersion: '2026-12-v1' },
    async drive(h, handle) {
      await h.env.sleep('10 minutes');
      await handle.executeUpdate(reprioritizeUpdate, { args: [{ by: 'AG-LEAD-01', priority: 'P1', reason: 'repeat complaint' }] });
      await h.env.sleep('10 minutes');
      await ack(handle);
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'calendar-reassigned-to-another-desk',
    path: 'opened Fri 16 Oct 20:50 on the weekday north desk, moved to the east desk (open on Saturdays): breached Sat 09:20, acknowledged; out of stock: refund',
    startAt: '2026-10-16T12:50:00Z',
    world: (now) => newWorld([jacket(now, 'silver')], { outOfStock: true }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }], policyVersion: '2026-12-v1' },
    async drive(h, handle) {
      await h.env.sleep('5 minutes');
      await handle.executeUpdate(reassignUpdate, { args: [{ by: 'AG-LEAD-01', agentId: 'AG-EAST-02', desk: 'east-desk', reason: 'weekend cover' }] });
      await h.env.sleep('13 hours');
      await ack(handle);
      await reach(handle, 'awaiting_survey');
      await rate(handle, 4);
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'calendar-paused-and-resumed',
    path: 'a platform-wide pause of the merchant clocks for an hour (repeated), then resumed: the response deadline moved an hour, breached; out of stock: refund',
    startAt: '2026-10-19T02:00:00Z',
    world: (now) => newWorld([jacket(now, 'silver')], { outOfStock: true }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }], policyVersion: '2026-12-v1' },
    async drive(h, handle) {
      const pause = { pauseId: 'PAUSE-1', by: 'OPS-1', reason: 'logistics stop' };
      await h.env.sleep('10 minutes');
      await handle.signal(pauseClocksSignal, pause);
      await handle.signal(pauseClocksSignal, pause);
      await h.env.sleep('1 hour');
      await handle.signal(resumeClocksSignal, pause);
      await h.env.sleep('30 minutes');
      await ack(handle);
      await reach(handle, 'awaiting_survey');
      await rate(handle, 4);
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'calendar-opened-during-pause',
    path: 'opened while a North platform pause was in force (PAUSE_AT_OPENING: the pauses on the start input): clocks start paused, resumed an hour later, the response deadline moved an hour; out of stock: refund',
    ...PAUSE_AT_OPENING_CASE,
    open: {
      ...JACKET_CLAIM,
      items: [...JACKET_CLAIM.items],
      clockPauses: [
        { pauseId: 'PAUSE-SOUTH', by: 'OPS-1', reason: 'typhoon', region: 'South', since: '2026-10-19T01:00:00.000Z' },
        { pauseId: 'PAUSE-NORTH', by: 'OPS-1', reason: 'snowstorm', region: 'North', since: '2026-10-19T01:30:00.000Z' },
      ],
    },
    async drive(h, handle) {
      await h.env.sleep('1 hour');
      await handle.signal(resumeClocksSignal, { pauseId: 'PAUSE-NORTH', by: 'OPS-1', reason: 'roads open' });
      await acknowledgedAndRated(h, handle);
    },
  },
  {
    name: 'calendar-filtered-pause-signalled',
    path: 'a North pause signalled with its filter (as the registry-era sweep sends it) right after opening, judged by the case on its own region; an East one ignored; resumed an hour later; out of stock: refund',
    ...PAUSE_AT_OPENING_CASE,
    open: { ...JACKET_CLAIM, items: [...JACKET_CLAIM.items] },
    async drive(h, handle) {
      const north = { pauseId: 'PAUSE-NORTH', by: 'OPS-1', reason: 'snowstorm', filter: { region: 'North' as const } };
      await handle.signal(pauseClocksSignal, north);
      await h.env.sleep('10 minutes');
      await handle.signal(pauseClocksSignal, { pauseId: 'PAUSE-EAST', by: 'OPS-1', reason: 'flood', filter: { region: 'East' as const } });
      await h.env.sleep('1 hour');
      await handle.signal(resumeClocksSignal, north);
      await acknowledgedAndRated(h, handle);
    },
  },
  {
    name: 'calendar-second-pause-in-intake',
    path: 'a nationwide pause and then a North one (filtered) both signalled during intake: v1 (recorded before OVERLAPPING_PAUSES) dropped the second; since, it is held and the clocks run again once both have ended; out of stock: refund',
    ...PAUSE_AT_OPENING_CASE,
    open: { ...JACKET_CLAIM, items: [...JACKET_CLAIM.items] },
    drive: (h, handle) => overlappingPauses(h, handle, []),
  },
  {
    name: 'calendar-overlapping-pauses',
    path: 'a nationwide pause, then a North one over it (OVERLAPPING_PAUSES: held too); the nationwide one ends first and the clocks stay paused until the North one ends; out of stock: refund',
    ...PAUSE_AT_OPENING_CASE,
    open: { ...JACKET_CLAIM, items: [...JACKET_CLAIM.items] },
    drive: (h, handle) => overlappingPauses(h, handle, ['10 minutes', '10 minutes']),
  },
  {
    name: 'calendar-opened-during-two-pauses',
    path: 'opened while a nationwide and a North pause were both in force (OVERLAPPING_PAUSES: the earlier holds the clocks, the other is held too); the clocks run again once both have ended; out of stock: refund',
    ...PAUSE_AT_OPENING_CASE,
    open: {
      ...JACKET_CLAIM,
      items: [...JACKET_CLAIM.items],
      clockPauses: [
        { pauseId: 'PAUSE-FESTIVAL', by: 'OPS-1', reason: 'logistics stop', since: '2026-10-19T01:00:00.000Z' },
        { pauseId: 'PAUSE-NORTH', by: 'OPS-2', reason: 'snowstorm', region: 'North', since: '2026-10-19T01:30:00.000Z' },
      ],
    },
    async drive(h, handle) {
      await h.env.sleep('1 hour');
      await handle.signal(resumeClocksSignal, { pauseId: 'PAUSE-FESTIVAL', by: 'OPS-1', reason: 'over' });
      await h.env.sleep('30 minutes');
      await handle.signal(resumeClocksSignal, { pauseId: 'PAUSE-NORTH', by: 'OPS-2', reason: 'roads open' });
      await acknowledgedAndRated(h, handle);
    },
  },
];

/** Paths added by the case-integrity patch (issue 8); recorded with it, so their histories carry its marker. */
const INTEGRITY_SCENARIOS: Scenario[] = [
  {
    name: 'quarantine-outage-needs-attention-retried',
    path: 'warehouse down at quarantine after the goods arrived: needs_attention, ops retry with the same key, refund paid',
    world: (now) => newWorld([jacket(now)], { outages: { quarantineReturn: 5 } }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'return_no_reason', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_return_shipment');
      await carrier(handle, 'return_pickup', 'picked_up');
      await reach(handle, 'awaiting_return_receipt');
      await carrier(handle, 'return_pickup', 'delivered');
      await h.env.sleep('2 minutes');
      await reach(handle, 'needs_attention');
      await handle.executeUpdate(retryStepUpdate, { args: [{ by: 'OPS-1' }] });
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'return_and_refund' },
  },
  {
    name: 'refund-refused-settled-by-hand',
    path: 'payments refuse the refund (amount exceeds refundable): needs_attention at once, agent settles it by hand',
    world: (now) => newWorld([seafood(now)], { refusals: { issueRefund: { type: 'PaymentsRejected', message: 'payments refused: amount_exceeds_refundable' } } }),
    open: { orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo('0.9') },
    async drive(_h, handle) {
      await reach(handle, 'needs_attention');
      await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'AG-EAST-01', reference: 'BT-77' }] });
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'refund-refused-remedied-elsewhere',
    path: 'payments refuse the refund as another case of the order was paid for the line meanwhile: the order read again explains it; closed as rejected, nothing paid',
    world: (now) => remediedAtRefund(newWorld([seafood(now)])),
    open: { orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo('0.9') },
    async drive(_h, handle) {
      await reach(handle, 'closed');
    },
    expect: { resolution: 'rejected' },
  },
  {
    name: 'dispatch-settled-by-hand-stock-not-used',
    path: 'the warehouse is down for the dispatch; ops send a parcel by hand from other stock and settle the step saying so: the reservation is released aside, the case goes on to the survey',
    world: (now) => newWorld([jacket(now, 'gold')], { outages: { dispatchReshipment: Infinity } }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await ack(handle);
      await h.env.sleep('5 minutes');
      await reach(handle, 'needs_attention');
      await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-3', reference: 'PARCEL-FROM-STORE-7', stockUsed: false }] });
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'reship' },
  },
  {
    name: 'dispatch-settled-unverified-stock-released-after-lookup',
    path: 'the warehouse is down for the dispatch and its look-up; ops settle it by hand from other stock: the release waits, and follows once the look-up finds the dispatch not done',
    world: (now) => newWorld([jacket(now, 'gold')], { outages: { dispatchReshipment: Infinity, lookupDispatch: Infinity } }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle, world) {
      await ack(handle);
      await h.env.sleep('5 minutes');
      await reach(handle, 'needs_attention');
      const settled = handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-3', reference: 'PARCEL-FROM-STORE-9', stockUsed: false }] });
      await h.env.sleep('3 minutes');
      await settled;
      await reach(handle, 'awaiting_survey');
      world.outages.lookupDispatch = 0;
      await h.env.sleep('31 minutes');
      await rate(handle, 5);
    },
    expect: { resolution: 'reship' },
  },
  {
    name: 'reship-out-of-stock-refund-refused-remedied-elsewhere',
    path: 'a reshipment out of stock falls back to a refund, refused as another case of the order was paid for the line meanwhile: nothing was sent, so the claim closes rejected',
    world: (now) => remediedAtRefund(newWorld([jacket(now, 'gold')], { outOfStock: true }), 'ORD-JACKET-BJ'),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(_h, handle) {
      await ack(handle);
      await reach(handle, 'closed');
    },
    expect: { resolution: 'rejected' },
  },
  {
    name: 'dispatch-answer-lost-reconciled',
    path: 'the warehouse shipped but every answer was lost: found by idempotency key, tracked, delivered; no refund',
    world: (now) => newWorld([jacket(now, 'gold')], { lostAnswers: { dispatchReshipment: 5 } }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await ack(handle);
      await h.env.sleep('2 minutes');
      await reach(handle, 'awaiting_delivery');
      await carrier(handle, 'reshipment', 'delivered');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'reship' },
  },
  {
    name: 'claim-already-remedied-refused',
    path: 'a second claim on an order line an earlier case already refunded: refused at intake with the reason',
    world: (now) => newWorld([{ ...seafood(now), items: [{ sku: 'SKU-CRAB', title: 'Hairy crab', category: 'fresh', unitPrice: 12_800, quantity: 1, remedied: { quantity: 1, amount: 12_800 } }] }]),
    open: { orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo('0.9') },
    async drive(_h, handle) {
      await reach(handle, 'closed');
    },
    expect: { resolution: 'rejected' },
  },
  {
    name: 'claim-window-refused',
    path: 'a damaged claim 20 days after delivery: the 15-day window has passed, refused at intake',
    world: (now) => newWorld([jacket(now, 'standard', { deliveredAt: new Date(now - 20 * 86_400_000).toISOString() })]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'damaged', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: photo('0.9') },
    async drive(_h, handle) {
      await reach(handle, 'closed');
    },
    expect: { resolution: 'rejected' },
  },
  {
    name: 'claim-over-quantity-refused',
    path: 'a missing-item claim for 3 mugs on an order of 1: refused at intake as more than ordered (CLAIM_QUANTITY_REASON)',
    world: (now) => newWorld([order(now, { orderId: 'ORD-MUG-QTY' })]),
    open: { orderId: 'ORD-MUG-QTY', caseType: 'missing_item', items: [{ sku: 'SKU-MUG', quantity: 3 }] },
    async drive(_h, handle) {
      await reach(handle, 'closed');
    },
    expect: { resolution: 'rejected' },
  },
  {
    name: 'missing-item-manual-escalation',
    path: 'missing item, never acknowledged: the agent escalates by hand; reshipped and delivered',
    world: (now) => newWorld([jacket(now, 'gold')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(_h, handle) {
      await reach(handle, 'awaiting_delivery');
      await handle.executeUpdate(escalateUpdate, { args: [{ by: 'AG-NORTH-01', reason: 'customer called twice' }] });
      await carrier(handle, 'reshipment', 'delivered');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 4);
    },
    expect: { resolution: 'reship' },
  },
  {
    name: 'missing-item-reviewed-then-reshipped',
    path: 'policy 2026-12-v2: a missing item above the small-compensation authority waits for a person\'s review (no photo decides it); approved, reshipped and delivered, survey answered',
    startAt: '2026-10-19T02:00:00Z',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }], policyVersion: '2026-12-v2' },
    async drive(_h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_review');
      await handle.executeUpdate(reviewUpdate, { args: [{ agentId: 'AG-NORTH-01', decision: 'approve' }] });
      await reach(handle, 'awaiting_delivery');
      await carrier(handle, 'reshipment', 'delivered');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 4);
    },
    expect: { resolution: 'reship' },
  },
  {
    name: 'not-delivered-reship',
    path: 'shipped but never delivered: reshipped, delivered, survey answered',
    world: (now) => newWorld([order(now, { orderId: 'ORD-STUCK', status: 'shipped', deliveredAt: undefined })]),
    open: { orderId: 'ORD-STUCK', caseType: 'not_delivered', items: [{ sku: 'SKU-MUG', quantity: 1 }], parcelStuck: true },
    async drive(_h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_delivery');
      await carrier(handle, 'reshipment', 'delivered');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'reship' },
  },
  {
    name: 'wrong-item-return-then-reship',
    path: 'wrong item: the wrong one comes back first (pickup, receipt, quarantine), then the right one is reshipped and delivered',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'wrong_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: photo('0.95') },
    async drive(_h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_return_shipment');
      await carrier(handle, 'return_pickup', 'picked_up');
      await reach(handle, 'awaiting_return_receipt');
      await carrier(handle, 'return_pickup', 'delivered');
      await reach(handle, 'awaiting_delivery');
      await carrier(handle, 'reshipment', 'delivered');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'reship' },
  },
  {
    name: 'replace-3c-within-180-days',
    path: '3C fault on day 179: replace, not repair; the faulty phone comes back, is quarantined, the new one is delivered',
    world: (now) =>
      newWorld([
        order(now, {
          orderId: 'ORD-PHONE',
          items: [{ sku: 'SKU-PHONE', title: 'Phone', category: '3c', unitPrice: 299_900, quantity: 1 }],
          paidAt: new Date(now - 182 * 86_400_000).toISOString(),
          shippedAt: new Date(now - 181 * 86_400_000).toISOString(),
          deliveredAt: new Date(now - 179 * 86_400_000).toISOString(),
        }),
      ]),
    open: { orderId: 'ORD-PHONE', caseType: 'quality_issue', items: [{ sku: 'SKU-PHONE', quantity: 1 }], evidence: photo('0.95') },
    async drive(_h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_return_shipment');
      await carrier(handle, 'return_pickup', 'picked_up');
      await reach(handle, 'awaiting_return_receipt');
      await carrier(handle, 'return_pickup', 'delivered');
      await reach(handle, 'awaiting_delivery');
      await carrier(handle, 'reshipment', 'delivered');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'replace' },
  },
];

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
    name: 'refund-answer-lost-settled-found-done',
    path: 'the refund goes through but every answer is lost and its look-up is down: needs_attention; ops settle it by hand; looked up first, it is found done: the case keeps the real refund, ops are told their settlement was not needed (patch settle-looks-up-first)',
    // Eight failed look-ups: the first reconcile's two minutes of retries (seven tries), and at most one more.
    world: (now) => newWorld([seafood(now)], { lostAnswers: { issueRefund: Infinity }, outages: { lookupRefund: 8 } }),
    open: { orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo('0.9') },
    async drive(h, handle) {
      await ack(handle);
      await h.env.sleep('5 minutes'); // the refund's five tries and the look-up's two minutes run out
      await reach(handle, 'needs_attention');
      await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference: 'BANK-TRANSFER-77' }] });
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'refund-answer-lost-settled-unverified-then-found',
    path: 'the refund goes through but every answer is lost and its look-up stays down: ops settle it by hand, taken unverified; half an hour later the look-up answers and finds the refund done: the assignee and the settler are told to undo the manual one (patch unverified-settlement-rechecked)',
    // The OMS does not know payments' refund by its key, so the later look-up is what finds it.
    world: (now) => newWorld([seafood(now)], { lostAnswers: { issueRefund: Infinity }, outages: { lookupRefund: Infinity }, omsMissesMovements: true }),
    open: { orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo('0.9') },
    async drive(h, handle, world) {
      await refundSettledUnverified(h, handle, 'BANK-TRANSFER-79');
      world.outages.lookupRefund = 0; // payments answer look-ups again
      await h.env.sleep('31 minutes');
      await rate(handle, 5);
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'closed-case-resends-late-staff-notice',
    path: 'as refund-answer-lost-settled-unverified-then-found, but the customer rates before the later look-up: the case is closed, its run waits for the look-up aside; the notice telling ops to undo theirs fails, is resent aside ten minutes later, and only then the run ends (patch aside-drained)',
    world: (now) => newWorld([seafood(now)], { lostAnswers: { issueRefund: Infinity }, outages: { lookupRefund: Infinity }, omsMissesMovements: true }),
    open: { orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo('0.9') },
    async drive(h, handle, world) {
      await refundSettledUnverified(h, handle, 'BANK-TRANSFER-81');
      await rate(handle, 5);
      await reach(handle, 'closed');
      world.outages.lookupRefund = 0;
      world.outages.notifyStaff = Infinity; // down when the look-up finds the refund
      await h.env.sleep('35 minutes');
      world.outages.notifyStaff = 0;
      await h.env.sleep('15 minutes');
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'refund-answer-lost-then-refused-found-done',
    path: 'the refund goes through with its answer lost, and its retry is refused: looked up by its key before anything else, it is found done; the case goes on with the real refund, nothing held (patch refusal-on-retry-looked-up)',
    world: (now) => newWorld([seafood(now)], { lostAnswers: { issueRefund: 1 }, refusals: { issueRefund: { type: 'PaymentsRejected', message: 'payments refused: refund_exceeds_refundable', fromAttempt: 2 } } }),
    open: { orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo('0.9') },
    async drive(_h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_survey');
      await rate(handle, 5);
    },
    expect: { resolution: 'refund' },
  },
  {
    name: 'customer-message-outage-resent-aside',
    path: 'the notification service down for the first customer message: recorded after two minutes, the case goes on, the message is sent again aside (patch messages-resent-aside)',
    world: (now) => newWorld([seafood(now)], { outages: { notifyCustomer: 7 } }),
    open: { orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo('0.9') },
    async drive(h, handle) {
      await h.env.sleep('5 minutes'); // the first message's two minutes of retries
      await ack(handle);
      await reach(handle, 'awaiting_survey');
      await h.env.sleep('15 minutes'); // its new try, 10 minutes after it failed
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
    name: 'ladder-coupons-outage-retried-aside',
    path: 'no response, the coupon system down for the first two coupons: the ladder climbs on time, the coupons are retried aside and granted (patch side-effect-retries-aside)',
    world: (now) => newWorld([jacket(now, 'standard')], { outages: { grantCoupon: 10 } }),
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
    name: 'review-approved-return',
    path: 'uncertain photos go to human review; the reviewer approves: return (pickup, receipt) and refund; survey answered (v1 recorded before return-resolving-status: the review update answered only once the pickup was booked)',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'quality_issue', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: photo('0.5') },
    async drive(_h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_review');
      await handle.executeUpdate(reviewUpdate, { args: [{ agentId: 'AG-NORTH-01', decision: 'approve' }] });
      await reach(handle, 'awaiting_return_shipment');
      await carrier(handle, 'return_pickup', 'delivered');
      await reach(handle, 'awaiting_survey');
      await rate(handle, 3);
    },
    expect: { resolution: 'return_and_refund' },
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
    name: 'review-line-remedied-meanwhile',
    path: 'uncertain photos go to human review; meanwhile a missing-item case on the same line is remedied at once; approved ten minutes later, the order read again shows the line remedied: closed rejected, nothing moved (patch remedy-recheck)',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'quality_issue', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: photo('0.5') },
    async drive(h, handle) {
      await ack(handle);
      await reach(handle, 'awaiting_review');
      const other = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }], preferredResolution: 'refund' });
      await reach(other, 'awaiting_survey');
      await h.env.sleep('10 minutes');
      await handle.executeUpdate(reviewUpdate, { args: [{ agentId: 'AG-NORTH-01', decision: 'approve' }] });
      await reach(handle, 'closed');
    },
    expect: { resolution: 'rejected' },
  },
  {
    name: 'review-approved-at-once-line-remedied-meanwhile',
    path: 'uncertain photos go to human review; meanwhile a missing-item case on the same line is refunded at once; approved seconds later (within the minute), the order read again shows the line remedied: closed rejected, nothing moved (patch review-recheck)',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'quality_issue', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: photo('0.5') },
    async drive(h, handle) {
      await reach(handle, 'awaiting_review');
      const other = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }], preferredResolution: 'refund' });
      await reach(other, 'awaiting_survey');
      await handle.executeUpdate(reviewUpdate, { args: [{ agentId: 'AG-NORTH-01', decision: 'approve' }] });
      await reach(handle, 'closed');
    },
    expect: { resolution: 'rejected' },
  },
  {
    name: 'review-approved-withdrawn-during-recheck',
    path: 'uncertain photos go to human review, approved ten minutes later; while the order is read again (the order system down) the customer withdraws: closed withdrawn, nothing moved (patch remedy-recheck)',
    world: (now) => newWorld([jacket(now, 'standard')]),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'quality_issue', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: photo('0.5') },
    async drive(h, handle, world) {
      await ack(handle);
      await reach(handle, 'awaiting_review');
      await h.env.sleep('10 minutes');
      world.outages.getOrder = Infinity;
      const approved = handle.executeUpdate(reviewUpdate, { args: [{ agentId: 'AG-NORTH-01', decision: 'approve' }] });
      await h.env.sleep('30 seconds');
      const withdrawal = await handle.startUpdate(withdrawUpdate, { args: [{ reason: 'no longer needed' }], waitForStage: 'ACCEPTED' });
      await h.env.sleep('3 minutes');
      await withdrawal.result();
      await approved;
      world.outages.getOrder = 0;
    },
    expect: { resolution: 'withdrawn' },
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
  {
    name: 'order-refused-held-for-ops',
    path: 'the order system refuses the order look-up at intake: needs_attention on get_order as a refusal, no automatic round; an hour later ops settle it: closed rejected (patch order-refusal-held)',
    world: (now) => newWorld([jacket(now, 'standard')], { refusals: { getOrder: { type: 'OrdersRejected', message: 'order locked for audit' } } }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'wrong_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await reach(handle, 'needs_attention');
      await h.env.sleep('1 hour');
      await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference: 'OMS-TICKET-12' }] });
      await reach(handle, 'closed');
    },
    expect: { resolution: 'rejected' },
  },
  {
    name: 'withdrawn-during-order-outage',
    path: 'the order system stays down at intake (needs_attention on get_order); the customer withdraws: closed at once, nothing sent (patch withdraw-during-order-outage)',
    world: (now) => newWorld([jacket(now, 'standard')], { outages: { getOrder: Infinity } }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'wrong_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await h.env.sleep('15 minutes');
      await reach(handle, 'needs_attention');
      await handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'bought it elsewhere' }] });
    },
    expect: { resolution: 'withdrawn' },
  },
  {
    name: 'return-withdrawn-while-pickup-held',
    path: '7-day return whose pickup booking fails (needs_attention on schedule_pickup); the customer withdraws: closed at once, the lost answer looked up, nothing booked (patch return-withdrawn-before-pickup)',
    world: (now) => newWorld([jacket(now)], { outages: { schedulePickup: Infinity } }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'return_no_reason', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await h.env.sleep('1 minute');
      await reach(handle, 'needs_attention');
      await handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'changed my mind' }] });
    },
    expect: { resolution: 'withdrawn' },
  },
  {
    name: 'return-withdrawn-while-pickup-booked',
    path: '7-day return withdrawn while its pickup booking is retried; the booking goes through: cancelled, no "pickup scheduled" message (patch return-withdrawn-before-pickup)',
    world: (now) => newWorld([jacket(now)], { outages: { schedulePickup: 3 } }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'return_no_reason', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await reach(handle, 'resolving');
      const withdrawal = handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'changed my mind' }] });
      await h.env.sleep('1 minute');
      await withdrawal;
    },
    expect: { resolution: 'withdrawn' },
  },
  {
    name: 'return-withdrawn-and-settled-together',
    path: '7-day return whose pickup booking is held; a withdrawal and an ops settle land in one activation: the withdrawal wins, the settle is handed back to ops (patch return-withdrawn-before-pickup)',
    world: (now) => newWorld([jacket(now)], { outages: { schedulePickup: Infinity } }),
    open: { orderId: 'ORD-JACKET-BJ', caseType: 'return_no_reason', items: [{ sku: 'SKU-JACKET', quantity: 1 }] },
    async drive(h, handle) {
      await h.env.sleep('1 minute');
      await reach(handle, 'needs_attention');
      await Promise.all([
        handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'changed my mind' }] }),
        handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference: 'PICKUP-BY-PHONE-7' }] }),
      ]);
    },
    expect: { resolution: 'withdrawn' },
  },
  ...INTEGRITY_SCENARIOS,
  ...CALENDAR_SCENARIOS,
  ...CONTINUE_AS_NEW_SCENARIOS,
];
