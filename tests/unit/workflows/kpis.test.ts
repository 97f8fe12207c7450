/** Case KPIs read off the view: each counted once per case, with closed-enum labels only. */
import type { CaseView } from '../../../src/workflows/case/contract';
import { kpiEvents, NO_MARKS, type KpiMarks } from '../../../src/workflows/case/kpis';

const opened = '2026-12-01T08:00:00.000Z';
function caseView(over: Partial<CaseView> = {}): CaseView {
  return {
    caseId: 'AC-1', orderId: 'ORD-1', caseType: 'damaged', channel: 'app', status: 'intake', policyVersion: 'v', openedAt: opened,
    deadlines: {}, sla: { responseBreached: false, resolutionBreached: false }, escalationLevel: 0, escalations: [],
    verification: { evidence: [] }, shipments: [], coupons: [], notes: [], timeline: [], ...over,
  };
}

test('a case goes from intake to closed: each KPI once, in order, with its labels and durations', () => {
  let marks: KpiMarks = NO_MARKS;
  const step = (v: CaseView) => {
    const r = kpiEvents(marks, v);
    marks = r.marks;
    return r.events;
  };
  expect(step(caseView())).toEqual([]);
  const triaged = caseView({ region: 'Northwest', priority: 'P1', status: 'awaiting_evidence' });
  expect(step(triaged)).toEqual([{ kind: 'opened', caseType: 'damaged', region: 'Northwest' }]);
  expect(step(triaged)).toEqual([]);
  const breached = { ...triaged, sla: { responseBreached: true, resolutionBreached: false } };
  expect(step(breached)).toEqual([{ kind: 'sla_breached', sla: 'response', priority: 'P1' }]);
  const acked = { ...breached, acknowledgedAt: '2026-12-01T08:07:00.000Z' };
  expect(step(acked)).toEqual([{ kind: 'first_response', caseType: 'damaged', priority: 'P1', seconds: 420 }]);
  const paid = { ...acked, refund: { amount: 5900, status: 'paid' as const, attempts: 1 }, coupons: [{ couponId: 'C1', value: 500, reason: 'r' }, { couponId: 'C2', value: 500, reason: 'r' }] };
  expect(step(paid)).toEqual([
    { kind: 'refund_paid', caseType: 'damaged', amountFen: 5900 },
    { kind: 'coupon_granted', caseType: 'damaged' },
    { kind: 'coupon_granted', caseType: 'damaged' },
  ]);
  expect(step(paid)).toEqual([]);
  const closed = { ...paid, decision: { resolution: 'refund' as const, reasons: [], decidedAt: opened }, closedAt: '2026-12-02T08:00:00.000Z', status: 'closed' as const };
  expect(step(closed)).toEqual([{ kind: 'closed', caseType: 'damaged', resolution: 'refund', seconds: 86_400 }]);
  expect(step(closed)).toEqual([]);
});

test('a refund still failing is not counted as paid; a case closed before triage counts with unknown labels', () => {
  expect(kpiEvents(NO_MARKS, caseView({ region: 'East', refund: { amount: 100, status: 'failing', attempts: 2 } })).events.map((e) => e.kind)).toEqual(['opened']);
  const rejected = caseView({ closedAt: '2026-12-01T08:00:05.000Z', status: 'closed' });
  expect(kpiEvents(NO_MARKS, rejected).events).toEqual([
    { kind: 'opened', caseType: 'damaged', region: 'unknown' },
    { kind: 'closed', caseType: 'damaged', resolution: 'none', seconds: 5 },
  ]);
});

test('an acknowledgement before triage is counted once the priority is known', () => {
  const early = kpiEvents(NO_MARKS, caseView({ acknowledgedAt: '2026-12-01T08:00:01.000Z' }));
  expect(early.events).toEqual([]);
  expect(kpiEvents(early.marks, caseView({ acknowledgedAt: '2026-12-01T08:00:01.000Z', region: 'East', priority: 'P2' })).events).toEqual([
    { kind: 'opened', caseType: 'damaged', region: 'East' },
    { kind: 'first_response', caseType: 'damaged', priority: 'P2', seconds: 1 },
  ]);
});
