/**
 * The patched() example (NOTIFY_RESHIP_DELIVERED): the set holds a reship history from before the
 * change and one from after it, and the replay test replays both against today's code.
 */
import { readHistories, type StoredHistory } from '../support/histories';
import {
  ASIDE_DRAINED,
  CASE_INTEGRITY,
  CLAIM_QUANTITY_REASON,
  ESCALATION_TEMPLATES,
  LEAN_HISTORY,
  OVERLAPPING_PAUSES,
  NOTIFY_RESHIP_DELIVERED,
  MESSAGES_RESENT_ASIDE,
  PAUSE_AT_OPENING,
  RETURN_RESOLVING_STATUS,
  RETURN_WITHDRAWN_BEFORE_PICKUP,
  REMEDY_RECHECK,
  REVIEW_RECHECK,
  REFUSAL_ON_RETRY_LOOKED_UP,
  REFUSED_REFUND_EXPLAINED,
  ORDER_REFUSAL_HELD,
  SETTLE_LOOKS_UP_FIRST,
  SETTLED_DISPATCH_RELEASES_STOCK,
  SETTLED_REMEDY_RECORDED,
  SIDE_EFFECT_RETRIES_ASIDE,
  UNVERIFIED_SETTLEMENT_RECHECKED,
  WITHDRAW_DURING_ORDER_OUTAGE,
  WORKING_CALENDAR,
} from '../../src/workflows/case/patches';
import { resumedRun } from '../support/run-chain';
import { markers } from './markers';

const byFile = new Map(readHistories().map((s) => [s.file, s]));

function messages(s: StoredHistory, activity: 'notifyCustomer' | 'notifyStaff'): Array<{ template: string; params: Record<string, unknown> }> {
  return (s.history.events ?? []).flatMap((e) => {
    const a = e.activityTaskScheduledEventAttributes;
    if (a?.activityType?.name !== activity) return [];
    const data = a.input?.payloads?.[0]?.data;
    return data ? [JSON.parse(Buffer.from(data).toString())] : [];
  });
}

/** The activity types a stored case scheduled, in order. */
function scheduled(s: StoredHistory): string[] {
  return (s.history.events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
}

/** The activities that move money, stock or parcels. */
const MOVEMENTS = ['issueRefund', 'reserveStock', 'dispatchReshipment', 'schedulePickup'];

/** The view a stored case ended with (its workflow result). */
function finalView(s: StoredHistory): { closeReason?: string; timeline: Array<{ at: string; event: string; detail?: string }> } {
  const data = s.history.events?.find((e) => e.workflowExecutionCompletedEventAttributes)?.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0]?.data;
  if (!data) throw new Error(`${s.file} has no result`);
  return JSON.parse(Buffer.from(data).toString());
}

function customerMessages(s: StoredHistory): string[] {
  return messages(s, 'notifyCustomer').map((m) => m.template);
}

test.each(['damaged-reship-ems-gift', 'rejected-arbitration-customer-wins'])('%s: v1 predates the patch, v2 carries it', (scenario) => {
  const before = byFile.get(`afterSalesCase_${scenario}_v1.json`);
  const after = byFile.get(`afterSalesCase_${scenario}_v2.json`);
  expect(before && after).toBeTruthy();
  expect(markers(before!)).not.toContain(NOTIFY_RESHIP_DELIVERED);
  expect(customerMessages(before!)).not.toContain('reship_delivered');
  expect(markers(after!)).toContain(NOTIFY_RESHIP_DELIVERED);
  expect(customerMessages(after!)).toContain('reship_delivered');
});

/** Histories of the paths the case-integrity patch added, each recorded with its marker. */
const INTEGRITY_PATHS = [
  'quarantine-outage-needs-attention-retried',
  'refund-refused-settled-by-hand',
  'dispatch-answer-lost-reconciled',
  'claim-already-remedied-refused',
  'claim-window-refused',
  'missing-item-manual-escalation',
  'not-delivered-reship',
  'replace-3c-within-180-days',
  'wrong-item-return-then-reship',
];

