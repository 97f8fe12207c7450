/**
 * Case KPIs: the metric names, kinds and labels, and a pure function from what happened in a case
 * to the samples to record. Recorded by the case workflow through its `metricMeter`
 * (src/workflows/case/kpis.ts), which the worker's runtime exports with its own metrics
 * (src/worker.ts installRuntime). Safe in workflow code: no I/O, no clock; label values come only
 * from closed enums (no personal data, bounded).
 *
 * Exported names (checked by tests/e2e/metrics.test.ts): workflow metrics get no `temporal_` prefix;
 * with countersTotalSuffix the exporter adds the `_total` of counters, so counters are created under
 * their name without it (meterName); with unitSuffix it would append a histogram's unit as `_s`,
 * so histograms carry the unit in their name and are created without one. The SDK adds the tags
 * namespace, taskQueue and workflowType.
 */
import type { MetricMeter } from '@temporalio/common';
import type { CaseType, Priority, Region, Resolution } from '../domain/types';

/** A label value not known (yet) when the event happened: a case rejected before triage has no region. */
export type Unknown = 'unknown';

type Kind = 'counter' | 'histogram';
interface MetricDef {
  name: string;
  kind: Kind;
  labels: readonly string[];
  unit: string;
  help: string;
}

const def = <L extends readonly string[]>(name: string, kind: Kind, labels: L, unit: string, help: string) => ({ name, kind, labels, unit, help }) as const;

/** Every case KPI, by key: Prometheus names (snake case, `_total` counters, base units). */
export const CASE_METRICS = {
  opened: def('cases_opened_total', 'counter', ['case_type', 'region'] as const, '1', 'Cases opened.'),
  closed: def('cases_closed_total', 'counter', ['case_type', 'resolution'] as const, '1', 'Cases closed, by how they were resolved.'),
  firstResponse: def('first_response_seconds', 'histogram', ['case_type', 'priority'] as const, 's', 'From opening to the specialist’s first response.'),
  resolution: def('resolution_seconds', 'histogram', ['case_type', 'resolution'] as const, 's', 'From opening to closing.'),
  slaBreaches: def('sla_breaches_total', 'counter', ['kind', 'priority'] as const, '1', 'SLA deadlines missed (response or resolution).'),
  refundsPaid: def('refunds_paid_total', 'counter', ['case_type'] as const, '1', 'Refunds paid out.'),
  refundAmount: def('refund_amount_fen', 'counter', ['case_type'] as const, 'fen', 'Amount refunded, in fen (1/100 CNY).'),
  couponsGranted: def('coupons_granted_total', 'counter', ['case_type'] as const, '1', 'Goodwill coupons granted.'),
} as const satisfies Record<string, MetricDef>;

export type CaseMetricKey = keyof typeof CASE_METRICS;

/** What happened in a case that a KPI counts. */
export type CaseMetricEvent =
  | { kind: 'opened'; caseType: CaseType; region: Region | Unknown }
  | { kind: 'first_response'; caseType: CaseType; priority: Priority | Unknown; seconds: number }
  | { kind: 'closed'; caseType: CaseType; resolution: Resolution | 'none'; seconds: number }
  | { kind: 'sla_breached'; sla: 'response' | 'resolution'; priority: Priority | Unknown }
  | { kind: 'refund_paid'; caseType: CaseType; amountFen: number }
  | { kind: 'coupon_granted'; caseType: CaseType };

export interface CaseMetricSample {
  metric: CaseMetricKey;
  value: number;
  labels: Record<string, string>;
}

/** The samples one event records. Pure. */
export function caseMetricSamples(e: CaseMetricEvent): CaseMetricSample[] {
  switch (e.kind) {
    case 'opened':
      return [{ metric: 'opened', value: 1, labels: { case_type: e.caseType, region: e.region } }];
    case 'first_response':
      return [{ metric: 'firstResponse', value: Math.max(0, e.seconds), labels: { case_type: e.caseType, priority: e.priority } }];
    case 'closed': {
      const labels = { case_type: e.caseType, resolution: e.resolution };
      return [
        { metric: 'closed', value: 1, labels },
        { metric: 'resolution', value: Math.max(0, e.seconds), labels },
      ];
    }
    case 'sla_breached':
      return [{ metric: 'slaBreaches', value: 1, labels: { kind: e.sla, priority: e.priority } }];
    case 'refund_paid':
      return [
        { metric: 'refundsPaid', value: 1, labels: { case_type: e.caseType } },
        { metric: 'refundAmount', value: Math.max(0, Math.round(e.amountFen)), labels: { case_type: e.caseType } },
      ];
    case 'coupon_granted':
      return [{ metric: 'couponsGranted', value: 1, labels: { case_type: e.caseType } }];
  }
}

/** The name to create an instrument under: counters without `_total` (the exporter adds it). */
export function meterName(key: CaseMetricKey): string {
  const m = CASE_METRICS[key];
  return m.kind === 'counter' ? m.name.replace(/_total$/, '') : m.name;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * Bucket boundaries (seconds) of the case histograms, for the exporter's histogramBucketOverrides:
 * the default ones (50 ms … 10 s) suit task latencies, not cases that take minutes to days.
 */
export const CASE_HISTOGRAM_BUCKETS: Record<string, number[]> = {
  [CASE_METRICS.firstResponse.name]: [MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, DAY, 2 * DAY],
  [CASE_METRICS.resolution.name]: [HOUR, 4 * HOUR, 12 * HOUR, DAY, 2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY],
};

/** Records samples on a MetricMeter (the workflow's `metricMeter`). */
export function recordCaseMetrics(meter: MetricMeter, samples: readonly CaseMetricSample[]): void {
  for (const { metric, value, labels } of samples) {
    const m: MetricDef = CASE_METRICS[metric];
    if (m.kind === 'counter') meter.createCounter(meterName(metric), m.unit, m.help).add(value, labels);
    else meter.createHistogram(meterName(metric), 'float', undefined, m.help).record(value, labels);
  }
}
