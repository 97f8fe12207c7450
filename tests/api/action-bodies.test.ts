/**
 * Action bodies that can never be right are a 400 before anything reaches the case: a reject that
 * carries a refund amount, a reassignment to a desk no policy knows (it would count the merchant's
 * clocks on the fallback calendar, silently) or to no one at all. No Temporal is needed: the app runs on a lazy client
 * that never connects.
 */
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { createApp } from '../../src/api/app';
import { developmentApiKeys } from '../../src/api-keys';
import { CASE_ACTIONS } from '../../src/api/cases/actions';

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