test('the 18 histories from before CASE_INTEGRITY lack its marker; every path it added has a history with it', () => {
  const before = [...byFile.values()].filter(
    (s) =>
      s.file.startsWith('afterSalesCase_') &&
      ![...INTEGRITY_PATHS, ...CALENDAR_PATHS].some((p) => s.file === `afterSalesCase_${p}_v1.json`) &&
      !markers(s).includes(LEAN_HISTORY) &&
      !resumedRun(s.history),
  );
  expect(before).toHaveLength(18);
  for (const s of before) expect(markers(s)).not.toContain(CASE_INTEGRITY);
  for (const p of INTEGRITY_PATHS) {
    const s = byFile.get(`afterSalesCase_${p}_v1.json`);
    expect(s && markers(s)).toContain(CASE_INTEGRITY);
  }
});

/** Histories of the paths the working-calendar patch added (policy 2026-12-v1, on 2026 dates). */
const CALENDAR_PATHS = ['calendar-across-national-day', 'calendar-reprioritized-p2-to-p1', 'calendar-reassigned-to-another-desk', 'calendar-paused-and-resumed', 'calendar-opened-during-pause', 'calendar-filtered-pause-signalled'];

test('only the working-calendar histories carry its marker (with the integrity one); every older history lacks it', () => {
  for (const s of byFile.values()) {
    const calendar = CALENDAR_PATHS.some((p) => s.file === `afterSalesCase_${p}_v1.json`);
    expect(markers(s).includes(WORKING_CALENDAR)).toBe(calendar);
    if (calendar) expect(markers(s)).toContain(CASE_INTEGRITY);
  }
  expect(CALENDAR_PATHS.filter((p) => byFile.has(`afterSalesCase_${p}_v1.json`))).toEqual(CALENDAR_PATHS);
});

test('only the histories of cases that started paused (pauses on the start input, or a filtered pause before intake) carry PAUSE_AT_OPENING', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(PAUSE_AT_OPENING)).map((s) => s.file);
  expect(carrying.sort()).toEqual([
    'afterSalesCase_calendar-filtered-pause-signalled_v1.json',
    'afterSalesCase_calendar-filtered-pause-signalled_v2.json',
    'afterSalesCase_calendar-opened-during-pause_v1.json',
    'afterSalesCase_calendar-opened-during-pause_v2.json',
    'afterSalesCase_calendar-opened-during-two-pauses_v1.json',
  ]);
  // Working clocks: by their own marker (the first recordings), or implied by LEAN_HISTORY (v2, and
  // the scenario first recorded after it; see patches.ts).
  const lean = (file: string) => file.endsWith('_v2.json') || file.includes('two-pauses');
  for (const file of carrying) expect(markers(byFile.get(file) as StoredHistory)).toEqual(expect.arrayContaining([lean(file) ? LEAN_HISTORY : WORKING_CALENDAR]));
});

test('only the histories of overlapping pauses carry OVERLAPPING_PAUSES: a second pause the case does not hold (another region) asks nothing', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(OVERLAPPING_PAUSES)).map((s) => s.file).sort();
  expect(carrying).toEqual([
    'afterSalesCase_calendar-opened-during-two-pauses_v1.json',
    'afterSalesCase_calendar-overlapping-pauses_v1.json',
    'afterSalesCase_calendar-second-pause-in-intake_v2.json',
  ]);
  // The clocks ran again once, after the second pause ended; the first's end handed the clocks over.
  for (const file of carrying) {
    const { timeline } = finalView(byFile.get(file)!);
    expect(timeline.filter((t) => t.event === 'clocks_resumed').map((t) => t.detail)).toEqual([expect.stringMatching(/^platform pause PAUSE-NORTH ended/)]);
    expect(timeline.filter((t) => t.event === 'clock_pause_ended').map((t) => t.detail)).toEqual([expect.stringMatching(/^platform pause PAUSE-FESTIVAL ended .*clocks stay paused by PAUSE-NORTH/)]);
  }
});

test('claim-over-quantity-refused: v1 predates CLAIM_QUANTITY_REASON and closed "not in the order", v2 carries it and says "more than ordered"', () => {
  const reason = (s: StoredHistory) => finalView(s).closeReason;
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(CLAIM_QUANTITY_REASON));
  expect(carrying.map((s) => s.file)).toEqual(['afterSalesCase_claim-over-quantity-refused_v2.json']);
  const before = byFile.get('afterSalesCase_claim-over-quantity-refused_v1.json')!;
  expect(markers(before)).not.toContain(CLAIM_QUANTITY_REASON);
  expect(reason(before)).toBe('items not in the order: SKU-MUG');
  expect(reason(carrying[0]!)).toBe('more than ordered: SKU-MUG (3 claimed, 1 ordered)');
});

