/**
 * POST /v1/cases against a real Temporal dev server: validation, roles, body limits, and idempotent
 * starts (Idempotency-Key, the natural key "one open case per order and type", concurrency, and
 * a new generation once a case has closed).
 */
import { caseWorkflowId } from '../../src/workflows/case/contract';
import { CURRENT_POLICY_VERSION } from '../../src/policy/versions';
import { caseIdFor } from '../../src/cases/opening';
import { CASE_ACTIONS } from '../../src/api/cases/actions';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { KEY_RECORD_TASK_QUEUE, KEY_RECORD_WORKFLOW_TYPE, KEY_TTL_MS, keyDigest, keyRecordWorkflowId } from '../../src/cases/idempotency-keys';
import { auth, eventually, KEYS, startApiHarness, testOrder, type ApiHarness } from './support';
import { testCodec } from '../support/codec';

const ORDERS = ['ORD-O1', 'ORD-O2', 'ORD-O3', 'ORD-C50', 'ORD-C50K', 'ORD-G1', 'ORD-K1', 'ORD-V1', 'ORD-R1', 'ORD-R2', 'ORD-T2', 'ORD-S1', 'ORD-N1'];
let h: ApiHarness;
beforeAll(async () => {
  const twoLines = [
    { sku: 'SKU-MUG', title: 'Mug', category: 'home' as const, unitPrice: 8_900, quantity: 2 },
    { sku: 'SKU-PLATE', title: 'Plate', category: 'home' as const, unitPrice: 5_900, quantity: 1 },
  ];
  h = await startApiHarness({ orders: [...ORDERS.map((id) => testOrder(id)), testOrder('ORD-M2', { items: twoLines })] });
});
afterAll(async () => {
  await h?.teardown();
});

const body = (orderId: string, extra: Record<string, unknown> = {}) => ({
  orderId,
  channel: 'app',
  caseType: 'damaged',
  items: [{ sku: 'SKU-MUG', quantity: 1 }],
  ...extra,
});

async function countByOrder(orderId: string): Promise<number> {
  return (await h.env.client.workflow.count(`OrderId = "${orderId}"`)).count;
}

