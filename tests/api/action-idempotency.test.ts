/**
 * Idempotency-Key on case actions, against a real Temporal dev server: the same key and request is
 * applied once and answers the same (also concurrently, and after a crash between the key's claim
 * and the update); the same key with another request (body, action, case, or an opening) is a 422
 * `idempotency_key_reused` naming what the key belongs to; keys of different API keys never meet.
 */
import request from 'supertest';
import { apiKeys, keyDigest } from '../../src/api-keys';
import { claimActionKey } from '../../src/cases/action-keys';
import { caseDeps } from '../../src/cases/deps';
import { auth, eventually, KEYS, startApiHarness, testOrder, type ApiHarness } from './support';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({ orders: ['ORD-IK1', 'ORD-IK2', 'ORD-IK3', 'ORD-IK4', 'ORD-IK5', 'ORD-IK6'].map((id) => testOrder(id)) });
});
afterAll(async () => {
  await h?.teardown();
});

type Role = keyof typeof KEYS;
async function open(orderId: string, extra: Record<string, unknown> = {}, key?: string): Promise<string> {
  const req = h.http.post('/v1/cases').set(auth('service'));
  if (key) req.set('Idempotency-Key', key);
  const res = await req.send({ orderId, channel: 'app', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }], ...extra });
  expect(res.status).toBe(201);
  return res.body.caseId;
}
const read = (id: string) => h.http.get(`/v1/cases/${id}`).set(auth('agent'));
const waitFor = (id: string, status: string) =>
  eventually(
    () => read(id).then((r) => r.body),
    (v) => v.status === status,
  );
const act = (id: string, action: string, role: Role, payload: object, key: string, http = h.http) =>
  http.post(`/v1/cases/${id}/${action}`).set(auth(role)).set('Idempotency-Key', key).send(payload);
const noteTexts = async (id: string) => (await read(id)).body.notes.map((n: { text: string }) => n.text);

function expectReused(res: request.Response, detail: RegExp) {
  expect(res.status).toBe(422);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.type).toBe('/docs#problem-idempotency_key_reused');
  expect(res.body.detail).toMatch(detail);
}

test('review: the same key and request answers the same, applied once; the same key with another decision is a 422 naming the review and case', async () => {
  const id = await open('ORD-IK1', { evidence: [{ url: 'https://photos.example.com/p.jpg?score=0.5', kind: 'item' }] });
  await waitFor(id, 'awaiting_review');
  const approve = { agentId: 'AG-EAST-01', decision: 'approve' };

  const first = await act(id, 'review', 'agent', approve, 'rev-1').set('Prefer', 'return=minimal');
  expect(first.status).toBe(200);
  const again = await act(id, 'review', 'agent', approve, 'rev-1').set('Prefer', 'return=minimal');
  expect(again.status).toBe(200);
  expect(again.body).toEqual(first.body);

  const reject = await act(id, 'review', 'agent', { ...approve, decision: 'reject' }, 'rev-1');
  expectReused(reject, new RegExp(`belongs to review on case ${id}`));
  // The same request with the key is still answered as the first time.
  expect((await act(id, 'review', 'agent', approve, 'rev-1').set('Prefer', 'return=minimal')).body).toEqual(first.body);
  const after = (await read(id)).body;
  expect(after.verification.reviewedBy).toBe('AG-EAST-01');
  expect(after.status).not.toBe('rejected_open_to_dispute');
});

test('notes: a retried and concurrent request with one key adds one note; another body, action or case with the key is refused and changes nothing', async () => {
  const id = await open('ORD-IK2');
  const other = await open('ORD-IK3');
  await waitFor(id, 'awaiting_evidence');
  const note = { author: 'AG-EAST-01', text: 'called the customer' };

  const answers = await Promise.all(Array.from({ length: 4 }, () => act(id, 'notes', 'agent', note, 'note-1').set('Prefer', 'return=minimal')));
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  expect(new Set(answers.map((r) => JSON.stringify(r.body))).size).toBe(1);
  expect(await noteTexts(id)).toEqual(['called the customer']);

  expectReused(await act(id, 'notes', 'agent', { ...note, text: 'another note' }, 'note-1'), new RegExp(`belongs to notes on case ${id}`));
  expectReused(await act(id, 'escalate', 'agent', { by: 'AG-EAST-01', reason: 'slow' }, 'note-1'), /belongs to notes on case/);
  expectReused(await act(other, 'notes', 'agent', note, 'note-1'), new RegExp(`belongs to notes on case ${id}`));
  expect(await noteTexts(id)).toEqual(['called the customer']);
  expect((await read(other)).body.notes).toEqual([]);
  expect((await read(id)).body.escalationLevel).toBe(0);

  // A key an opening used is not an action's: the caller's keys are one space.
  await open('ORD-IK4', {}, 'open-ik4');
  expectReused(await act(id, 'resolution', 'service', { resolution: 'refund' }, 'open-ik4'), /belongs to the opening of a damaged case for order ORD-IK4/);
});

test('a retry after the API died between claiming the key and sending the update applies the action once', async () => {
  const id = await waitFor(await open('ORD-IK5'), 'awaiting_evidence').then((v) => v.caseId as string);
  const note = { author: 'AG-EAST-01', text: 'claimed, then the API died' };
  // The first attempt got as far as the key's record.
  const deps = caseDeps({ client: h.env.client, namespace: h.env.namespace ?? 'default', taskQueue: h.taskQueue }, () => undefined, 'secret');
  await claimActionKey(deps, keyDigest(KEYS.agent), 'crash-1', { caseId: id, action: 'notes', body: note });
  expect(await noteTexts(id)).toEqual([]);

  const retried = await act(id, 'notes', 'agent', note, 'crash-1').set('Prefer', 'return=minimal');
  expect(retried.status).toBe(200);
  expect((await act(id, 'notes', 'agent', note, 'crash-1').set('Prefer', 'return=minimal')).body).toEqual(retried.body);
  expect(await noteTexts(id)).toEqual([note.text]);
});

test('two API keys sending the same Idempotency-Key are two requests: each is applied', async () => {
  const id = await waitFor(await open('ORD-IK6'), 'awaiting_evidence').then((v) => v.caseId as string);
  const secondAgentKey = 'test-agent-key-2';
  const app = request(
    h.extraApp({
      apiKeys: apiKeys([
        { role: 'agent', key: KEYS.agent },
        { role: 'agent', key: secondAgentKey },
        { role: 'ops', key: KEYS.ops },
      ]),
    }),
  );
  const note = { author: 'AG-EAST-01', text: 'same words, two desks' };
  const one = await app.post(`/v1/cases/${id}/notes`).set(auth('agent')).set('Idempotency-Key', 'shared-1').send(note);
  const two = await app.post(`/v1/cases/${id}/notes`).set('Authorization', `Bearer ${secondAgentKey}`).set('Idempotency-Key', 'shared-1').send(note);
  expect([one.status, two.status]).toEqual([200, 200]);
  expect(await noteTexts(id)).toEqual([note.text, note.text]);

  // Across roles too: an agent and ops escalating with the same key are two escalations.
  const byAgent = await act(id, 'escalate', 'agent', { by: 'AG-EAST-01', reason: 'slow' }, 'esc-1', app);
  const byOps = await act(id, 'escalate', 'ops', { by: 'AG-EAST-01', reason: 'slow' }, 'esc-1', app);
  expect([byAgent.status, byOps.status]).toEqual([200, 200]);
  expect([byAgent.body.escalationLevel, byOps.body.escalationLevel]).toEqual([1, 2]);
});
