/**
 * Scenarios from the field, end to end on a real dev server: REST API → case workflow → real
 * activities over HTTP → the sandbox's systems, with carrier tracking events coming back through the
 * API's signed webhook. No time is skipped: each runs to its resolution in seconds of real time.
 */
import type { CaseView } from '../../src/workflows/case/contract';
import { Stack, waitFor } from '../support/stack';

let s: Stack;
beforeAll(async () => {
  s = await Stack.start('field');
  await s.startWorker();
}, 120_000);
afterAll(async () => {
  await s?.teardown();
});

/** The assigned specialist acknowledges (the first response). */
async function acknowledge(caseId: string): Promise<void> {
  const assignee = await waitFor('the specialist to be assigned', async () => (await s.view(caseId)).assignee, 30_000);
  const r = await s.call('POST', `/v1/cases/${caseId}/acknowledge`, 'agent', { agentId: assignee });
  expect(r.status).toBe(200);
}

/** The carrier reports `event` for a parcel; the sandbox pushes it to the API's webhook. */
async function carrierReports(trackingNumber: string, event: 'picked_up' | 'delivered'): Promise<void> {
  const res = await fetch(`${s.sandbox.url}/admin/carriers/shipments/${trackingNumber}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event }),
  });
  expect(res.status).toBe(202);
  const { delivery } = (await res.json()) as { delivery: { delivered: boolean; lastStatus?: number } };
  expect(delivery).toMatchObject({ delivered: true, lastStatus: 202 });
}

const events = (v: CaseView) => v.timeline.map((t) => t.event);

test('damaged lipstick, platinum member in Xinjiang: reshipped by EMS with a gift, nothing sent back', async () => {
  const caseId = await s.openCase({
    orderId: 'ORD-LIPSTICK-XJ',
    caseType: 'damaged',
    items: [{ sku: 'SKU-LIPSTICK-999', quantity: 1 }],
    description: 'The lipstick arrived snapped in two.',
    evidence: [{ url: 'https://img.example/lipstick-damaged.jpg', kind: 'item' }],
  });
  await acknowledge(caseId);
  const v = await s.reach(caseId, 'awaiting_delivery');
  expect(v).toMatchObject({ priority: 'P1', region: 'Northwest', decision: { resolution: 'reship' } });
  expect(v.shipments).toEqual([expect.objectContaining({ kind: 'reshipment', carrier: 'EMS' })]);

  const shipped = s.ledger('shipment', caseId);
  expect(shipped).toHaveLength(1);
  expect(shipped[0]!.request).toMatchObject({ carrier: 'EMS', giftSku: expect.any(String) });
  expect(s.ledger('pickup', caseId)).toHaveLength(0); // damaged in transit: nothing comes back
  expect(s.ledger('refund', caseId)).toHaveLength(0);

  await carrierReports(v.shipments[0]!.trackingNumber, 'delivered');
  const done = await s.reach(caseId, 'awaiting_survey');
  expect(done.shipments[0]!.status).toBe('delivered');
});

test('spoiled seafood in Shanghai: refunded at once, nothing reshipped or sent back', async () => {
  const caseId = await s.openCase({
    orderId: 'ORD-SEAFOOD-SH',
    caseType: 'spoiled',
    items: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }],
    evidence: [{ url: 'https://img.example/crab-spoiled.jpg', kind: 'item' }],
  });
  const v = await s.reach(caseId, 'awaiting_survey');
  expect(v).toMatchObject({ priority: 'P1', decision: { resolution: 'refund' }, refund: { status: 'paid', attempts: 1 } });
  expect(v.shipments).toEqual([]);
  expect(s.ledger('refund', caseId)).toHaveLength(1);
  expect(s.ledger('shipment', caseId)).toHaveLength(0);
  expect(s.ledger('pickup', caseId)).toHaveLength(0);
});

test('a 7-day no-reason return: door pickup, refund only on receipt, the coat quarantined and never back on sale', async () => {
  const stockBefore = structuredClone(Object.fromEntries([...s.sandbox.state.stock].map(([wh, shelf]) => [wh, Object.fromEntries(shelf)])));
  const caseId = await s.openCase({ orderId: 'ORD-RETURN-BJ', caseType: 'return_no_reason', items: [{ sku: 'SKU-COAT-WOOL', quantity: 1 }] });
  let v = await s.reach(caseId, 'awaiting_return_shipment');
  expect(v.decision?.resolution).toBe('return_and_refund');
  const pickup = v.shipments.find((p) => p.kind === 'return_pickup');
  expect(pickup).toBeDefined();
  expect(s.ledger('pickup', caseId)).toHaveLength(1);

  await carrierReports(pickup!.trackingNumber, 'picked_up');
  await s.reach(caseId, 'awaiting_return_receipt');
  expect(s.ledger('refund', caseId)).toHaveLength(0); // not before the warehouse has it

  await carrierReports(pickup!.trackingNumber, 'delivered');
  v = await s.reach(caseId, 'awaiting_survey');
  expect(events(v)).toEqual(expect.arrayContaining(['return_received', 'return_quarantined', 'refund_paid']));
  expect(events(v).indexOf('return_quarantined')).toBeLessThan(events(v).indexOf('refund_paid'));
  expect(s.ledger('quarantine', caseId)).toHaveLength(1);
  expect(s.ledger('refund', caseId)).toHaveLength(1);
  const quarantined = [...s.sandbox.state.quarantine.values()].reduce((n, shelf) => n + (shelf.get('SKU-COAT-WOOL') ?? 0), 0);
  expect(quarantined).toBe(1);
  const stockAfter = Object.fromEntries([...s.sandbox.state.stock].map(([wh, shelf]) => [wh, Object.fromEntries(shelf)]));
  expect(stockAfter).toEqual(stockBefore); // sale stock untouched
});

test('crushed cherries to Xinjiang, where no cold chain reaches: refunded, not reshipped', async () => {
  const caseId = await s.openCase({
    orderId: 'ORD-FRESH-XJ',
    caseType: 'damaged',
    items: [{ sku: 'SKU-CHERRY-2KG', quantity: 2 }],
    evidence: [{ url: 'https://img.example/cherries-damaged.jpg', kind: 'item' }],
    preferredResolution: 'reship',
  });
  await acknowledge(caseId);
  const v = await s.reach(caseId, 'awaiting_survey');
  expect(v.decision?.resolution).toBe('refund');
  expect(v.decision?.reasons).toContain('no cold chain reaches the destination');
  expect(v.shipments).toEqual([]);
  expect(s.ledger('refund', caseId)).toHaveLength(1);
  expect(s.ledger('reservation', caseId)).toHaveLength(0);
  expect(s.ledger('shipment', caseId)).toHaveLength(0);
});