/** Visibility is eventually consistent: read until two reads a second apart agree. */
async function settledCount(orderId: string): Promise<number> {
  let previous = -1;
  for (let i = 0; i < 10; i++) {
    const now = await countByOrder(orderId);
    if (now === previous && now > 0) return now;
    previous = now;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return previous;
}

describe('opening a case', () => {
  test('201 with the case id, links and Location; the workflow starts with the contract input and search attributes', async () => {
    const res = await h.http
      .post('/v1/cases')
      .set(auth('service'))
      .send(body('ORD-O1', { description: 'broken handle', evidence: [{ url: 'https://photos.example.com/1.jpg', kind: 'item' }] }));
    expect(res.status).toBe(201);
    const { caseId } = res.body;
    expect(caseId).toBe(caseIdFor('ORD-O1', 'damaged', 1));
    expect(caseId).toMatch(/^AC-[0-9A-F]{16}-1$/);
    expect(res.headers.location).toBe(`/v1/cases/${caseId}`);
    expect(res.body.links.self).toBe(`/v1/cases/${caseId}`);
    expect(res.body.links.actions.acknowledge).toBe(`/v1/cases/${caseId}/acknowledge`);
    expect(Object.keys(res.body.links.actions)).toEqual(CASE_ACTIONS.map((a) => a.name));

    const handle = h.env.client.workflow.getHandle(caseWorkflowId(caseId));
    const d = await handle.describe();
    expect(d.type).toBe('afterSalesCase');
    expect(d.taskQueue).toBe(h.taskQueue);
    expect(d.typedSearchAttributes.getAll().map((p) => p.key.name)).toEqual(expect.arrayContaining(['CaseStatus', 'CaseType', 'OrderId']));
    expect(await d.staticSummary()).toBe('damaged · ORD-O1 · app');
    const details = await d.staticDetails();
    expect(details).toContain('ORD-O1');
    expect(details).not.toContain('broken handle'); // what the customer wrote stays out of the UI
    const history = await handle.fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    // Stored encrypted (the test key); decoded as the worker and the codec server decode it.
    const [payload] = await testCodec.decode(started?.input?.payloads ?? []);
    const input = JSON.parse(Buffer.from(payload?.data ?? []).toString());
    expect(input).toMatchObject({
      caseId,
      orderId: 'ORD-O1',
      caseType: 'damaged',
      channel: 'app',
      urgency: 'normal',
      policyVersion: CURRENT_POLICY_VERSION,
      description: 'broken handle',
      evidence: [{ url: 'https://photos.example.com/1.jpg', kind: 'item' }],
    });
    expect(Math.abs(Date.parse(input.openedAt) - Date.now())).toBeLessThan(60_000);
    expect(input.requestId).toBe(res.headers['x-request-id']); // named in the case's first log line
    expect(input.requestId).toMatch(/\S/);
  });

  test('the same request again returns the open case with 200 and its view: the natural key', async () => {
    const first = await h.http.post('/v1/cases').set(auth('service')).send(body('ORD-O2'));
    expect(first.status).toBe(201);
    const again = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'another-key').send(body('ORD-O2', { urgency: 'high' }));
    expect(again.status).toBe(200);
    expect(again.body.caseId).toBe(first.body.caseId);
    expect(again.headers.location).toBeUndefined();
    expect(again.body.case).toMatchObject({ caseId: first.body.caseId, orderId: 'ORD-O2', caseType: 'damaged' });
    // Another case type on the same order is another case.
    const other = await h.http.post('/v1/cases').set(auth('service')).send(body('ORD-O2', { caseType: 'missing_item' }));
    expect(other.status).toBe(201);
    expect(other.body.caseId).not.toBe(first.body.caseId);
  });

  test('other items of the same order and type while its case is open: 409 naming the open case and both claims, nothing opened; the same items in another order are a repeat', async () => {
    const first = await h.http.post('/v1/cases').set(auth('service')).send(body('ORD-M2', { items: [{ sku: 'SKU-MUG', quantity: 1 }, { sku: 'SKU-PLATE', quantity: 1 }] }));
    expect(first.status).toBe(201);
    const repeat = await h.http.post('/v1/cases').set(auth('service')).send(body('ORD-M2', { items: [{ sku: 'SKU-PLATE', quantity: 1 }, { sku: 'SKU-MUG', quantity: 1 }] }));
    expect([repeat.status, repeat.body.caseId]).toEqual([200, first.body.caseId]);
    for (const items of [[{ sku: 'SKU-PLATE', quantity: 1 }], [{ sku: 'SKU-MUG', quantity: 2 }, { sku: 'SKU-PLATE', quantity: 1 }]]) {
      const other = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', `k-m2-${items.length}`).send(body('ORD-M2', { items }));
      expect(other.status).toBe(409);
      expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(other.body.detail).toContain(`has an open damaged case, ${first.body.caseId}, claiming SKU-MUG × 1, SKU-PLATE × 1`);
      expect(other.body.detail).toMatch(/this claim \(SKU-.*\) was not opened: an order has one open case of a type, so send it once that case is closed/);
    }
    expect(await settledCount('ORD-M2')).toBe(1);
  });

  test('50 identical concurrent POSTs start exactly one workflow', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, () => h.http.post('/v1/cases').set(auth('service')).send(body('ORD-C50'))));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(new Set(responses.map((r) => r.body.caseId)).size).toBe(1);
    // Strongly consistent: the second generation was never started...
    await expect(h.env.client.workflow.getHandle(caseWorkflowId(caseIdFor('ORD-C50', 'damaged', 2))).describe()).rejects.toThrow(/not found/i);
    // ...and visibility, once settled, knows one workflow for the order.
    expect(await settledCount('ORD-C50')).toBe(1);
  });

  test('50 concurrent POSTs with the same Idempotency-Key also start one workflow', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k-c50').send(body('ORD-C50K'))),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(new Set(responses.map((r) => r.body.caseId)).size).toBe(1);
    expect(await settledCount('ORD-C50K')).toBe(1);
  });

  test('after a case closes, the same order and type opens a new generation; the first request replayed still finds its own case', async () => {
    const first = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'g1-first').send(body('ORD-G1'));
    expect(first.status).toBe(201);
    await eventually(
      () => h.http.get(`/v1/cases/${first.body.caseId}`).set(auth('service')).then((r) => r.body.status),
      (s) => s === 'awaiting_evidence',
    );
    const withdrawn = await h.http.post(`/v1/cases/${first.body.caseId}/withdraw`).set(auth('service')).send({ reason: 'found a replacement' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('closed');
    await h.env.client.workflow.getHandle(caseWorkflowId(first.body.caseId)).result();

    const second = await h.http.post('/v1/cases').set(auth('service')).send(body('ORD-G1'));
    expect(second.status).toBe(201);
    expect(second.body.caseId).toBe(caseIdFor('ORD-G1', 'damaged', 2));

    const replay = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'g1-first').send(body('ORD-G1'));
    expect(replay.status).toBe(200);
    expect(replay.body.caseId).toBe(first.body.caseId);
    expect(replay.body.case.status).toBe('closed');

    const repeatOpen = await h.http.post('/v1/cases').set(auth('service')).send(body('ORD-G1'));
    expect(repeatOpen.status).toBe(200);
    expect(repeatOpen.body.caseId).toBe(second.body.caseId);
  });

  test('422 when an Idempotency-Key is reused for a different request', async () => {
    const first = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k1-once').send(body('ORD-K1'));
    expect(first.status).toBe(201);
    const same = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k1-once').send(body('ORD-K1'));
    expect(same.status).toBe(200);
    const different = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k1-once').send(body('ORD-K1', { urgency: 'high' }));
    expect(different.status).toBe(422);
    expect(different.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(different.body).toMatchObject({ status: 422, type: '/docs#problem-idempotency_key_reused' });
    expect(await settledCount('ORD-K1')).toBe(1);
  });
});

