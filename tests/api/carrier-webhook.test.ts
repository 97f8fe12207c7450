/**
 * The carrier webhook and the parcel's carrier: an event posted under a carrier other than the
 * parcel's is refused (409 carrier_mismatch) and the case hears nothing of it, for a reshipment
 * (settled by its search attributes, so with no worker too) and for a return pickup (settled by the
 * case's view). A number no case has is a 503 to re-send, logged at info: an expected condition.
 */
import { approveReview, auth, eventually, signed, startApiHarness, testOrder, type ApiHarness } from './support';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({ orders: ['ORD-W1', 'ORD-W2', 'ORD-W4'].map((id) => testOrder(id)), timeouts: { queryMs: 1_500 } });
});
afterAll(async () => {
  await h?.teardown();
});

interface View {
  status: string;
  shipments: Array<{ kind: string; carrier: string; trackingNumber: string; status: string; lastEventAt?: string }>;
  timeline: Array<{ event: string; detail?: string }>;
}

async function open(orderId: string, caseType: string): Promise<string> {
  const res = await h.http.post('/v1/cases').set(auth('service')).send({ orderId, channel: 'app', caseType, items: [{ sku: 'SKU-MUG', quantity: 1 }] });
  expect(res.status).toBe(201);
  return res.body.caseId;
}
const read = (id: string): Promise<View> => h.http.get(`/v1/cases/${id}`).set(auth('agent')).then((r) => r.body);
// A read while the worker restarts may be the stale summary (no timeline, no parcels): wait past it.
const waitFor = (id: string, done: (v: View) => boolean) => eventually(() => read(id), (v) => Array.isArray(v.timeline) && done(v));
const otherThan = (carrier: string) => (carrier === 'ZTO' ? 'SF' : 'ZTO');
const carrierEvents = (v: View) => v.timeline.filter((e) => e.event.startsWith('carrier'));

/** Opens a case, waits for it to reach `status`, and gives its first parcel (of `kind`) and a carrier that is not the parcel's. */
async function caseWithParcel(orderId: string, caseType: string, status: string, kind: string) {
  const id = await open(orderId, caseType);
  if (caseType === 'missing_item') await approveReview(h, id); // 2026-12-v2: a person checks the packing record first
  const parcel = (await waitFor(id, (v) => v.status === status)).shipments[0]!;
  expect(parcel.kind).toBe(kind);
  return { id, parcel, wrong: otherThan(parcel.carrier) };
}

function post(carrier: string, trackingNumber: string, event: string, occurredAt = new Date().toISOString()) {
  const s = signed({ trackingNumber, event, occurredAt });
  return h.http.post(`/v1/webhooks/carriers/${carrier}`).set('Content-Type', 'application/json').set('X-Signature', s.signature).set('X-Timestamp', s.timestamp).send(s.body);
}

function expectMismatch(res: Awaited<ReturnType<typeof post>>, trackingNumber: string, postedBy: string, parcelCarrier: string) {
  expect(res.status).toBe(409);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: '/docs#problem-carrier_mismatch', status: 409 });
  expect(res.body.detail).toContain(trackingNumber);
  expect(res.body.detail).toContain(`not ${postedBy}`);
  expect(res.body.detail.replace(trackingNumber, '')).not.toContain(parcelCarrier); // which carrier has the parcel is not the sender's business
}

