/**
 * Listing cases from Temporal visibility (filters, pagination, injection attempts), health and
 * readiness, the OpenAPI document and the reference page, request ids and the access log, unknown
 * routes and methods, and errors that never leak internals.
 */
import { compileErrors, validate as validateOpenApi } from '@readme/openapi-parser';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { caseWorkflowId } from '../../src/workflows/case/contract';
import { approveReview, auth, eventually, startApiHarness, testOrder, type ApiHarness } from './support';

let h: ApiHarness;
const ids: Record<string, string> = {};
const startedAt = new Date(Date.now() - 1000).toISOString();

beforeAll(async () => {
  h = await startApiHarness({ orders: ['ORD-L1', 'ORD-L2', 'ORD-L3', 'ORD-L4', 'ORD-LOG'].map((id) => testOrder(id)) });
  const open = async (orderId: string, caseType: string) => {
    const res = await h.http.post('/v1/cases').set(auth('service')).send({ orderId, channel: 'web', caseType, items: [{ sku: 'SKU-MUG', quantity: 1 }] });
    expect(res.status).toBe(201);
    return res.body.caseId as string;
  };
  ids.L1 = await open('ORD-L1', 'damaged'); // awaiting photos, P1
  ids.L2 = await open('ORD-L2', 'return_no_reason'); // awaiting the return shipment
  ids.L3 = await open('ORD-L3', 'missing_item'); // reviewed (2026-12-v2), reshipped: awaiting delivery, carrier set
  ids.L4 = await open('ORD-L4', 'damaged'); // withdrawn: closed
  await approveReview(h, ids.L3);
  await eventually(() => h.http.get(`/v1/cases/${ids.L4}`).set(auth('service')).then((r) => r.body.status), (s) => s === 'awaiting_evidence');
  expect((await h.http.post(`/v1/cases/${ids.L4}/withdraw`).set(auth('service')).send({})).status).toBe(200);
});
afterAll(async () => {
  await h?.teardown();
});

const list = (query: string, role: 'service' | 'agent' | 'ops' = 'ops') => h.http.get(`/v1/cases${query}`).set(auth(role));
const caseIdsOf = (body: { items: Array<{ caseId: string }> }) => body.items.map((i) => i.caseId).sort();
/** Lists until the answer holds exactly `expected` (visibility catches up within moments). */
const listsExactly = (query: string, expected: string[]) =>
  eventually(
    () => list(query).then((r) => (r.status === 200 ? caseIdsOf(r.body) : r.body)),
    (got) => JSON.stringify(got) === JSON.stringify([...expected].sort()),
  );

describe('GET /v1/cases', () => {
  test('filters by status, type, order, carrier, priority, region, assignee, resolution, breach and opening time', async () => {
    await listsExactly('?status=awaiting_evidence', [ids.L1!]);
    await listsExactly('?status=awaiting_return_shipment', [ids.L2!]);
    await listsExactly('?type=return_no_reason', [ids.L2!]);
    await listsExactly('?orderId=ORD-L3', [ids.L3!]);
    await listsExactly('?carrier=SF&status=awaiting_delivery', [ids.L3!]);
    await listsExactly('?status=closed&resolution=withdrawn', [ids.L4!]);
    await listsExactly('?type=damaged&priority=P1&region=East', [ids.L1!, ids.L4!]);
    await listsExactly('?assignee=AG-EAST-P1&status=awaiting_evidence', [ids.L1!]);
    await listsExactly('?breached=false', Object.values(ids));
    await listsExactly('?breached=true', []);
    await listsExactly(`?openedFrom=${encodeURIComponent(startedAt)}`, Object.values(ids));
    await listsExactly(`?openedFrom=${encodeURIComponent('2100-01-01T00:00:00Z')}`, []);
    await listsExactly(`?openedTo=${encodeURIComponent(startedAt)}`, []);
  });

  test("open cases come first, newest first, then closed ones, the last closed first (visibility's order)", async () => {
    const ours = [ids.L1!, ids.L2!, ids.L3!, ids.L4!];
    // L4 was opened last but is closed: it comes after the three still open.
    await eventually(
      () => list(`?openedFrom=${encodeURIComponent(startedAt)}&pageSize=100`).then((r) => (r.body.items as Array<{ caseId: string }>).map((i) => i.caseId).filter((id) => ours.includes(id))),
      (got) => JSON.stringify(got) === JSON.stringify([ids.L3, ids.L2, ids.L1, ids.L4]),
    );
  });

  test('items are search-attribute summaries with links; every role may list', async () => {
    const res = await eventually(() => list('?orderId=ORD-L3'), (r) => r.body.items?.[0]?.carrier === 'SF');
    expect(res.body.items[0]).toMatchObject({
      caseId: ids.L3,
      orderId: 'ORD-L3',
      caseType: 'missing_item',
      status: 'awaiting_delivery',
      region: 'East',
      carrier: 'SF',
      resolution: 'reship',
      slaBreached: false,
      trackingNumbers: [expect.any(String)],
      execution: 'RUNNING',
      links: { self: `/v1/cases/${ids.L3}` },
    });
    expect(res.body.nextPageToken).toBeUndefined();
    for (const role of ['service', 'agent'] as const) expect((await list('?orderId=ORD-L3', role)).status).toBe(200);
    expect((await h.http.get('/v1/cases')).status).toBe(401);
  });

  test('pages with pageSize and nextPageToken; a token is bound to its filters and cannot be forged', async () => {
    await listsExactly('?type=damaged', [ids.L1!, ids.L4!]);
    const first = await list('?pageSize=3');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextPageToken).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await list(`?pageSize=3&nextPageToken=${first.body.nextPageToken}`);
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextPageToken).toBeUndefined();
    expect([...caseIdsOf(first.body), ...caseIdsOf(second.body)].sort()).toEqual(Object.values(ids).sort());

    const otherFilters = await list(`?pageSize=3&type=damaged&nextPageToken=${first.body.nextPageToken}`);
    expect(otherFilters.status).toBe(400);
    expect(otherFilters.body.issues[0]).toMatchObject({ in: 'query', path: 'nextPageToken' });
    const tampered = first.body.nextPageToken.slice(0, -2) + (first.body.nextPageToken.endsWith('AA') ? 'BB' : 'AA');
    expect((await list(`?pageSize=3&nextPageToken=${tampered}`)).status).toBe(400);
    expect((await list('?nextPageToken=abcdef')).status).toBe(400);
  });

  test.each([
    ['a status outside the contract', '?status=lost'],
    ['a quote in a filter', `?assignee=${encodeURIComponent('AG" OR WorkflowType = "x')}`],
    ['an injection in the order id', `?orderId=${encodeURIComponent("ORD-L1' OR 1=1")}`],
    ['an unknown filter', '?colour=red'],
    ['a filter given twice', '?status=closed&status=intake'],
    ['pageSize 0', '?pageSize=0'],
    ['pageSize 101', '?pageSize=101'],
    ['pageSize not a number', '?pageSize=ten'],
    ['breached not a boolean', '?breached=yes'],
    ['a date that is not ISO 8601', '?openedFrom=yesterday'],
  ])('400 for %s', async (_name, query) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('/docs#problem-validation_failed');
    expect(res.body.issues.every((i: { in: string }) => i.in === 'query')).toBe(true);
  });
});

