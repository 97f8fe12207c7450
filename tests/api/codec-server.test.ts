/**
 * The codec server (/codec/encode, /codec/decode) in process: who may call it, what it decodes,
 * and which browser origins get a CORS grant. It needs no Temporal: its codec is the API client's.
 */
import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import request from 'supertest';
import { createApp } from '../../src/api/app';
import { apiKeys, developmentApiKeys } from '../../src/api-keys';
import { testCodec, testDataConverter } from '../support/codec';
import { KEYS, auth } from './support';

const UI = 'http://127.0.0.1:8233';
const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }), dataConverter: testDataConverter });
const keys = apiKeys(Object.entries(KEYS).map(([role, key]) => ({ role: role as keyof typeof KEYS, key })));
const app = (devKeys = false) =>
  createApp({ client, namespace: 'default', apiKeys: devKeys ? developmentApiKeys() : keys, webhookSecret: 'codec-test-secret-0123456789', logger: () => undefined });

const b64 = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('base64');
const asJson = (p: Payload) => ({ metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(p.data) });
const text = (s: string) => Buffer.from(s, 'base64').toString('utf8');

async function encryptedBody(value: unknown) {
  const plain: Payload = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(value)) };
  return { payloads: (await testCodec.encode([plain])).map(asJson) };
}
const SECRET = { description: 'cracked lid', photos: ['https://img.example.com/lid.jpg'] };

test('without a key: 401; with the service key: 403; agent and ops keys decode', async () => {
  const body = await encryptedBody(SECRET);
  const none = await request(app()).post('/codec/decode').send(body);
  expect(none.status).toBe(401);
  expect(JSON.stringify(none.body)).not.toContain('cracked');
  expect((await request(app()).post('/codec/decode').set(auth('service')).send(body)).status).toBe(403);
  for (const role of ['ops', 'agent'] as const) {
    const res = await request(app()).post('/codec/decode').set(auth(role)).set('X-Namespace', 'default').send(body);
    expect(res.status).toBe(200);
    expect(res.body.payloads).toHaveLength(1);
    expect(text(res.body.payloads[0].metadata.encoding)).toBe('json/plain');
    expect(JSON.parse(text(res.body.payloads[0].data))).toEqual(SECRET);
  }
});

test('encode then decode round-trips, and encode hides the data', async () => {
  const plain = { payloads: [{ metadata: { encoding: b64(Buffer.from('json/plain')) }, data: b64(Buffer.from('"hello"')) }] };
  const enc = await request(app()).post('/codec/encode').set(auth('ops')).send(plain);
  expect(enc.status).toBe(200);
  expect(text(enc.body.payloads[0].metadata.encoding)).toBe('binary/encrypted');
  expect(text(enc.body.payloads[0].metadata['encryption-key-id'])).toBe(testCodec.currentKeyId);
  expect(text(enc.body.payloads[0].data)).not.toContain('hello');
  const dec = await request(app()).post('/codec/decode').set(auth('ops')).send(enc.body);
  expect(dec.body).toEqual(plain);
});

test('another namespace, a malformed body or an unknown key id are refused with a reason', async () => {
  const body = await encryptedBody(SECRET);
  expect((await request(app()).post('/codec/decode').set(auth('ops')).set('X-Namespace', 'other').send(body)).status).toBe(403);
  const bad = await request(app()).post('/codec/decode').set(auth('ops')).send({ payloads: [{ data: '***' }] });
  expect(bad.status).toBe(400);
  expect(bad.body.issues[0]).toMatchObject({ in: 'body' });
  const unknown = { payloads: [{ ...body.payloads[0]!, metadata: { ...body.payloads[0]!.metadata, 'encryption-key-id': b64(Buffer.from('gone-2024')) } }] };
  const missing = await request(app()).post('/codec/decode').set(auth('ops')).send(unknown);
  expect(missing.status).toBe(400);
  expect(missing.body.detail).toContain('"gone-2024"');
});

test("the CLI's requests: an empty X-Namespace is no namespace, and `{}` is an empty list of payloads", async () => {
  // `temporal workflow show --codec-endpoint …` without --namespace sends `X-Namespace:` empty; a query
  // or `workflow metadata` with no arguments sends `{}` to /codec/encode (proto3 JSON omits an empty list).
  const body = await encryptedBody(SECRET);
  const decoded = await request(app()).post('/codec/decode').set(auth('ops')).set('X-Namespace', '').send(body);
  expect(decoded.status).toBe(200);
  expect(JSON.parse(text(decoded.body.payloads[0].data))).toEqual(SECRET);
  for (const op of ['encode', 'decode']) {
    const empty = await request(app()).post(`/codec/${op}`).set(auth('ops')).set('X-Namespace', '').send({});
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ payloads: [] });
  }
});

describe('CORS', () => {
  test('the UI origin: preflight answered with the grant, and the POST carries it', async () => {
    const pre = await request(app())
      .options('/codec/decode')
      .set('Origin', UI)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(UI);
    expect(pre.headers['access-control-allow-credentials']).toBe('true');
    expect(pre.headers['access-control-allow-headers']).toBe('authorization, content-type, x-namespace');
    expect(pre.headers['access-control-allow-methods']).toContain('POST');
    const post = await request(app()).post('/codec/decode').set('Origin', 'http://localhost:8233').set(auth('ops')).send(await encryptedBody(SECRET));
    expect(post.status).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBe('http://localhost:8233');
  });

  test('another origin gets no grant, preflight or not, even with a good key', async () => {
    const evil = 'http://evil.example:8233';
    const pre = await request(app()).options('/codec/decode').set('Origin', evil).set('Access-Control-Request-Method', 'POST');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.status).toBe(403);
    const post = await request(app()).post('/codec/decode').set('Origin', evil).set(auth('ops')).send(await encryptedBody(SECRET));
    expect(post.status).toBe(403);
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    expect(JSON.stringify(post.body)).not.toContain('cracked');
  });

  test('on the development keys the dev UI (no sign-in, no token) decodes keyless; nobody else does', async () => {
    const body = await encryptedBody(SECRET);
    expect((await request(app(true)).post('/codec/decode').set('Origin', UI).send(body)).status).toBe(200);
    expect((await request(app(true)).post('/codec/decode').send(body)).status).toBe(401);
    expect((await request(app(true)).post('/codec/decode').set('Origin', 'http://evil.example').send(body)).status).toBe(403);
    // With real keys the UI origin alone is not enough.
    expect((await request(app()).post('/codec/decode').set('Origin', UI).send(body)).status).toBe(401);
  });
});

test('other methods: 405 naming POST', async () => {
  const res = await request(app()).get('/codec/decode').set(auth('ops'));
  expect(res.status).toBe(405);
  expect(res.headers.allow).toBe('POST, OPTIONS');
});