test.each([
  ['missing-item-manual-escalation', 'manual', 'case_escalated'],
  ['quarantine-outage-needs-attention-retried', 'step_needs_attention', 'step_needs_attention'],
  ['refund-refused-settled-by-hand', 'refund_payment_failing', 'refund_payment_failing'],
])('%s: v2 predates ESCALATION_TEMPLATES and told the %s escalation as sla_breached, v3 carries it and says %s', (scenario, reason, template) => {
  const escalationTemplates = (s: StoredHistory) => messages(s, 'notifyStaff').filter((m) => m.params.reason === reason).map((m) => m.template);
  const before = byFile.get(`afterSalesCase_${scenario}_v2.json`)!;
  const after = byFile.get(`afterSalesCase_${scenario}_v3.json`)!;
  expect(markers(before)).not.toContain(ESCALATION_TEMPLATES);
  expect(escalationTemplates(before)).toEqual(['sla_breached']);
  expect(markers(after)).toContain(ESCALATION_TEMPLATES);
  expect(escalationTemplates(after)).toEqual([template]);
});

test('only the histories of those paths carry ESCALATION_TEMPLATES: a breach tells sla_breached without asking the patch', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(ESCALATION_TEMPLATES)).map((s) => s.file).sort();
  expect(carrying).toEqual([
    'afterSalesCase_closed-case-resends-late-staff-notice_v1.json',
    'afterSalesCase_dispatch-settled-by-hand-stock-not-used_v1.json',
    'afterSalesCase_dispatch-settled-unverified-stock-released-after-lookup_v1.json',
    'afterSalesCase_missing-item-manual-escalation_v3.json',
    'afterSalesCase_quarantine-outage-needs-attention-retried_v3.json',
    'afterSalesCase_refund-answer-lost-settled-found-done_v1.json',
    'afterSalesCase_refund-answer-lost-settled-unverified-then-found_v1.json',
    'afterSalesCase_refund-refused-settled-by-hand_v3.json',
    'afterSalesCase_refund-refused-settled-by-hand_v4.json',
    'afterSalesCase_return-withdrawn-and-settled-together_v1.json',
    'afterSalesCase_return-withdrawn-while-pickup-held_v1.json',
  ]);
});

test('calendar-second-pause-in-intake: v1 (recorded before OVERLAPPING_PAUSES) dropped the second pause and resumed with the first; v2 holds it until it ends', () => {
  const timeline = (s: StoredHistory) => finalView(s).timeline;
  const before = byFile.get('afterSalesCase_calendar-second-pause-in-intake_v1.json')!;
  const after = byFile.get('afterSalesCase_calendar-second-pause-in-intake_v2.json')!;
  expect(markers(before)).not.toContain(OVERLAPPING_PAUSES);
  expect(timeline(before).map((t) => t.event)).not.toContain('clock_pause_held');
  expect(timeline(before).filter((t) => t.event === 'clocks_resumed').map((t) => t.detail)).toEqual([expect.stringMatching(/^platform pause PAUSE-FESTIVAL ended/)]);
  expect(markers(after)).toContain(OVERLAPPING_PAUSES);
  expect(timeline(after).filter((t) => t.event === 'clocks_resumed').map((t) => t.detail)).toEqual([expect.stringMatching(/^platform pause PAUSE-NORTH ended/)]);
});

test('only the history of a withdrawal during an order-system outage carries WITHDRAW_DURING_ORDER_OUTAGE: closed withdrawn, nothing but the order look-up called', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(WITHDRAW_DURING_ORDER_OUTAGE)).map((s) => s.file);
  expect(carrying).toEqual(['afterSalesCase_withdrawn-during-order-outage_v1.json']);
  const s = byFile.get(carrying[0]!)!;
  const { closeReason, timeline } = finalView(s);
  expect(closeReason).toBe('withdrawn by the customer');
  expect(timeline.map((t) => t.event)).toEqual(expect.arrayContaining(['needs_attention', 'withdrawn', 'attention_cleared', 'decided']));
  const activities = new Set(scheduled(s));
  expect([...activities]).toEqual(['getOrder']);
});

