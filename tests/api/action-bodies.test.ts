/**
 * Action bodies that can never be right are a 400 before anything reaches the case: a reject that
 * carries a refund amount, a reassignment to a desk no policy knows (it would count the merchant's
 * clocks on the fallback calendar, silently) or to no one at all; and /openapi.json states each of
 * these rules, so a client or a contract test sees them before a 400 does. No Temporal is needed: the app runs on a lazy client
 * that never connects.
 */
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { createApp } from '../../src/api/app';
import { developmentApiKeys } from '../../src/api-keys';
import { CASE_ACTIONS } from '../../src/api/cases/actions';
import { openApiValidator } from './openapi-validator';
import type { ApiHarness } from './support';

const connection = Connection.lazy({ address: '127.0.0.1:1' });
const app = createApp({ client: new Client({ connection }), namespace: 'default', apiKeys: developmentApiKeys(), webhookSecret: 'action-bodies-test-secret', logger: () => undefined });
afterAll(() => connection.close());
const CASE = '/v1/cases/AC-0000000000000000-1';
const agent = { Authorization: 'Bearer dev-agent-key' };
const bodyOf = (name: string) => CASE_ACTIONS.find((a) => a.name === name)!.body;

test('a review that rejects with a partial refund amount: 400 at the amount, saying it goes with approve', async () => {
  const res = await request(app).post(`${CASE}/review`).set(agent).send({ agentId: 'AG-1', decision: 'reject', partialRefundAmount: 100 });
  expect(res.status).toBe(400);
  expect(res.body.issues).toEqual([expect.objectContaining({ in: 'body', message: expect.stringContaining('only with decision "approve"') })]);
  expect(JSON.stringify(res.body.issues[0])).toContain('partialRefundAmount');
  expect(bodyOf('review').safeParse({ agentId: 'AG-1', decision: 'approve', partialRefundAmount: 100 }).success).toBe(true);
  expect(bodyOf('review').safeParse({ agentId: 'AG-1', decision: 'reject' }).success).toBe(true);
});

test('a reassignment to an unknown desk: 400 naming the known ones; a known desk passes', async () => {
  const res = await request(app).post(`${CASE}/reassign`).set(agent).send({ by: 'LEAD-1', desk: 'mars-desk', reason: 'typo' });
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body.issues)).toContain('north-desk');
  for (const desk of ['north-desk', 'east-desk', 'finance-desk', 'fresh-p1-desk']) {
    expect(bodyOf('reassign').safeParse({ by: 'LEAD-1', desk, reason: 'cover' }).success).toBe(true);
  }
});

test('a reassignment that names neither an agent nor a desk: 400 saying to name one, before the case is asked', async () => {
  const res = await request(app).post(`${CASE}/reassign`).set(agent).send({ by: 'LEAD-1', reason: 'cover' });
  expect(res.status).toBe(400);
  expect(res.body.issues).toEqual([expect.objectContaining({ in: 'body', message: 'name an agent (agentId), a desk, or both' })]);
  expect(bodyOf('reassign').safeParse({ by: 'LEAD-1', agentId: 'AG-NORTH-02', reason: 'cover' }).success).toBe(true);
});

test('the document states the rules across fields: what the API refuses, the documented schema refuses too', async () => {
  const errorsOf = await openApiValidator({ http: request(app) } as unknown as Pick<ApiHarness, 'http'>);
  const cases: Array<[string, string, object, boolean]> = [
    ['ReviewRequest', 'review', { agentId: 'AG-1', decision: 'reject', partialRefundAmount: 100 }, false],
    ['ReviewRequest', 'review', { agentId: 'AG-1', decision: 'approve', partialRefundAmount: 100 }, true],
    ['ReviewRequest', 'review', { agentId: 'AG-1', decision: 'reject' }, true],
    ['ReassignRequest', 'reassign', { by: 'LEAD-1', reason: 'cover' }, false],
    ['ReassignRequest', 'reassign', { by: 'LEAD-1', agentId: 'AG-NORTH-02', reason: 'cover' }, true],
    ['ReassignRequest', 'reassign', { by: 'LEAD-1', desk: 'north-desk', reason: 'cover' }, true],
  ];
  for (const [component, action, body, ok] of cases) {
    expect([component, body, errorsOf(component, body).length === 0]).toEqual([component, body, ok]);
    expect([action, body, bodyOf(action).safeParse(body).success]).toEqual([action, body, ok]);
  }
  const doc = (await request(app).get('/openapi.json')).body;
  const pageSize = (doc.paths['/v1/cases'].get.parameters as Array<{ name: string; schema: { pattern: string } }>).find((p) => p.name === 'pageSize')!;
  for (const [value, ok] of [['0', false], ['101', false], ['012', false], ['1', true], ['20', true], ['100', true]] as const) {
    expect([value, new RegExp(pageSize.schema.pattern).test(value)]).toEqual([value, ok]);
    // A value the API takes goes on to Temporal, which this app never reaches: only the refusals are asked.
    if (!ok) expect([value, (await request(app).get(`/v1/cases?pageSize=${value}`).set(agent)).status]).toEqual([value, 400]);
  }
});
