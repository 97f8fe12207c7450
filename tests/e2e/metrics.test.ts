/**
 * Metrics, scraped as Prometheus would: the worker's Temporal runtime (sdk-core's exporter, as
 * installRuntime configures it for npm start) and the API's /metrics (prom-client), after a few
 * cases and requests, and the case KPIs the workflow records through the SDK metric meter. Route
 * labels are templates, never URLs with ids; KPI labels are closed enums.
 */
import { installRuntime } from '../../src/worker';
import { freePort } from '../support/ports';
import { Stack, waitFor } from '../support/stack';

let s: Stack;
let workerMetrics = '';
beforeAll(async () => {
  const port = await freePort();
  workerMetrics = `http://127.0.0.1:${port}/metrics`;
  installRuntime('WARN', { metricsBindAddress: `127.0.0.1:${port}` }); // before anything builds the runtime
  s = await Stack.start('metrics');
  await s.startWorker();
}, 120_000);
afterAll(async () => {
  await s?.teardown();
});

const scrape = async (url: string) => (await fetch(url)).text();
/** The value of the sample `name{labels…}` (labels given as `k="v"` fragments, any order). */
function sample(text: string, name: string, ...labels: string[]): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.every((f) => l.includes(f)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

test('the worker exports the SDK metrics and the API counts requests by route template', async () => {
  const caseIds: string[] = [];
  for (const orderId of ['ORD-KETTLE-CQ', 'ORD-DUVET-HZ']) {
    caseIds.push(await s.openCase({ orderId, caseType: 'damaged', items: [{ sku: orderId === 'ORD-KETTLE-CQ' ? 'SKU-KETTLE' : 'SKU-DUVET', quantity: 1 }] }));
  }
  for (const id of caseIds) await s.view(id);
  expect((await s.call('GET', '/v1/cases/AC-0000000000000000-1', 'agent')).status).toBe(404);
  expect((await fetch(`${s.api}/no/such/path`)).status).toBe(404);

  // Workflow tasks ran for both cases; core exports on scrape.
  const worker = await waitFor('workflow task metrics', async () => {
    const text = await scrape(workerMetrics);
    return /^temporal_workflow_task_execution_latency_seconds_count\{/m.test(text) ? text : undefined;
  }, 30_000);
  for (const name of ['temporal_workflow_task_schedule_to_start_latency_seconds_count', 'temporal_activity_execution_latency_seconds_count', 'temporal_request_total', 'temporal_worker_task_slots_available']) {
    expect(worker).toMatch(new RegExp(`^${name}\\{`, 'm'));
  }
  expect(sample(worker, 'temporal_workflow_task_execution_latency_seconds_count', `task_queue="${s.taskQueue}"`)).toBeGreaterThanOrEqual(2);

  const api = await scrape(`${s.api}/metrics`);
  expect(sample(api, 'http_requests_total', 'method="POST"', 'route="/v1/cases"', 'status="201"')).toBe(2);
  expect(sample(api, 'http_requests_total', 'method="GET"', 'route="/v1/cases/{id}"', 'status="200"')).toBeGreaterThanOrEqual(2);
  expect(sample(api, 'http_requests_total', 'method="GET"', 'route="/v1/cases/{id}"', 'status="404"')).toBe(1);
  expect(sample(api, 'http_requests_total', 'route="unmatched"', 'status="404"')).toBe(1);
  expect(sample(api, 'http_request_duration_seconds_count', 'route="/v1/cases"', 'status="201"')).toBe(2);
  expect(api).toMatch(/^process_cpu_user_seconds_total /m);
  // No id ever becomes a label value.
  for (const id of [...caseIds, 'AC-0000000000000000-1', 'ORD-KETTLE-CQ', '/no/such/path']) expect(api).not.toContain(id);
});

test('the case workflow exports its KPIs through the SDK metric meter, labelled by closed enums only', async () => {
  const caseId = await s.openCase({
    orderId: 'ORD-SEAFOOD-SH',
    caseType: 'spoiled',
    items: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }],
    evidence: [{ url: 'https://img.example/crab-spoiled.jpg', kind: 'item' }],
  });
  expect((await s.call('POST', `/v1/cases/${caseId}/acknowledge`, 'agent', { agentId: 'AG-EAST-01' })).status).toBe(200);
  const paid = await s.reach(caseId, 'awaiting_survey');
  expect((await s.call('POST', `/v1/cases/${caseId}/feedback`, 'service', { rating: 5 })).status).toBe(200);
  await s.reach(caseId, 'closed');

  const worker = await waitFor('the closed-case KPI', async () => {
    const text = await scrape(workerMetrics);
    return /^\w*cases_closed_total\{/m.test(text) ? text : undefined;
  }, 30_000);
  const kpi = (name: string, ...labels: string[]) => sample(worker, name, `workflowType="afterSalesCase"`, ...labels);
  expect(kpi('cases_opened_total', 'case_type="spoiled"', 'region="East"')).toBe(1);
  expect(kpi('cases_opened_total', 'case_type="damaged"', 'region="Southwest"')).toBe(1); // the kettle, from the first test
  expect(kpi('first_response_seconds_count', 'case_type="spoiled"', 'priority="P1"')).toBe(1);
  expect(kpi('refunds_paid_total', 'case_type="spoiled"')).toBe(1);
  expect(kpi('refund_amount_fen_total', 'case_type="spoiled"')).toBe(paid.refund!.amount);
  expect(kpi('cases_closed_total', 'case_type="spoiled"', 'resolution="refund"')).toBe(1);
  expect(kpi('resolution_seconds_count', 'case_type="spoiled"', 'resolution="refund"')).toBe(1);
  expect(kpi('resolution_seconds_bucket', 'case_type="spoiled"', 'resolution="refund"', 'le="3600"')).toBe(1); // case buckets, not latency ones
  expect(kpi('first_response_seconds_bucket', 'case_type="spoiled"', 'priority="P1"', 'le="60"')).toBe(1);
  for (const id of [caseId, 'ORD-SEAFOOD-SH', 'AG-EAST-01', 'img.example']) expect(worker).not.toContain(id);
});