describe('an Idempotency-Key names one request', () => {
  const expectReused = (res: { status: number; body: { type?: string; detail?: string } }, caseId: string) => {
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('/docs#problem-idempotency_key_reused');
    expect(res.body.detail).toContain(caseId);
  };

  test('reused for another order, another case type or another description: 422 naming the case the key belongs to; nothing opened', async () => {
    const first = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k-reuse-1').send(body('ORD-R1', { description: 'cracked' }));
    expect(first.status).toBe(201);
    const otherOrder = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k-reuse-1').send(body('ORD-R2', { description: 'cracked' }));
    expectReused(otherOrder, first.body.caseId);
    const otherType = await h.http
      .post('/v1/cases')
      .set(auth('service'))
      .set('Idempotency-Key', 'k-reuse-1')
      .send(body('ORD-R1', { caseType: 'missing_item', description: 'cracked' }));
    expectReused(otherType, first.body.caseId);
    const otherDescription = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k-reuse-1').send(body('ORD-R1', { description: 'chipped' }));
    expectReused(otherDescription, first.body.caseId);
    const otherItems = await h.http
      .post('/v1/cases')
      .set(auth('service'))
      .set('Idempotency-Key', 'k-reuse-1')
      .send(body('ORD-R1', { description: 'cracked', items: [{ sku: 'SKU-MUG', quantity: 2 }] }));
    expectReused(otherItems, first.body.caseId);
    // The refused requests opened nothing: no case for ORD-R2, no missing_item case for ORD-R1.
    await expect(h.env.client.workflow.getHandle(caseWorkflowId(caseIdFor('ORD-R2', 'damaged', 1))).describe()).rejects.toThrow(/not found/i);
    await expect(h.env.client.workflow.getHandle(caseWorkflowId(caseIdFor('ORD-R1', 'missing_item', 1))).describe()).rejects.toThrow(/not found/i);
    const same = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k-reuse-1').send(body('ORD-R1', { description: 'cracked' }));
    expect(same.status).toBe(200);
    expect(same.body.caseId).toBe(first.body.caseId);
  });

  test('two API instances on one Temporal agree on a key: concurrent requests through both open one case; a different request through the other is refused', async () => {
    const other = request(h.extraApp({}));
    const send = (i: number) => (i % 2 === 0 ? h.http : other).post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k-two-apps').send(body('ORD-T2'));
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(19);
    const caseId = responses[0]?.body.caseId as string;
    expect(new Set(responses.map((r) => r.body.caseId))).toEqual(new Set([caseId]));
    const reused = await other.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k-two-apps').send(body('ORD-T2', { urgency: 'high' }));
    expectReused(reused, caseId);
    expect(await settledCount('ORD-T2')).toBe(1);
  });

  test('a keyed request answered with the open case another request opened still finds that case after it closed and a new one was opened', async () => {
    const opener = await h.http.post('/v1/cases').set(auth('service')).send(body('ORD-S1'));
    expect(opener.status).toBe(201);
    const keyed = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k-s1-joined').send(body('ORD-S1', { urgency: 'high' }));
    expect(keyed.status).toBe(200);
    expect(keyed.body.caseId).toBe(opener.body.caseId);
    await eventually(
      () => h.http.get(`/v1/cases/${opener.body.caseId}`).set(auth('service')).then((r) => r.body.status),
      (s) => s === 'awaiting_evidence',
    );
    expect((await h.http.post(`/v1/cases/${opener.body.caseId}/withdraw`).set(auth('service')).send({})).status).toBe(200);
    await h.env.client.workflow.getHandle(caseWorkflowId(opener.body.caseId)).result();
    const next = await h.http.post('/v1/cases').set(auth('service')).send(body('ORD-S1'));
    expect(next.status).toBe(201);
    const replay = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k-s1-joined').send(body('ORD-S1', { urgency: 'high' }));
    expect(replay.status).toBe(200);
    expect(replay.body.caseId).toBe(opener.body.caseId);
  });

  test('keys are kept in Temporal as one record workflow per key that never runs and expires after 24 h', async () => {
    const res = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k-record').send(body('ORD-N1'));
    expect(res.status).toBe(201);
    const digest = keyDigest(createHash('sha256').update(KEYS.service).digest('hex'), 'k-record');
    const record = await h.env.client.workflow.getHandle(keyRecordWorkflowId(digest)).describe();
    expect(record.type).toBe(KEY_RECORD_WORKFLOW_TYPE);
    expect(record.status.name).toBe('RUNNING');
    expect(record.taskQueue).toBe(KEY_RECORD_TASK_QUEUE);
    expect(record.raw.executionConfig?.workflowExecutionTimeout?.seconds?.toString()).toBe(String(KEY_TTL_MS / 1000));
    expect(record.memo).toMatchObject({ orderId: 'ORD-N1', caseType: 'damaged', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(KEY_TTL_MS).toBeGreaterThanOrEqual(24 * 3600 * 1000);
  });
});

describe('refusals start nothing', () => {
  const invalid: Array<[string, unknown, string]> = [
    ['no body fields', {}, 'orderId'],
    ['an unknown case type', body('ORD-V1', { caseType: 'broken' }), 'caseType'],
    ['an unknown channel', body('ORD-V1', { channel: 'fax' }), 'channel'],
    ['an order id with quotes', body('ORD-V1"; drop'), 'orderId'],
    ['no items', body('ORD-V1', { items: [] }), 'items'],
    ['a zero quantity', body('ORD-V1', { items: [{ sku: 'SKU-MUG', quantity: 0 }] }), 'items.0.quantity'],
    ['a fractional quantity', body('ORD-V1', { items: [{ sku: 'SKU-MUG', quantity: 1.5 }] }), 'items.0.quantity'],
    ['a SKU twice', body('ORD-V1', { items: [{ sku: 'A', quantity: 1 }, { sku: 'A', quantity: 1 }] }), 'items'],
    ['a data URI as evidence', body('ORD-V1', { evidence: [{ url: 'data:image/png;base64,AAAA' }] }), 'evidence.0.url'],
    ['an unknown field', body('ORD-V1', { customerPhone: '13800000000' }), ''],
    ['a description too long', body('ORD-V1', { description: 'x'.repeat(2001) }), 'description'],
    ['a string as the body', 'not an object', ''],
    ['an array as the body', [body('ORD-V1')], ''],
  ];
  test.each(invalid)('400 problem+json for %s, naming the field', async (_name, payload, path) => {
    const res = await h.http.post('/v1/cases').set(auth('service')).set('Content-Type', 'application/json').send(JSON.stringify(payload));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/docs#problem-validation_failed', title: expect.any(String), status: 400, detail: expect.any(String), instance: '/v1/cases' });
    expect(res.body.issues.length).toBeGreaterThan(0);
    expect(res.body.issues.every((i: { in: string }) => i.in === 'body')).toBe(true);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  test('400 for malformed JSON, 413 over 100 kB, 415 for another media type, 400 for a bad Idempotency-Key', async () => {
    const malformed = await h.http.post('/v1/cases').set(auth('service')).set('Content-Type', 'application/json').send('{"orderId": "ORD-V1",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe('/docs#problem-malformed_json');

    const huge = await h.http.post('/v1/cases').set(auth('service')).send(body('ORD-V1', { description: 'x'.repeat(120_000) }));
    expect(huge.status).toBe(413);
    expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/);

    const text = await h.http.post('/v1/cases').set(auth('service')).set('Content-Type', 'text/plain').send(JSON.stringify(body('ORD-V1')));
    expect(text.status).toBe(415);
    expect(text.body.type).toBe('/docs#problem-unsupported_media_type');

    const badKey = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'has spaces in it').send(body('ORD-V1'));
    expect(badKey.status).toBe(400);
    expect(badKey.body.issues).toEqual([expect.objectContaining({ in: 'header', path: 'Idempotency-Key' })]);
  });

  test('401 without or with an unknown key, 403 for a role that may not open cases', async () => {
    const none = await h.http.post('/v1/cases').send(body('ORD-V1'));
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body.type).toBe('/docs#problem-unauthenticated');
    const unknown = await h.http.post('/v1/cases').set('Authorization', 'Bearer not-a-key-we-know').send(body('ORD-V1'));
    expect(unknown.status).toBe(401);
    const basic = await h.http.post('/v1/cases').set('Authorization', 'Basic dGVzdDp0ZXN0').send(body('ORD-V1'));
    expect(basic.status).toBe(401);
    for (const role of ['agent', 'ops'] as const) {
      const res = await h.http.post('/v1/cases').set(auth(role)).send(body('ORD-V1'));
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('/docs#problem-forbidden');
    }
  });

  test('no workflow exists for the order every refused request named', async () => {
    expect(await countByOrder('ORD-V1')).toBe(0);
    await expect(h.env.client.workflow.getHandle(caseWorkflowId(caseIdFor('ORD-V1', 'damaged', 1))).describe()).rejects.toThrow(/not found/i);
  });
});
