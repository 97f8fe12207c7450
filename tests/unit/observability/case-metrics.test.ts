/** Case KPI definitions and the pure event → samples mapping (not yet wired into the workflow). */
import type { MetricMeter } from '@temporalio/common';
import { CASE_METRICS, caseMetricSamples, meterName, recordCaseMetrics, type CaseMetricEvent } from '../../../src/observability/case-metrics';
import { explainStartError, workerMetricsBindAddress } from '../../../src/observability/worker-metrics';

const EVENTS: CaseMetricEvent[] = [
  { kind: 'opened', caseType: 'damaged', region: 'Northwest' },
  { kind: 'first_response', caseType: 'damaged', priority: 'P1', seconds: 420 },
  { kind: 'closed', caseType: 'damaged', resolution: 'reship', seconds: 86_400 },
  { kind: 'sla_breached', sla: 'response', priority: 'P1' },
  { kind: 'refund_paid', caseType: 'spoiled', amountFen: 5900 },
  { kind: 'coupon_granted', caseType: 'damaged' },
];

test('names follow Prometheus conventions: snake case, counters end in _total, histograms name their unit', () => {
  for (const m of Object.values(CASE_METRICS)) {
    expect(m.name).toMatch(/^[a-z][a-z0-9_]*$/);
    if (m.kind === 'counter') expect(m.name).toMatch(/_total$|_fen$/);
    else expect(m.name).toMatch(/_seconds$/);
  }
  expect(Object.values(CASE_METRICS).map((m) => m.name)).toEqual([
    'cases_opened_total', 'cases_closed_total', 'first_response_seconds', 'resolution_seconds',
    'sla_breaches_total', 'refunds_paid_total', 'refund_amount_fen', 'coupons_granted_total',
  ]);
});

test('each event gives samples whose labels are exactly the metric’s declared labels', () => {
  const all = EVENTS.flatMap(caseMetricSamples);
  expect(new Set(all.map((s) => s.metric))).toEqual(new Set(Object.keys(CASE_METRICS)));
  for (const s of all) expect(Object.keys(s.labels).sort()).toEqual([...CASE_METRICS[s.metric].labels].sort());
  expect(caseMetricSamples(EVENTS[4]!)).toEqual([
    { metric: 'refundsPaid', value: 1, labels: { case_type: 'spoiled' } },
    { metric: 'refundAmount', value: 5900, labels: { case_type: 'spoiled' } },
  ]);
  expect(caseMetricSamples(EVENTS[2]!).map((s) => [s.metric, s.value])).toEqual([['closed', 1], ['resolution', 86_400]]);
});

test('recordCaseMetrics creates counters without _total (the exporter adds it) and records with labels', () => {
  const calls: string[] = [];
  const meter = {
    createCounter: (name: string, unit: string) => ({ add: (v: number, tags: object) => calls.push(`counter ${name} ${unit} ${v} ${JSON.stringify(tags)}`) }),
    createHistogram: (name: string, type: string, unit: string) => ({ record: (v: number, tags: object) => calls.push(`histogram ${name} ${type} ${unit} ${v} ${JSON.stringify(tags)}`) }),
  } as unknown as MetricMeter;
  recordCaseMetrics(meter, [...caseMetricSamples(EVENTS[0]!), ...caseMetricSamples(EVENTS[1]!)]);
  expect(calls).toEqual([
    'counter cases_opened 1 1 {"case_type":"damaged","region":"Northwest"}',
    'histogram first_response_seconds float undefined 420 {"case_type":"damaged","priority":"P1"}',
  ]);
  expect(meterName('refundAmount')).toBe('refund_amount_fen');
});

test('worker metrics address: default 9464, a port, or off', () => {
  expect(workerMetricsBindAddress(undefined, '127.0.0.1')).toBe('127.0.0.1:9464');
  expect(workerMetricsBindAddress('9500', '0.0.0.0')).toBe('0.0.0.0:9500');
  expect(workerMetricsBindAddress('0', 'h')).toBeUndefined();
  expect(workerMetricsBindAddress('off', 'h')).toBeUndefined();
  expect(() => workerMetricsBindAddress('70000', 'h')).toThrow(/AFTERCASE_WORKER_METRICS_PORT/);
});

test('a taken worker metrics port is explained with its address and the setting; other errors pass unchanged', () => {
  const taken = new Error('Failed to start prometheus metrics exporter: Address already in use (os error 98)');
  expect(explainStartError(taken, '127.0.0.1:12004', () => undefined)).toBe(
    'the worker metrics address 127.0.0.1:12004 is already in use (another aftercase worker?): set AFTERCASE_WORKER_METRICS_PORT to a free port, or off',
  );
  // The process holding the port, when the socket table tells it (asked for the port of the address).
  const asked: number[] = [];
  const holder = (port: number) => (asked.push(port), { pid: 4242, ppid: 1, argv: ['node', 'src/start.ts'] });
  expect(explainStartError(taken, '127.0.0.1:12004', holder)).toBe(
    'the worker metrics address 127.0.0.1:12004 is already in use by pid 4242 (node src/start.ts); stop it (kill 4242), or set AFTERCASE_WORKER_METRICS_PORT to a free port, or off',
  );
  expect(asked).toEqual([12004]);
  expect(explainStartError(taken, undefined)).toBe(taken.message);
  expect(explainStartError(new Error('no Temporal CLI'), '127.0.0.1:9464')).toBe('no Temporal CLI');
  expect(explainStartError('plain', undefined)).toBe('plain');
});