test('only the history of a coupons outage carries SIDE_EFFECT_RETRIES_ASIDE: the ladder climbed while the coupons were retried aside, and every coupon was granted once', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(SIDE_EFFECT_RETRIES_ASIDE)).map((s) => s.file);
  expect(carrying).toEqual(['afterSalesCase_ladder-coupons-outage-retried-aside_v1.json']);
  const { timeline } = finalView(byFile.get(carrying[0]!)!);
  const at = (event: string, detail: RegExp) => timeline.find((t) => t.event === event && detail.test(t.detail ?? ''))?.at ?? '';
  // The team lead was called in at the breach, not after the breach coupon's retry (30 minutes later).
  expect(Date.parse(at('escalated', /^level 1 /)) - Date.parse(at('side_effect_failing', /^coupon:response-breach: /))).toBeLessThan(60_000);
  expect(at('escalated', /^level 1 /) < at('coupon_granted', /for response-breach$/)).toBe(true);
  expect(timeline.filter((t) => t.event === 'coupon_granted').map((t) => t.detail?.replace(/^\d+ fen for /, '')).sort()).toEqual(['breach-level-1', 'breach-level-2', 'breach-level-3', 'response-breach']);
});

test('only the histories of a message outage carry MESSAGES_RESENT_ASIDE: the case went on, and the failed message was sent again with the same key', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(MESSAGES_RESENT_ASIDE)).map((s) => s.file).sort();
  expect(carrying).toEqual(['afterSalesCase_closed-case-resends-late-staff-notice_v1.json', 'afterSalesCase_customer-message-outage-resent-aside_v1.json']);
  const s = byFile.get('afterSalesCase_customer-message-outage-resent-aside_v1.json')!;
  const events = finalView(s).timeline.map((t) => t.event);
  expect(events.indexOf('notification_failed')).toBeLessThan(events.indexOf('status:awaiting_survey'));
  expect(events.indexOf('notification_resent')).toBeGreaterThan(events.indexOf('status:awaiting_survey'));
  expect(events).toContain('customer_notified:case_opened');
  // Two sends of case_opened (the failed one and the new try), one idempotency key.
  const opened = messages(s, 'notifyCustomer').filter((m) => m.template === 'case_opened') as Array<{ idempotencyKey?: string }>;
  expect(opened).toHaveLength(2);
  expect(new Set(opened.map((m) => m.idempotencyKey)).size).toBe(1);
});

test('only the histories of a return withdrawn during its pickup booking carry RETURN_WITHDRAWN_BEFORE_PICKUP: closed withdrawn, nothing refunded, no "pickup scheduled"', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(RETURN_WITHDRAWN_BEFORE_PICKUP)).map((s) => s.file).sort();
  expect(carrying).toEqual([
    'afterSalesCase_return-withdrawn-and-settled-together_v1.json',
    'afterSalesCase_return-withdrawn-while-pickup-booked_v1.json',
    'afterSalesCase_return-withdrawn-while-pickup-held_v1.json',
  ]);
  for (const file of carrying) {
    const s = byFile.get(file)!;
    expect(finalView(s).closeReason).toBe('withdrawn by the customer before handing the return over');
    expect(customerMessages(s)).not.toContain('pickup_scheduled');
    const activities = new Set(scheduled(s));
    expect(activities.has('issueRefund')).toBe(false);
  }
  const held = finalView(byFile.get('afterSalesCase_return-withdrawn-while-pickup-held_v1.json')!).timeline.map((t) => t.event);
  expect(held).toEqual(expect.arrayContaining(['needs_attention', 'withdrawn', 'attention_cleared', 'pickup_not_booked']));
  const booked = finalView(byFile.get('afterSalesCase_return-withdrawn-while-pickup-booked_v1.json')!).timeline.map((t) => t.event);
  expect(booked).toContain('pickup_cancelled');
  // A settle in the withdrawal's activation is handed back to ops, and the assignee told.
  const together = byFile.get('afterSalesCase_return-withdrawn-and-settled-together_v1.json')!;
  expect(finalView(together).timeline.map((t) => t.event)).toContain('settle_dropped');
  expect(messages(together, 'notifyStaff').map((m) => m.params.reason)).toContain('settled_step_dropped');
});