describe('health', () => {
  test('/healthz is alive; /readyz reaches Temporal', async () => {
    const live = await h.http.get('/healthz');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await h.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', temporal: 'reachable' });
  });

  test('/readyz is 503 when Temporal is unreachable', async () => {
    const nowhere = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const server = h.extraApp({ client: nowhere, timeouts: { readinessMs: 800 } });
    const res = await request(server).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unready', temporal: 'unreachable' });
    // The liveness probe does not depend on Temporal.
    expect((await request(server).get('/healthz')).status).toBe(200);
  });
});

describe('the API reference', () => {
  const EXPECTED_OPERATIONS = [
    'POST /v1/cases',
    'GET /v1/cases',
    'GET /v1/cases/{id}',
    'GET /v1/cases/{id}/summary',
    'GET /v1/clocks/operations/{jobId}',
    ...['acknowledge', 'evidence', 'review', 'resolution', 'notes', 'escalate', 'withdraw', 'feedback', 'dispute', 'arbitration-ruling', 'return-received', 'retry-step', 'settle-step', 'reprioritize', 'reassign'].map(
      (a) => `POST /v1/cases/{id}/${a}`,
    ),
    'POST /v1/clocks/pause',
    'POST /v1/clocks/resume',
    'POST /v1/webhooks/carriers/{carrier}',
    'POST /codec/encode',
    'POST /codec/decode',
    'GET /healthz',
    'GET /readyz',
    'GET /openapi.json',
    'GET /docs',
  ];

  test('/openapi.json is a valid OpenAPI 3.1 document describing every route', async () => {
    const res = await h.http.get('/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    const result = await validateOpenApi(structuredClone(doc));
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
    expect(result.warnings).toEqual([]);
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual([...EXPECTED_OPERATIONS].sort());
    // The documented request schemas are the validating ones: strict bodies, the contract's enums.
    const open = doc.components.schemas.OpenCaseRequest;
    expect(open.additionalProperties).toBe(false);
    expect(open.required.sort()).toEqual(['caseType', 'channel', 'items', 'orderId']);
    expect(doc.paths['/v1/cases'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/OpenCaseRequest' });
    expect(doc.paths['/v1/cases'].post['x-roles']).toEqual(['service']);
    expect(Object.keys(doc.paths['/v1/cases/{id}/review'].post.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '422', '503']);
    expect(doc.paths['/v1/cases'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['status', 'type', 'priority', 'region', 'carrier', 'breached', 'assignee', 'openedFrom', 'openedTo', 'pageSize', 'nextPageToken']),
    );
  });

  test("the document's example request is accepted by the API it documents", async () => {
    const doc = (await h.http.get('/openapi.json')).body;
    const example = { ...doc.components.schemas.OpenCaseRequest.examples[0], orderId: 'ORD-LOG' };
    const res = await h.http.post('/v1/cases').set(auth('service')).send(example);
    expect(res.status).toBe(201);
  });

  test('every documented operation is routed (none answers the unknown-route 404)', async () => {
    const doc = (await h.http.get('/openapi.json')).body;
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(methods)) {
        const url = path.replace('{id}', 'AC-0000000000000000-1').replace('{carrier}', 'SF');
        const res = await (h.http as unknown as Record<string, (u: string) => request.Test>)[method]!(url).set(auth('ops'));
        expect([method, path, res.body?.type]).not.toEqual([method, path, '/docs#problem-not_found']);
      }
    }
  });
});

describe('request ids, the access log and errors', () => {
  test('X-Request-Id is echoed when sane, generated otherwise, and carried by problems', async () => {
    const echoed = await h.http.get('/healthz').set('X-Request-Id', 'req-abc.123');
    expect(echoed.headers['x-request-id']).toBe('req-abc.123');
    const replaced = await h.http.get('/healthz').set('X-Request-Id', 'not ok\u0001'.replace('\u0001', '') + ' <script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const problem = await h.http.get('/v1/cases/AC-0000000000000000-1').set(auth('agent')).set('X-Request-Id', 'req-404');
    expect(problem.status).toBe(404);
    expect(problem.body.requestId).toBe('req-404');
    expect(problem.headers['x-request-id']).toBe('req-404');
  });

  test('one JSON line per request: method, route pattern, status, ms, request id, case id — and nothing the customer wrote', async () => {
    const secret = 'Zhang San, 13800138000, 88 Nanjing Rd';
    const before = h.logs.length;
    const res = await h.http
      .post('/v1/cases')
      .set(auth('service'))
      .set('X-Request-Id', 'req-log-1')
      .send({ orderId: 'ORD-LOG', channel: 'hotline', caseType: 'missing_item', items: [{ sku: 'SKU-MUG', quantity: 1 }], description: secret });
    expect(res.status).toBe(201);
    await h.http.get(`/v1/cases/${res.body.caseId}?x=${encodeURIComponent(secret)}`).set(auth('agent')).set('X-Request-Id', 'req-log-2');
    const lines = h.logs.slice(before).filter((l) => l.msg === 'http_request');
    expect(lines).toEqual([
      expect.objectContaining({ method: 'POST', route: '/v1/cases', status: 201, requestId: 'req-log-1', caseId: res.body.caseId, role: 'service', ms: expect.any(Number) }),
      expect.objectContaining({ method: 'GET', route: '/v1/cases/{id}', status: 200, requestId: 'req-log-2', caseId: res.body.caseId }),
    ]);
    expect(JSON.stringify(h.logs)).not.toContain('Zhang San');
    expect(JSON.stringify(h.logs)).not.toContain('13800138000');
  });

  test('unknown routes are 404 problems; known paths with another method 405 with Allow; OPTIONS 204', async () => {
    const unknown = await h.http.get('/v2/nothing').set(auth('ops'));
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ type: '/docs#problem-not_found', status: 404, instance: '/v2/nothing' });
    expect(h.logs.at(-1)).toMatchObject({ route: null, status: 404 });

    const wrongMethod = await h.http.delete('/v1/cases').set(auth('ops'));
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST, GET, HEAD, OPTIONS');
    const options = await h.http.options('/v1/cases/AC-1/acknowledge');
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe('POST, OPTIONS');
    const badEncoding = await h.http.get('/v1/cases/%E0%A4%A').set(auth('ops'));
    expect(badEncoding.status).toBe(400);
  });

  test('an unexpected failure is a 500 problem without message or stack; the log keeps the message', async () => {
    const broken = {
      workflow: {
        getHandle() {
          throw new Error('boom at /srv/aftercase/src/secret.ts:12');
        },
      },
    } as unknown as Client;
    const server = h.extraApp({ client: broken });
    const before = h.logs.length;
    const res = await request(server).get('/v1/cases/AC-0000000000000000-1').set(auth('agent'));
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ type: '/docs#problem-internal', status: 500, detail: 'Internal error' });
    expect(res.text).not.toMatch(/boom|secret\.ts|\s+at\s/);
    expect(h.logs.slice(before)).toContainEqual(expect.objectContaining({ level: 'error', error: expect.stringContaining('boom') }));
  });

  test('a case id in a log line is the one the request named, and a closed case is listed as COMPLETED', async () => {
    await h.env.client.workflow.getHandle(caseWorkflowId(ids.L4!)).result();
    const res = await eventually(() => list('?orderId=ORD-L4'), (r) => r.body.items?.[0]?.execution === 'COMPLETED');
    expect(res.body.items[0]).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
  });
});

test('a GET of one case, or of its summary, takes a cache-buster it does not declare (200, not a 400)', async () => {
  for (const path of [`/v1/cases/${ids.L1}?_=1733400000`, `/v1/cases/${ids.L1}/summary?_=1733400000`]) {
    const res = await h.http.get(path).set(auth('agent'));
    expect(res.status).toBe(200);
    expect(res.body.caseId).toBe(ids.L1);
  }
});
