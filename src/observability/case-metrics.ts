/**
 * Case KPIs: the metric names, kinds and labels, and a pure function from what happened in a case
 * to the samples to record. Meant for the workflow's `metricMeter` (@temporalio/workflow), which
 * the worker's runtime exports with its own metrics (src/worker.ts installRuntime); NOT WIRED yet:
 * the case workflow (src/workflows, another owner) should call
 * `recordCaseMetrics(metricMeter, caseMetricSamples(event))` at each step below. Safe in workflow
 * code: no I/O, no clock; label values come only from closed enums (no personal data, bounded).
 *
 * Exported names: sdk-core adds its prefix (`temporal_`, unless metricPrefix is changed) and, with
 * countersTotalSuffix, the `_total` of counters, so counters are created under their name without
 * `_total` (meterName). Check the scraped names once wired.
 */
import type { MetricMeter } from '@temporalio/common';
import type { CaseType, Priority, Region, Resolution } from '../domain/types';

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
  | { kind: 'opened'; caseType: CaseType; region: Region }
  | { kind: 'first_response'; caseType: CaseType; priority: Priority; seconds: number }
  | { kind: 'closed'; caseType: CaseType; resolution: Resolution; seconds: number }
  | { kind: 'sla_breached'; sla: 'response' | 'resolution'; priority: Priority }
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

/** Records samples on a MetricMeter (the workflow's `metricMeter`). */
export function recordCaseMetrics(meter: MetricMeter, samples: readonly CaseMetricSample[]): void {
  for (const { metric, value, labels } of samples) {
    const m: MetricDef = CASE_METRICS[metric];
    if (m.kind === 'counter') meter.createCounter(meterName(metric), m.unit, m.help).add(value, labels);
    else meter.createHistogram(meterName(metric), 'float', m.unit, m.help).record(value, labels);
  }
}