test('RETURN_RESOLVING_STATUS: review-approved-return v1 (recorded before it) showed the review status until the pickup; v2 and the other new returns show resolving', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(RETURN_RESOLVING_STATUS)).map((s) => s.file).sort();
  expect(carrying).toEqual([
    'afterSalesCase_return-withdrawn-and-settled-together_v1.json',
    'afterSalesCase_return-withdrawn-while-pickup-booked_v1.json',
    'afterSalesCase_return-withdrawn-while-pickup-held_v1.json',
    'afterSalesCase_review-approved-return_v2.json',
    'afterSalesCase_review-timeout-deemed-approved_v3.json',
  ]);
  const statuses = (file: string) => finalView(byFile.get(file)!).timeline.map((t) => t.event).filter((e) => e.startsWith('status:'));
  expect(statuses('afterSalesCase_review-approved-return_v1.json')).not.toContain('status:resolving');
  const after = statuses('afterSalesCase_review-approved-return_v2.json');
  expect(after.slice(after.indexOf('status:awaiting_review'), after.indexOf('status:awaiting_return_shipment') + 1)).toEqual([
    'status:awaiting_review',
    'status:resolving',
    'status:awaiting_return_shipment',
  ]);
});

test('REMEDY_RECHECK: only late approvals (and, by REVIEW_RECHECK, quick review approvals) read the order again; the one whose line was remedied meanwhile closes rejected with nothing moved', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(REMEDY_RECHECK)).map((s) => s.file).sort();
  expect(carrying).toEqual([
    'afterSalesCase_review-approved-at-once-line-remedied-meanwhile_v1.json', // within the minute, by REVIEW_RECHECK
    'afterSalesCase_review-approved-withdrawn-during-recheck_v1.json',
    'afterSalesCase_review-line-remedied-meanwhile_v1.json',
    'afterSalesCase_review-timeout-deemed-approved_v3.json',
  ]);
  const scheduledIn = (file: string) => scheduled(byFile.get(file)!);
  const refused = 'afterSalesCase_review-line-remedied-meanwhile_v1.json';
  expect(finalView(byFile.get(refused)!).closeReason).toMatch(/^already remedied by earlier cases \(SKU-JACKET: 1 claimed, 0 of 1 left/);
  expect(scheduledIn(refused).filter((n) => n === 'getOrder')).toHaveLength(2);
  expect(scheduledIn(refused).filter((n) => MOVEMENTS.includes(n))).toEqual([]);
  // The same late approval recorded before the patch read the order once; after it, twice, then went on.
  expect(scheduledIn('afterSalesCase_review-timeout-deemed-approved_v2.json').filter((n) => n === 'getOrder')).toHaveLength(1);
  expect(scheduledIn('afterSalesCase_review-timeout-deemed-approved_v3.json').filter((n) => n === 'getOrder')).toHaveLength(2);
  expect(scheduledIn('afterSalesCase_review-timeout-deemed-approved_v3.json')).toContain('issueRefund');
  // Withdrawn while the order was read again (shown resolving meanwhile): closed withdrawn, nothing moved.
  const withdrawn = 'afterSalesCase_review-approved-withdrawn-during-recheck_v1.json';
  expect(finalView(byFile.get(withdrawn)!).closeReason).toBe('withdrawn by the customer');
  expect(finalView(byFile.get(withdrawn)!).timeline.map((t) => t.event)).toEqual(expect.arrayContaining(['status:resolving', 'remedy_recheck_failed', 'withdrawn']));
  expect(scheduledIn(withdrawn).filter((n) => MOVEMENTS.includes(n))).toEqual([]);
});

test('ORDER_REFUSAL_HELD: only the order refused at intake carries it; held as a refusal with one look-up until ops settled it', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(ORDER_REFUSAL_HELD)).map((s) => s.file).sort();
  expect(carrying).toEqual(['afterSalesCase_order-refused-held-for-ops_v1.json']);
  const s = byFile.get(carrying[0]!)!;
  expect(scheduled(s).filter((n) => n === 'getOrder')).toHaveLength(1);
  const timers = (s.history.events ?? []).filter((e) => e.timerStartedEventAttributes);
  expect(timers).toHaveLength(0); // no automatic round
  expect(finalView(s).closeReason).toBe('the order could not be read; closed by OPS-1 (OMS-TICKET-12)');
  // No one is told, at the hold or at the close (the README says so): no assignee yet, no customer message.
  expect(customerMessages(s)).toEqual([]);
  expect(messages(s, 'notifyStaff')).toEqual([]);
});