test('a reshipment: "lost" posted under another carrier is refused and never reaches the case, with or without a worker', async () => {
  const { id, parcel, wrong } = await caseWithParcel('ORD-W1', 'missing_item', 'awaiting_delivery', 'reshipment');

  expectMismatch(await post(wrong, parcel.trackingNumber, 'lost'), parcel.trackingNumber, wrong, parcel.carrier);
  expect(h.logs.find((l) => l.msg === 'carrier_mismatch' && l.caseId === id)).toMatchObject({ level: 'warn', postedBy: wrong, parcelCarrier: parcel.carrier });
  expect(h.logs.find((l) => l.route === '/v1/webhooks/carriers/{carrier}' && l.status === 409)).toMatchObject({ caseId: id });

  // No worker: the search attributes still tell the reshipment's carrier.
  await h.stopWorker();
  try {
    const started = Date.now();
    expectMismatch(await post(wrong, parcel.trackingNumber, 'lost'), parcel.trackingNumber, wrong, parcel.carrier);
    expect(Date.now() - started).toBeLessThan(1_500); // no worker was waited for
    expect((await post(parcel.carrier, parcel.trackingNumber, 'in_transit')).body).toEqual({ delivered: true });
  } finally {
    await h.startWorker();
  }

  // Signals reach a case in order: once the genuine event shows, a refused one would have shown before it.
  const moved = await waitFor(id, (v) => carrierEvents(v).length > 0);
  expect(carrierEvents(moved)).toEqual([{ event: 'carrier:in_transit', detail: `${parcel.carrier} ${parcel.trackingNumber}`, at: expect.any(String) }]);
  expect(moved.status).toBe('awaiting_delivery');
  expect(moved.shipments[0]).toMatchObject({ status: 'in_transit' });
});

test("a return pickup: the case's view tells its carrier; with no worker the event goes through unchecked", async () => {
  const { id, parcel: pickup, wrong } = await caseWithParcel('ORD-W2', 'return_no_reason', 'awaiting_return_shipment', 'return_pickup');

  expectMismatch(await post(wrong, pickup.trackingNumber, 'picked_up'), pickup.trackingNumber, wrong, pickup.carrier);

  await h.stopWorker();
  try {
    const res = await post(pickup.carrier, pickup.trackingNumber, 'picked_up');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ delivered: true });
    expect(h.logs.find((l) => l.msg === 'carrier_unchecked' && l.caseId === id)).toMatchObject({ level: 'warn' });
  } finally {
    await h.startWorker();
  }
  const moved = await waitFor(id, (v) => v.status === 'awaiting_return_receipt');
  expect(carrierEvents(moved).map((e) => e.event)).toEqual(['carrier:picked_up']);
});

test('a number no case has: 503 tracking_number_unknown with Retry-After, logged at info and not as an error', async () => {
  const res = await post('SF', 'SF00000000NOPE', 'delivered');
  expect(res.status).toBe(503);
  expect(res.body.type).toBe('/docs#problem-tracking_number_unknown');
  expect(res.headers['retry-after']).toBe('1');
  const requestId = res.headers['x-request-id'];
  const lines = h.logs.filter((l) => l.requestId === requestId);
  expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  expect(lines).toContainEqual({ level: 'info', msg: 'request_refused', requestId, kind: 'tracking_number_unknown' });
  expect(JSON.stringify(lines)).not.toContain('SF00000000NOPE');
});

test('the reference lists carrier_mismatch among the webhook route’s answers', async () => {
  const doc = (await h.http.get('/openapi.json')).body;
  const responses = doc.paths['/v1/webhooks/carriers/{carrier}'].post.responses;
  expect(responses['409'].description).toMatch(/^carrier_mismatch: /);
  expect(responses['409'].content['application/problem+json']).toBeDefined();
  expect(responses['503'].description).toMatch(/tracking_number_unknown/);
});

test('an event dated in the future is a 400 at occurredAt and reaches no case: it would have made the parcel ignore every later event', async () => {
  const { id, parcel } = await caseWithParcel('ORD-W4', 'missing_item', 'awaiting_delivery', 'reshipment');
  const future = await post(parcel.carrier, parcel.trackingNumber, 'in_transit', '2030-01-01T00:00:00Z');
  expect(future.status).toBe(400);
  expect(JSON.stringify(future.body)).toMatch(/occurredAt is in the future/);
  const malformed = await post(parcel.carrier, parcel.trackingNumber, 'in_transit', 'yesterday');
  expect(malformed.status).toBe(400);
  expect(JSON.stringify(malformed.body)).not.toMatch(/in the future/); // only what is wrong with it
  // A little clock skew is fine, and the genuine events after it still move the parcel.
  const skewed = await post(parcel.carrier, parcel.trackingNumber, 'in_transit', new Date(Date.now() + 60_000).toISOString());
  expect(skewed.status).toBe(202);
  const moved = await waitFor(id, (v) => carrierEvents(v).length > 0);
  expect(moved.shipments[0]!.lastEventAt).not.toMatch(/^2030/);
});
