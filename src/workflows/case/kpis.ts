/**
 * Case KPIs from the case's view: each time the state syncs, what changed since the last look
 * (opened and triaged, first response, SLA breached, refund paid, coupon granted, closed) becomes
 * samples on the workflow's `metricMeter` (names and labels in src/observability/case-metrics.ts).
 *
 * Read off the view rather than called from each step, so the steps stay as they are and each KPI
 * counts once per case. The SDK drops workflow metrics while replaying, so a case replayed on
 * another worker is not counted twice; metrics are not part of the history (replay-invisible).
 */
import { metricMeter } from '@temporalio/workflow';
import { caseMetricSamples, recordCaseMetrics, type CaseMetricEvent } from '../../observability/case-metrics';
import type { CaseView } from './contract';

/** What has been counted already for one case. */
export interface KpiMarks {
  opened: boolean;
  firstResponse: boolean;
  responseBreached: boolean;
  resolutionBreached: boolean;
  refundPaid: boolean;
  coupons: number;
  closed: boolean;
}

export const NO_MARKS: KpiMarks = {
  opened: false,
  firstResponse: false,
  responseBreached: false,
  resolutionBreached: false,
  refundPaid: false,
  coupons: 0,
  closed: false,
};

const secondsBetween = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

/** The KPI events the view shows since `marks`, and the marks after them. Pure. */
export function kpiEvents(marks: KpiMarks, v: CaseView): { events: CaseMetricEvent[]; marks: KpiMarks } {
  const events: CaseMetricEvent[] = [];
  const next = { ...marks };
  const caseType = v.caseType;
  const priority = v.priority ?? 'unknown';
  // Opened once triage has found the region; a case closed before that counts with region 'unknown'.
  if (!marks.opened && (v.region || v.closedAt)) {
    events.push({ kind: 'opened', caseType, region: v.region ?? 'unknown' });
    next.opened = true;
  }
  // Counted with its priority, so once triage has set it (an early acknowledgement waits for it).
  if (!marks.firstResponse && v.acknowledgedAt && (v.priority || v.closedAt)) {
    events.push({ kind: 'first_response', caseType, priority, seconds: secondsBetween(v.openedAt, v.acknowledgedAt) });
    next.firstResponse = true;
  }
  if (!marks.responseBreached && v.sla.responseBreached) {
    events.push({ kind: 'sla_breached', sla: 'response', priority });
    next.responseBreached = true;
  }
  if (!marks.resolutionBreached && v.sla.resolutionBreached) {
    events.push({ kind: 'sla_breached', sla: 'resolution', priority });
    next.resolutionBreached = true;
  }
  if (!marks.refundPaid && v.refund?.status === 'paid') {
    events.push({ kind: 'refund_paid', caseType, amountFen: v.refund.amount });
    next.refundPaid = true;
  }
  for (let i = marks.coupons; i < v.coupons.length; i++) events.push({ kind: 'coupon_granted', caseType });
  next.coupons = Math.max(marks.coupons, v.coupons.length);
  if (!marks.closed && v.closedAt) {
    events.push({ kind: 'closed', caseType, resolution: v.decision?.resolution ?? 'none', seconds: secondsBetween(v.openedAt, v.closedAt) });
    next.closed = true;
  }
  return { events, marks: next };
}

/** Records a case's KPIs on the workflow's metric meter as its view changes. */
export class CaseKpis {
  private marks = NO_MARKS;

  /** Marks what the view shows as counted, without samples: a resumed run counted it in an earlier run. */
  seen(view: CaseView): void {
    this.marks = kpiEvents(NO_MARKS, view).marks;
  }

  observe(view: CaseView): void {
    const { events, marks } = kpiEvents(this.marks, view);
    this.marks = marks;
    if (events.length) recordCaseMetrics(metricMeter, events.flatMap(caseMetricSamples));
  }
}