test('SETTLE_LOOKS_UP_FIRST: only the steps settled by hand whose last try had no answer carry it; the refund found done keeps the real refund', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(SETTLE_LOOKS_UP_FIRST)).map((s) => s.file).sort();
  expect(carrying).toEqual(['afterSalesCase_closed-case-resends-late-staff-notice_v1.json', 'afterSalesCase_dispatch-settled-by-hand-stock-not-used_v1.json', 'afterSalesCase_dispatch-settled-unverified-stock-released-after-lookup_v1.json', 'afterSalesCase_refund-answer-lost-settled-found-done_v1.json', 'afterSalesCase_refund-answer-lost-settled-unverified-then-found_v1.json']);
  const s = byFile.get('afterSalesCase_refund-answer-lost-settled-found-done_v1.json')!;
  const view = finalView(s) as ReturnType<typeof finalView> & { refund?: { refundId?: string } };
  expect(view.refund?.refundId).toMatch(/^RF-/);
  expect(view.timeline.map((t) => t.event)).toEqual(expect.arrayContaining(['reconcile_failed', 'settle_not_needed']));
  expect(messages(s, 'notifyStaff').map((m) => m.params.reason)).toContain('settlement_not_needed');
});

test('REVIEW_RECHECK: only the review approved within the minute carries it; it read the order again and closed rejected, nothing moved', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(REVIEW_RECHECK)).map((s) => s.file).sort();
  expect(carrying).toEqual(['afterSalesCase_review-approved-at-once-line-remedied-meanwhile_v1.json']);
  const s = byFile.get(carrying[0]!)!;
  expect(markers(s)).toContain(REMEDY_RECHECK);
  expect(scheduled(s).filter((n) => n === 'getOrder')).toHaveLength(2);
  expect(scheduled(s).filter((n) => MOVEMENTS.includes(n))).toEqual([]);
  expect(finalView(s).closeReason).toMatch(/^already remedied by earlier cases \(SKU-JACKET: 1 claimed, 0 of 1 left/);
  // Reviews approved within the minute before the patch (review-approved-return v2) read the order once.
  const before = byFile.get('afterSalesCase_review-approved-return_v2.json')!;
  expect(scheduled(before).filter((n) => n === 'getOrder')).toHaveLength(1);
});

test('REFUSAL_ON_RETRY_LOOKED_UP: only the refund refused on its retry carries it; looked up, found done, never held', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(REFUSAL_ON_RETRY_LOOKED_UP)).map((s) => s.file).sort();
  expect(carrying).toEqual(['afterSalesCase_refund-answer-lost-then-refused-found-done_v1.json']);
  const s = byFile.get(carrying[0]!)!;
  expect(scheduled(s).filter((n) => n === 'issueRefund')).toHaveLength(1);
  expect(scheduled(s)).toContain('lookupRefund');
  const events = finalView(s).timeline.map((t) => t.event);
  expect(events).toContain('reconciled');
  expect(events).not.toContain('status:needs_attention');
});

test('SETTLED_REMEDY_RECORDED: only the refunds and the reshipment settled by hand recorded since carry it; each told the order system once', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(SETTLED_REMEDY_RECORDED)).map((s) => s.file).sort();
  expect(carrying).toEqual(['afterSalesCase_closed-case-resends-late-staff-notice_v1.json', 'afterSalesCase_dispatch-settled-by-hand-stock-not-used_v1.json', 'afterSalesCase_dispatch-settled-unverified-stock-released-after-lookup_v1.json', 'afterSalesCase_refund-answer-lost-settled-unverified-then-found_v1.json', 'afterSalesCase_refund-refused-settled-by-hand_v4.json']);
  for (const s of carrying.map((f) => byFile.get(f)!)) {
    expect(scheduled(s).filter((n) => n === 'recordSettledRemedy')).toHaveLength(1);
    expect(finalView(s).timeline.map((t) => t.event)).toContain('remedy_recorded');
  }
  // The same path recorded before the patch told nothing, and still replays so (replay.test.ts).
  expect(scheduled(byFile.get('afterSalesCase_refund-refused-settled-by-hand_v3.json')!)).not.toContain('recordSettledRemedy');
});

