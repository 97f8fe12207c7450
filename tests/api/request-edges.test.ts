/**
 * Requests that are almost right get an answer that says what is wrong: a JSON body in another
 * charset than UTF-8 is a 415 (not a parse error), and a webhook's X-Timestamp in milliseconds is
 * named as such. No Temporal is needed: the app runs on a lazy client that never connects.
 */
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { createApp } from '../../src/api/app';
import { charsetOf } from '../../src/api/bodies';
import { developmentApiKeys } from '../../src/api-keys';
import { signBody } from '../../src/shared/webhook-signature';

const SECRET = 'request-edges-test-secret';
const connection = Connection.lazy({ address: '127.0.0.1:1' });
const app = createApp({ client: new Client({ connection }), namespace: 'default', apiKeys: developmentApiKeys(), webhookSecret: SECRET, logger: () => undefined });
afterAll(() => connection.close());

test('the charset of a Content-Type', () => {
  expect(charsetOf('application/json; charset=UTF-16')).toBe('utf-16');
  expect(charsetOf('application/json;charset="utf-8"')).toBe('utf-8');
  expect(charsetOf('application/json')).toBeUndefined();
  expect(charsetOf(undefined)).toBeUndefined();
});

test('a JSON body in UTF-16 is a 415 that names the charset; UTF-8 named explicitly is read', async () => {
  const body = Buffer.from(JSON.stringify({ orderId: 'ORD-1' }), 'utf16le');
  const res = await request(app).post('/v1/cases').set('Authorization', 'Bearer dev-service-key').set('Content-Type', 'application/json; charset=utf-16').send(body);
  expect(res.status).toBe(415);
  expect(res.body.detail).toContain('charset=utf-16');
  const utf8 = await request(app).post('/v1/cases').set('Authorization', 'Bearer dev-service-key').set('Content-Type', 'application/json; charset=UTF-8').send('{"orderId":"ORD-1"}');
  expect(utf8.status).toBe(400); // read, then refused by the schema (no caseType, items, …)
  expect(utf8.body.issues.length).toBeGreaterThan(0);
});

test('a webhook signed with a timestamp in milliseconds: 401 saying seconds, not milliseconds', async () => {
  const raw = JSON.stringify({ trackingNumber: 'SF100000000001', event: 'in_transit', occurredAt: new Date().toISOString() });
  const ms = Date.now();
  const res = await request(app)
    .post('/v1/webhooks/carriers/SF')
    .set('Content-Type', 'application/json')
    .set('X-Timestamp', String(ms))
    .set('X-Signature', signBody(SECRET, raw, ms))
    .send(raw);
  expect(res.status).toBe(401);
  expect(res.body.detail).toMatch(/Unix seconds .*not milliseconds/);
});

test('an action with a query parameter it does not take (`?dryRun=true`) is refused before anything is applied, naming the parameter', async () => {
  const res = await request(app)
    .post('/v1/cases/AC-0000000000000001-1/withdraw?dryRun=true')
    .set('Authorization', 'Bearer dev-service-key')
    .send({ reason: 'testing' });
  expect(res.status).toBe(400);
  expect(res.body.issues).toEqual([{ in: 'query', path: 'dryRun', code: 'unrecognized_keys', message: 'POST /v1/cases/{id}/withdraw takes no query parameters' }]);
  const open = await request(app).post('/v1/cases?async=1').set('Authorization', 'Bearer dev-service-key').send({});
  expect(open.status).toBe(400);
  expect(open.body.issues).toEqual(expect.arrayContaining([{ in: 'query', path: 'async', code: 'unrecognized_keys', message: 'POST /v1/cases takes no query parameters' }]));
});

test('a list filter given twice says so (one value per filter), not that its value is invalid', async () => {
  const res = await request(app).get('/v1/cases?status=intake&status=closed&priority=P1').set('Authorization', 'Bearer dev-agent-key');
  expect(res.status).toBe(400);
  expect(res.body.issues).toEqual([{ in: 'query', path: 'status', code: 'repeated', message: 'status is given 2 times; give it once' }]);
});

test('a body in a Content-Encoding the API cannot read is a 415 naming it; one that does not decompress says so; gzip is read', async () => {
  const { gzipSync } = await import('node:zlib');
  const post = (encoding: string, body: Buffer | string) =>
    request(app)
      .post('/v1/cases')
      .set('Authorization', 'Bearer dev-service-key')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', encoding)
      .serialize((x: unknown) => x as string)
      .send(body as unknown as string);
  const body = gzipSync(JSON.stringify({ orderId: 'ORD-1' }));
  const zstd = await post('zstd', body);
  expect(zstd.status).toBe(415);
  expect(zstd.body.detail).toBe('a body in Content-Encoding zstd cannot be read: send it as identity, gzip, deflate or br');
  const notBrotli = await post('br', 'not brotli at all');
  expect(notBrotli.status).toBe(400);
  expect(notBrotli.body.detail).toBe('the body could not be decompressed as its Content-Encoding says');
  const gzip = await post('gzip', body);
  expect(gzip.status).toBe(400); // read, then refused by the schema (no caseType, items, …)
  expect(gzip.body.issues.length).toBeGreaterThan(0);
});

test('a 403 names the request as sent and the permission it needs, not an internal name', async () => {
  const retry = await request(app).post('/v1/cases/AC-0000000000000001-1/retry-step').set('Authorization', 'Bearer dev-service-key').send({ by: 'SVC' });
  expect(retry.status).toBe(403);
  expect(retry.body.detail).toBe('the service role may not POST /v1/cases/:id/retry-step: it needs cases:attention, which agent and ops have');
  const note = await request(app).post('/v1/cases/AC-0000000000000001-1/notes').set('Authorization', 'Bearer dev-ops-key').send({ author: 'OPS-1', text: 'x' });
  expect(note.body.detail).toBe('the ops role may not POST /v1/cases/:id/notes: it needs cases:notes, which agent has');
});
