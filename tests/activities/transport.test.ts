/**
 * The default transport (node:http with keep-alive) against a raw server that misbehaves on purpose:
 * the deadline covers the answer's headers and its body, a body cut off is told apart from one that
 * stalls, nobody listening is unreachable, and a kept-alive socket serves the next call.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeTransport, TransportError } from '../../src/activities/transport';
import { systemClient } from '../../src/activities/http';
import { sandboxBaseUrls } from '../../src/activities';
import { MockActivityEnvironment } from '@temporalio/testing';
import { z } from 'zod';

let server: http.Server;
let base: string;
const sockets = new Set<string>();
beforeAll(async () => {
  server = http.createServer((req, res) => {
    sockets.add(`${req.socket.remotePort}`);
    const body: Buffer[] = [];
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => {
      if (req.url === '/echo') {
        res.writeHead(201, { 'content-type': 'application/json', 'x-seen-key': req.headers['idempotency-key'] ?? '' });
        res.end(JSON.stringify({ method: req.method, body: Buffer.concat(body).toString('utf8'), length: req.headers['content-length'] ?? null }));
      } else if (req.url?.startsWith('/go/')) {
        // /go/<status>/<target>: a redirect to /<target>; /go/loop redirects to itself
        const [, , status, target] = req.url.split('/');
        const to = status === 'loop' ? '/go/loop' : `/${target}`;
        res.writeHead(status === 'loop' ? 307 : Number(status), { location: to }).end('moved');
      } else if (req.url === '/refuse') {
        res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'refund_exceeds_refundable' }));
      } else if (req.url === '/slow') {
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"slow":true}'), 4_500);
      } else if (req.url === '/silent') {
        // never answers
      } else if (req.url === '/stall') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"half":');
      } else if (req.url === '/cut') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"half":');
        setTimeout(() => req.socket.destroy(), 20);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (err: unknown) => err as TransportError);

test('a whole answer: status, headers by any case, body; the body is sent with its length', async () => {
  const answer = await nodeTransport({ method: 'POST', url: `${base}/echo`, headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' }, body: '{"a":"é"}' }, 1_000);
  expect(answer.status).toBe(201);
  expect(answer.header('X-Seen-Key')).toBe('k-1');
  expect(answer.header('retry-after')).toBeNull();
  expect(JSON.parse(answer.text)).toEqual({ method: 'POST', body: '{"a":"é"}', length: '10' });
});

test('calls one after another reuse a kept-alive socket', async () => {
  sockets.clear();
  for (let i = 0; i < 5; i++) await nodeTransport({ method: 'GET', url: `${base}/echo`, headers: {} }, 1_000);
  expect(sockets.size).toBe(1);
});

test('an answer slower than the idle sockets\' 4 s timeout still arrives within its own deadline', async () => {
  const answer = await nodeTransport({ method: 'GET', url: `${base}/slow`, headers: {} }, 8_000);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.text)).toEqual({ slow: true });
}, 15_000);

test('redirects are followed as fetch followed them: 307/308 repeat the request, 303 (and 301/302 after a POST) become a GET', async () => {
  const post = (url: string) => nodeTransport({ method: 'POST', url: `${base}${url}`, headers: { 'content-type': 'application/json' }, body: '{"n":1}' }, 1_000);
  expect(JSON.parse((await post('/go/308/echo')).text)).toEqual({ method: 'POST', body: '{"n":1}', length: '7' });
  expect(JSON.parse((await post('/go/307/echo')).text)).toEqual({ method: 'POST', body: '{"n":1}', length: '7' });
  for (const status of [301, 302, 303]) expect(JSON.parse((await post(`/go/${status}/echo`)).text)).toEqual({ method: 'GET', body: '', length: null });
  const get = await nodeTransport({ method: 'GET', url: `${base}/go/301/echo`, headers: {} }, 1_000);
  expect(JSON.parse(get.text)).toMatchObject({ method: 'GET' });
  // A loop ends after MAX_REDIRECTS hops: the redirect itself is the answer (a refusal to the caller).
  const loop = await nodeTransport({ method: 'GET', url: `${base}/go/loop`, headers: {} }, 1_000);
  expect(loop.status).toBe(307);
});

test('no answer within the deadline, an answer that stalls, one cut off, and nobody listening are each told apart', async () => {
  expect(await failureOf(nodeTransport({ method: 'GET', url: `${base}/silent`, headers: {} }, 200))).toMatchObject({ kind: 'no_answer', code: undefined });
  expect(await failureOf(nodeTransport({ method: 'GET', url: `${base}/stall`, headers: {} }, 200))).toMatchObject({ kind: 'stalled', code: undefined });
  expect(await failureOf(nodeTransport({ method: 'GET', url: `${base}/cut`, headers: {} }, 2_000))).toMatchObject({ kind: 'stalled', code: expect.any(String) });
  expect(await failureOf(nodeTransport({ method: 'GET', url: 'http://127.0.0.1:1/x', headers: {} }, 1_000))).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' });
});

test('the system client turns each into a retryable failure with its own message', async () => {
  const client = systemClient('orders', { baseUrls: { ...sandboxBaseUrls(base), orders: base }, timeoutMs: 200 });
  const any = z.unknown();
  const failure = (path: string) => client({ method: 'GET', path }, any).then(() => undefined, (err: { type?: string; nonRetryable?: boolean; message: string }) => err);
  expect(await failure('/silent')).toMatchObject({ type: 'OrdersTimeout', nonRetryable: false, message: 'orders GET /silent gave no answer within 200 ms' });
  expect(await failure('/stall')).toMatchObject({ type: 'OrdersTimeout', nonRetryable: false, message: 'orders GET /stall stalled mid-answer after 200 ms' });
  expect(await failure('/cut')).toMatchObject({ type: 'OrdersUnreachable', nonRetryable: false, message: expect.stringMatching(/^orders GET \/cut broke off mid-answer \(E[A-Z]+\)$/) });
});

test('a refusal carries the attempt it came on when that is a retry (the workflow then looks the step up first)', async () => {
  const client = systemClient('payments', { baseUrls: { ...sandboxBaseUrls(base), payments: base }, timeoutMs: 1_000 });
  type Refusal = { type?: string; nonRetryable?: boolean; details?: unknown[] } | undefined;
  const refusal = (): Promise<Refusal> => client({ method: 'POST', path: '/refuse', body: {}, idempotencyKey: 'k-1' }, z.unknown()).then(() => undefined, (err: NonNullable<Refusal>) => err);
  expect(await refusal()).toMatchObject({ type: 'PaymentsRejected', nonRetryable: true, details: [{ system: 'payments', status: 422, code: 'refund_exceeds_refundable' }] });
  const inActivity = (attempt: number) => new MockActivityEnvironment({ attempt }).run(refusal) as Promise<Refusal>;
  expect((await inActivity(1))?.details).toEqual([{ system: 'payments', status: 422, code: 'refund_exceeds_refundable' }]);
  expect((await inActivity(2))?.details).toEqual([{ system: 'payments', status: 422, code: 'refund_exceeds_refundable', attempt: 2 }]);
});