test('UNVERIFIED_SETTLEMENT_RECHECKED: only the settlements taken unverified carry it; its later look-up found the refund done and told both', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(UNVERIFIED_SETTLEMENT_RECHECKED)).map((s) => s.file).sort();
  expect(carrying).toEqual([
    'afterSalesCase_closed-case-resends-late-staff-notice_v1.json',
    'afterSalesCase_dispatch-settled-unverified-stock-released-after-lookup_v1.json',
    'afterSalesCase_refund-answer-lost-settled-unverified-then-found_v1.json',
  ]);
  const s = byFile.get('afterSalesCase_refund-answer-lost-settled-unverified-then-found_v1.json')!;
  expect(finalView(s).timeline.map((t) => t.event)).toEqual(expect.arrayContaining(['settle_unverified', 'settle_duplicated']));
  expect(messages(s, 'notifyStaff').filter((m) => m.params.reason === 'settlement_duplicated')).toHaveLength(2);
});

test('ASIDE_DRAINED: only the closed case whose late notice was resent carries it; the resend ran before the run ended', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(ASIDE_DRAINED)).map((s) => s.file).sort();
  expect(carrying).toEqual(['afterSalesCase_closed-case-resends-late-staff-notice_v1.json']);
  const s = byFile.get(carrying[0]!)!;
  const duplicated = messages(s, 'notifyStaff').filter((m) => m.params.reason === 'settlement_duplicated');
  expect(duplicated.length).toBeGreaterThanOrEqual(3); // told twice (failed), then resent
  expect(finalView(s).timeline.map((t) => t.event)).toEqual(expect.arrayContaining(['settle_duplicated', 'notification_resent']));
});

test('REFUSED_REFUND_EXPLAINED: only the refunds refused on a line another case was paid for carry it; the order was read after the refusal and the claim closed rejected', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(REFUSED_REFUND_EXPLAINED)).map((s) => s.file).sort();
  expect(carrying).toEqual(['afterSalesCase_refund-refused-remedied-elsewhere_v1.json', 'afterSalesCase_reship-out-of-stock-refund-refused-remedied-elsewhere_v1.json']);
  for (const s of carrying.map((f) => byFile.get(f)!)) {
    const names = scheduled(s);
    expect(names.slice(names.indexOf('issueRefund'))).toEqual(['issueRefund', 'getOrder', 'notifyCustomer']);
    expect(finalView(s).closeReason).toMatch(/^payments refused the refund: already remedied by earlier cases/);
    expect(finalView(s).timeline.map((t) => t.event)).not.toContain('needs_attention');
  }
  // The refusals recorded before the patch held for ops, and still replay so (replay.test.ts).
  expect(markers(byFile.get('afterSalesCase_refund-refused-settled-by-hand_v4.json')!)).not.toContain(REFUSED_REFUND_EXPLAINED);
});

test('SETTLED_DISPATCH_RELEASES_STOCK: only the dispatches settled with stockUsed false carry it; each released its reservation once, the unverified one after its look-up', () => {
  const carrying = [...byFile.values()].filter((s) => markers(s).includes(SETTLED_DISPATCH_RELEASES_STOCK)).map((s) => s.file).sort();
  expect(carrying).toEqual(['afterSalesCase_dispatch-settled-by-hand-stock-not-used_v1.json', 'afterSalesCase_dispatch-settled-unverified-stock-released-after-lookup_v1.json']);
  for (const s of carrying.map((f) => byFile.get(f)!)) {
    expect(scheduled(s).filter((n) => n === 'releaseStock')).toHaveLength(1);
    expect(scheduled(s)).not.toContain('issueRefund');
    expect(finalView(s).timeline.map((t) => t.event)).toEqual(expect.arrayContaining(['reshipment_handled_by_hand', 'stock_released']));
  }
  const events = finalView(byFile.get(carrying[1]!)!).timeline.map((t) => t.event);
  expect(events.indexOf('stock_release_held')).toBeLessThan(events.indexOf('settle_verified'));
  expect(events.indexOf('settle_verified')).toBeLessThan(events.indexOf('stock_released'));
});
