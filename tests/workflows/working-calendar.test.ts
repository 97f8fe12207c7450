/**
 * The merchant's clocks on working calendars (WORKING_CALENDAR, policy 2026-12-v1) at their real
 * durations on the time-skipping server, whose clock starts on Friday 18 September 2026, 20:00 in
 * Shanghai. Each test has its own server and skips forward to the local instant it needs (2026 is
 * in the holiday snapshot; its dates are the official ones).
 *
 * A test that fails is run again, on a fresh server, up to twice, and jest prints each failure it
 * retries. Why: the time-skipping test server now and then leaves a workflow task STARTED for good
 * when a timer fires while the task is with the worker (temporalio/sdk-java#3088); its task timeout
 * never comes, because the stuck task holds the time-skipping lock. CI saw it on 4 Dec, about one
 * run in five under load, in these tests, whose clocks bring several timers due at one instant. A
 * defect that fails every time fails every attempt; one that fails only sometimes (a race of the
 * workflow's own) could pass on a retry, so a retry in a CI log is a finding to read, not noise.
 *
 * Desks (src/policy/calendar/desk-tables.ts): east-desk 09:00–21:00 every day but public holidays,
 * north-desk 09:00–21:00 Monday to Friday and on make-up days, fresh-p1-desk 24×7.
 */
import type { OrderSnapshot } from '../../src/domain/types';
import { addEvidenceUpdate, pauseClocksSignal, reprioritizeUpdate, resumeClocksSignal, type CaseView } from '../../src/workflows/case/contract';
import { newWorld, reach, useCaseHarness, view } from '../support/case-harness';
import { order } from '../support/orders';

const MINUTE = 60_000;
const h = useCaseHarness({ startAt: '2026-09-18T12:00:00Z', eachTest: true });
jest.retryTimes(2, { logErrorsBeforeRetry: true });

/** Epoch ms of a Shanghai wall-clock time, `YYYY-MM-DDTHH:MM`. */
const sh = (local: string) => Date.parse(`${local}:00+08:00`);

/** Skips the server's clock forward to a Shanghai wall-clock time. */
async function skipTo(local: string): Promise<void> {
  const now = await h.now();
  if (sh(local) <= now) throw new Error(`the clock is already past ${local} (${new Date(now).toISOString()})`);
  await h.env.sleep(sh(local) - now);
}

/** The instant is this Shanghai time, give or take the seconds a case takes to start. */
function expectAt(iso: string | undefined, local: string): void {
  expect(iso).toBeDefined();
  expect(Math.abs(Date.parse(iso as string) - sh(local))).toBeLessThan(30_000);
}

const events = (v: CaseView) => v.timeline.map((t) => t.event);
const photo = (score: number) => [{ url: `https://img.example/item.jpg?score=${score}`, kind: 'item' as const }];
const FISH = { sku: 'SKU-FISH', title: 'Chilled salmon', category: 'fresh' as const, unitPrice: 12_000, quantity: 1 };

/** The fake world, its orders delivered a day before the server's now (so skip to the opening first). */
async function world(orders: Array<Partial<OrderSnapshot> & Pick<OrderSnapshot, 'orderId'>>) {
  const now = await h.now();
  return newWorld(orders.map((o) => order(now, o)));
}

/** A P2 wrong-item claim (or any claim `extra` makes it) under the policy with working calendars. */
function openCase(orderId: string, extra: { evidence?: ReturnType<typeof photo>; sku?: string } = {}) {
  return h.open({
    orderId,
    caseType: 'wrong_item',
    items: [{ sku: extra.sku ?? 'SKU-MUG', quantity: 1 }],
    evidence: extra.evidence ?? [],
    policyVersion: '2026-12-v1',
  });
}

test('a P2 case opened Friday 20:50 breaches Saturday 09:20 on a 09:00–21:00 desk (warned at 80%, 09:14); on a desk closed at weekends, the make-up Sunday (20 Sep) 09:20', async () => {
  await skipTo('2026-09-18T20:50');
  const w = await world([{ orderId: 'ORD-EAST' }, { orderId: 'ORD-NORTH', destinationDivisionCode: '110101' }]);
  await h.run(w, async () => {
    const east = await openCase('ORD-EAST');
    const north = await openCase('ORD-NORTH');
    await h.settle();
    let e = await view(east);
    expect(e.priority).toBe('P2');
    expect(e.clocks?.response).toMatchObject({ desk: 'east-desk', calendar: 'regional-09-21', slaMinutes: 30, running: true });
    expectAt(e.clocks?.response?.dueAt, '2026-09-19T09:20');
    expectAt(e.deadlines.responseDueAt, '2026-09-19T09:20');
    const n = await view(north);
    expect(n.clocks?.response).toMatchObject({ desk: 'north-desk', calendar: 'weekdays-09-21' });
    expectAt(n.clocks?.response?.dueAt, '2026-09-20T09:20');

    await skipTo('2026-09-19T09:12');
    e = await view(east);
    expect(events(e)).not.toContain('response_sla_warning');
    await skipTo('2026-09-19T09:19');
    e = await view(east);
    expectAt(e.timeline.find((t) => t.event === 'response_sla_warning')?.at, '2026-09-19T09:14');
    expect(e.sla.responseBreached).toBe(false);

    await skipTo('2026-09-19T09:21');
    e = await view(east);
    expect(e.sla.responseBreached).toBe(true);
    expectAt(e.timeline.find((t) => t.event === 'response_sla_breached')?.at, '2026-09-19T09:20');
    expect((await view(north)).sla.responseBreached).toBe(false);

    await skipTo('2026-09-20T09:21');
    expectAt((await view(north)).timeline.find((t) => t.event === 'response_sla_breached')?.at, '2026-09-20T09:20');
  });
});

test('a case opened the evening before National Day (Wed 30 Sep 20:50) is due on the first working day after it (Thu 8 Oct): response 09:20, review 12:50', async () => {
  await skipTo('2026-09-30T20:50');
  const w = await world([{ orderId: 'ORD-HOLIDAY' }]);
  await h.run(w, async () => {
    const handle = await openCase('ORD-HOLIDAY', { evidence: photo(0.5) });
    let v = await reach(handle, 'awaiting_review');
    expectAt(v.clocks?.response?.dueAt, '2026-10-08T09:20');
    expect(v.clocks?.review).toMatchObject({ calendar: 'regional-09-21', slaMinutes: 240 });
    expectAt(v.currentWait?.dueAt, '2026-10-08T12:50');

    await skipTo('2026-10-08T09:19');
    v = await view(handle);
    expect(v.status).toBe('awaiting_review');
    expect(v.sla.responseBreached).toBe(false);
    await skipTo('2026-10-08T09:21');
    v = await view(handle);
    expect(v.sla.responseBreached).toBe(true);
    expect(v.status).toBe('awaiting_review');

    await skipTo('2026-10-08T12:49');
    expect((await view(handle)).status).toBe('awaiting_review');
    await skipTo('2026-10-08T12:52');
    v = await view(handle);
    expect(v.verification.outcome).toBe('approved');
    expectAt(v.timeline.find((t) => t.event === 'review_deadline_passed')?.at, '2026-10-08T12:50');
  });
});

test('a clock across the make-up Saturday 10 Oct 2026 counts it: Friday 20:50 on a weekday desk breaches Saturday 09:20, not Monday', async () => {
  await skipTo('2026-10-09T20:50');
  const w = await world([{ orderId: 'ORD-MAKEUP', destinationDivisionCode: '110101' }]);
  await h.run(w, async () => {
    const handle = await openCase('ORD-MAKEUP');
    await h.settle();
    expectAt((await view(handle)).clocks?.response?.dueAt, '2026-10-10T09:20');
    await skipTo('2026-10-10T09:19');
    expect((await view(handle)).sla.responseBreached).toBe(false);
    await skipTo('2026-10-10T09:21');
    expectAt((await view(handle)).timeline.find((t) => t.event === 'response_sla_breached')?.at, '2026-10-10T09:20');
  });
});

test('a P1 case on the 24×7 fresh-food desk breaches exactly 15 minutes after opening, on a Saturday night', async () => {
  await skipTo('2026-10-10T22:00');
  const w = await world([{ orderId: 'ORD-FISH', memberTier: 'gold', items: [FISH] }]);
  await h.run(w, async () => {
    const handle = await openCase('ORD-FISH', { sku: 'SKU-FISH' });
    await h.settle();
    let v = await view(handle);
    expect(v.priority).toBe('P1');
    expect(v.clocks?.response).toMatchObject({ desk: 'fresh-p1-desk', calendar: 'fresh-p1-24x7', slaMinutes: 15 });
    expect(Date.parse(v.clocks?.response?.dueAt ?? '') - Date.parse(v.openedAt)).toBe(15 * MINUTE);
    await h.env.sleep('14 minutes');
    expect((await view(handle)).sla.responseBreached).toBe(false);
    // The 80% warning (12 minutes) went to the assignee and, for P1, the region's team lead.
    const warned = w.calls.filter((c) => c.name === 'notifyStaff' && (c.input as { template: string }).template === 'sla_warning');
    expect(warned.map((c) => (c.input as { recipientId: string }).recipientId)).toEqual([(await view(handle)).assignee, 'QUEUE-EAST-TEAM_LEAD']);
    await h.env.sleep('2 minutes');
    v = await view(handle);
    // The timer fires at the computed instant, give or take the milliseconds the server takes to start it.
    const breach = v.timeline.find((t) => t.event === 'response_sla_breached');
    expect(Math.abs(Date.parse(breach?.at ?? '') - Date.parse(v.openedAt) - 15 * MINUTE)).toBeLessThan(1_000);

    // The breach was acted on: a lower priority, or a platform pause, does not make the clock due again.
    const breached = v.clocks?.response;
    expect(breached).toMatchObject({ running: true, breached: true });
    await handle.executeUpdate(reprioritizeUpdate, { args: [{ by: 'AG-LEAD-01', priority: 'P2', reason: 'downgrade' }] });
    await handle.signal(pauseClocksSignal, { pauseId: 'PAUSE-AFTER-BREACH', by: 'ops', reason: 'platform incident' });
    await h.env.sleep('1 minute');
    v = await view(handle);
    expect(v.priority).toBe('P2');
    expect(v.clocks?.response).toEqual(breached);
    expect(v.deadlines.responseDueAt).toBe(breached?.dueAt);
  });
});

test('a human review opened Monday 20:30 is not auto-approved overnight: warned Tuesday 11:42 (80%), approved at 12:30', async () => {
  await skipTo('2026-10-12T20:30');
  const w = await world([{ orderId: 'ORD-REVIEW' }]);
  await h.run(w, async () => {
    const handle = await openCase('ORD-REVIEW', { evidence: photo(0.5) });
    let v = await reach(handle, 'awaiting_review');
    expectAt(v.currentWait?.dueAt, '2026-10-13T12:30');

    await skipTo('2026-10-13T08:59');
    v = await view(handle);
    expect(v.status).toBe('awaiting_review');
    await skipTo('2026-10-13T11:41');
    expect(events(await view(handle))).not.toContain('review_sla_warning');
    await skipTo('2026-10-13T11:43');
    v = await view(handle);
    expectAt(v.timeline.find((t) => t.event === 'review_sla_warning')?.at, '2026-10-13T11:42');
    // The view's reading is as of the clock's last event: here the warning, with 20% of 240 working minutes left.
    expectAt(v.clocks?.review?.asOf, '2026-10-13T11:42');
    expect(v.clocks?.review?.remainingWorkingMinutes).toBeCloseTo(48, 0);
    expect(w.calls.some((c) => c.name === 'notifyStaff' && JSON.stringify(c.input).includes('"clock":"review"'))).toBe(true);

    await skipTo('2026-10-13T12:29');
    expect((await view(handle)).status).toBe('awaiting_review');
    await skipTo('2026-10-13T12:31');
    v = await view(handle);
    expect(v.verification.outcome).toBe('approved');
    expectAt(v.timeline.find((t) => t.event === 'review_deadline_passed')?.at, '2026-10-13T12:30');
  });
});

test('two hours paused on the customer move the resolution breach two working hours later; warned at 80% of the working time', async () => {
  await skipTo('2026-10-14T10:00');
  const w = await world([{ orderId: 'ORD-PAUSE', items: [{ ...FISH, sku: 'SKU-FISH' }] }]);
  await h.run(w, async () => {
    const handle = await openCase('ORD-PAUSE', { sku: 'SKU-FISH' });
    let v = await reach(handle, 'awaiting_evidence');
    expect(v.priority).toBe('P2');
    expect(v.clocks?.resolution).toMatchObject({ calendar: 'regional-09-21', slaMinutes: 120, running: false });
    expect(events(v)).toContain('resolution_clock_paused');

    await skipTo('2026-10-14T12:00');
    await handle.executeUpdate(addEvidenceUpdate, { args: [{ photos: photo(0.5) }] });
    v = await reach(handle, 'awaiting_review');
    expect(v.clocks?.resolution?.running).toBe(true);
    // Without the pause it was due at 12:00; it is now due two working hours later.
    expectAt(v.clocks?.resolution?.dueAt, '2026-10-14T14:00');
    expect(events(v)).toContain('resolution_clock_resumed');

    await skipTo('2026-10-14T13:35');
    expect(events(await view(handle))).not.toContain('resolution_sla_warning');
    await skipTo('2026-10-14T13:59');
    v = await view(handle);
    expectAt(v.timeline.find((t) => t.event === 'resolution_sla_warning')?.at, '2026-10-14T13:36');
    expect(v.sla.resolutionBreached).toBe(false);
    await skipTo('2026-10-14T14:01');
    v = await view(handle);
    expect(v.sla.resolutionBreached).toBe(true);
    expectAt(v.timeline.find((t) => t.event === 'resolution_sla_breached')?.at, '2026-10-14T14:00');
  });
});

test('a P2 case raised to P1 ten minutes in gets the P1 deadline from its opening: breached at 15 minutes, not 30', async () => {
  await skipTo('2026-10-15T10:00');
  const w = await world([{ orderId: 'ORD-RAISE' }]);
  await h.run(w, async () => {
    const handle = await openCase('ORD-RAISE');
    await h.settle();
    expectAt((await view(handle)).clocks?.response?.dueAt, '2026-10-15T10:30');
    await skipTo('2026-10-15T10:10');
    await handle.executeUpdate(reprioritizeUpdate, { args: [{ by: 'AG-LEAD-01', priority: 'P1', reason: 'repeat complaint' }] });
    const raised = await view(handle); // updates answer a small result; the view is read by query
    expect(raised.priority).toBe('P1');
    expect(raised.clocks?.response?.slaMinutes).toBe(15);
    expectAt(raised.clocks?.response?.dueAt, '2026-10-15T10:15');
    expect(raised.timeline.find((t) => t.event === 'reprioritized')?.detail).toMatch(/^P2 → P1 by AG-LEAD-01: repeat complaint/);

    await skipTo('2026-10-15T10:14');
    expect((await view(handle)).sla.responseBreached).toBe(false);
    await skipTo('2026-10-15T10:16');
    expectAt((await view(handle)).timeline.find((t) => t.event === 'response_sla_breached')?.at, '2026-10-15T10:15');
  });
});

test('a platform-wide pause an hour long (repeated, harmlessly) moves the response breach an hour; the resolution clock waiting on the customer stays stopped', async () => {
  await skipTo('2026-10-19T10:00');
  const w = await world([{ orderId: 'ORD-PLATFORM' }]);
  await h.run(w, async () => {
    const handle = await openCase('ORD-PLATFORM');
    await h.settle();
    await skipTo('2026-10-19T10:10');
    const pause = { pauseId: 'PAUSE-FLOOD-1', by: 'OPS-1', reason: 'regional flood' };
    await handle.signal(pauseClocksSignal, pause);
    await handle.signal(pauseClocksSignal, pause);
    await h.settle();
    let v = await view(handle);
    expect(v.clocksPaused).toMatchObject(pause);
    expect(v.clocks?.response).toMatchObject({ running: false });
    expect(v.clocks?.response?.remainingWorkingMinutes).toBeCloseTo(20, 0);
    expectAt(v.deadlines.responseDueAt, '2026-10-19T10:30');
    expect(events(v).filter((e) => e === 'clocks_paused')).toHaveLength(1);

    await skipTo('2026-10-19T11:10');
    expect((await view(handle)).sla.responseBreached).toBe(false);
    await handle.signal(resumeClocksSignal, pause);
    await h.settle();
    v = await view(handle);
    expect(v.clocksPaused).toBeUndefined();
    expectAt(v.deadlines.responseDueAt, '2026-10-19T11:30');
    expect(v.clocks?.resolution?.running).toBe(false);
    expect(events(v)).toContain('clocks_resumed');

    await skipTo('2026-10-19T11:29');
    expect((await view(handle)).sla.responseBreached).toBe(false);
    await skipTo('2026-10-19T11:31');
    expectAt((await view(handle)).timeline.find((t) => t.event === 'response_sla_breached')?.at, '2026-10-19T11:30');
  });
});

test('a human review that starts during a platform pause starts paused: the case waits in review (due as if unpaused), and the resume moves its deadline by the paused time', async () => {
  await skipTo('2026-10-20T10:00');
  const w = await world([{ orderId: 'ORD-REVIEW-PAUSED' }]);
  await h.run(w, async () => {
    const handle = await openCase('ORD-REVIEW-PAUSED');
    await reach(handle, 'awaiting_evidence');
    const pause = { pauseId: 'PAUSE-REVIEW-1', by: 'OPS-1', reason: 'regional flood' };
    await handle.signal(pauseClocksSignal, pause);
    await h.settle();
    await skipTo('2026-10-20T10:30');
    // The photos arrive while the clocks stand still: the review (240 working min) starts paused.
    await handle.executeUpdate(addEvidenceUpdate, { args: [{ photos: photo(0.5) }] });
    let v = await reach(handle, 'awaiting_review');
    expect(v.clocks?.review).toMatchObject({ slaMinutes: 240, running: false });
    expectAt(v.currentWait?.dueAt, '2026-10-20T14:30');
    expectAt(v.deadlines.currentWaitDueAt, '2026-10-20T14:30');
    expect(v.timeline.find((t) => t.event === 'clock_started' && t.detail?.startsWith('review'))?.detail).toMatch(/due none while paused$/);

    await skipTo('2026-10-20T11:30');
    await handle.signal(resumeClocksSignal, pause);
    await h.settle();
    v = await view(handle);
    expect(v.clocks?.review?.running).toBe(true);
    expectAt(v.currentWait?.dueAt, '2026-10-20T15:30');
    expect(v.timeline.find((t) => t.event === 'clocks_resumed')?.detail).toMatch(/response due .*, resolution due /);
    await skipTo('2026-10-20T15:29');
    expect((await view(handle)).status).toBe('awaiting_review');
    await skipTo('2026-10-20T15:32');
    v = await view(handle);
    expect(v.verification.outcome).toBe('approved');
    expectAt(v.timeline.find((t) => t.event === 'review_deadline_passed')?.at, '2026-10-20T15:30');
  });
});

test('a case raised to P1 during a platform pause shows the P1 deadline it would have if its clocks ran again now, and meets it from the resume', async () => {
  await skipTo('2026-10-21T10:00');
  const w = await world([{ orderId: 'ORD-RAISE-PAUSED' }]);
  await h.run(w, async () => {
    const handle = await openCase('ORD-RAISE-PAUSED');
    await h.settle();
    expectAt((await view(handle)).deadlines.responseDueAt, '2026-10-21T10:30');
    await skipTo('2026-10-21T10:05');
    const pause = { pauseId: 'PAUSE-RAISE-1', by: 'OPS-1', reason: 'regional flood' };
    await handle.signal(pauseClocksSignal, pause);
    await h.settle();
    await skipTo('2026-10-21T10:25');
    // P1 answers within 15 working minutes of opening: 5 were used before the pause, 10 are left,
    // so were the clocks to run again now it would be due 10:35 (not P2's 10:30 shown before).
    await handle.executeUpdate(reprioritizeUpdate, { args: [{ by: 'AG-LEAD-01', priority: 'P1', reason: 'repeat complaint' }] });
    let v = await view(handle);
    expect(v.clocks?.response).toMatchObject({ slaMinutes: 15, running: false });
    expectAt(v.deadlines.responseDueAt, '2026-10-21T10:35');
    expect(v.timeline.find((t) => t.event === 'reprioritized')?.detail).toMatch(/response paused/);
    await skipTo('2026-10-21T10:40');
    expectAt((await view(handle)).deadlines.responseDueAt, '2026-10-21T10:35'); // still paused: as it was shown
    await handle.signal(resumeClocksSignal, pause);
    await h.settle();
    v = await view(handle);
    expectAt(v.deadlines.responseDueAt, '2026-10-21T10:50');
    await skipTo('2026-10-21T10:49');
    expect((await view(handle)).sla.responseBreached).toBe(false);
    await skipTo('2026-10-21T10:51');
    expectAt((await view(handle)).timeline.find((t) => t.event === 'response_sla_breached')?.at, '2026-10-21T10:50');
  });
});

test('overlapping platform pauses: the clocks run again only once the last has ended; the same pause twice is held once', async () => {
  await skipTo('2026-10-20T10:00');
  const w = await world([{ orderId: 'ORD-OVERLAP' }]);
  await h.run(w, async () => {
    const handle = await openCase('ORD-OVERLAP');
    await h.settle();
    expectAt((await view(handle)).deadlines.responseDueAt, '2026-10-20T10:30');
    await skipTo('2026-10-20T10:10');
    const flood = { pauseId: 'FLOOD-1', by: 'OPS-1', reason: 'regional flood' };
    const festival = { pauseId: 'FESTIVAL-1', by: 'OPS-2', reason: 'nationwide stop' };
    await handle.signal(pauseClocksSignal, flood);
    await skipTo('2026-10-20T10:20');
    await handle.signal(pauseClocksSignal, festival);
    await handle.signal(pauseClocksSignal, festival);
    await h.settle();
    let v = await view(handle);
    expect(v.clocksPaused).toMatchObject(flood);
    expect(v.otherClockPauses).toEqual([expect.objectContaining(festival)]);
    expect(events(v).filter((e) => e === 'clock_pause_held')).toHaveLength(1);

    // A third pause, held and ended while the flood still holds the clocks: they stay paused.
    const storm = { pauseId: 'STORM-1', by: 'OPS-3', reason: 'storm' };
    await handle.signal(pauseClocksSignal, storm);
    await skipTo('2026-10-20T10:40');
    await handle.signal(resumeClocksSignal, storm);
    await h.settle();
    v = await view(handle);
    expect(v.clocksPaused).toMatchObject(flood);
    expect(v.otherClockPauses).toEqual([expect.objectContaining(festival)]);
    expect(v.timeline.find((t) => t.event === 'clock_pause_ended')?.detail).toMatch(/^platform pause STORM-1 ended by OPS-3; clocks stay paused by FLOOD-1/);
    expect(v.clocks?.response?.running).toBe(false);

    // The flood ends first: the festival still holds the clocks, nothing breaches at the old due time.
    await skipTo('2026-10-20T11:10');
    await handle.signal(resumeClocksSignal, flood);
    await h.settle();
    v = await view(handle);
    expect(v.clocksPaused).toMatchObject(festival);
    expect(v.otherClockPauses).toBeUndefined();
    expect(v.clocks?.response?.running).toBe(false);
    expect(events(v)).not.toContain('clocks_resumed');
    await skipTo('2026-10-20T11:40');
    expect((await view(handle)).sla.responseBreached).toBe(false);

    // The festival ends at 11:40: 20 working minutes were left at 10:10, so the response is due 12:00.
    await handle.signal(resumeClocksSignal, festival);
    await h.settle();
    v = await view(handle);
    expect(v.clocksPaused).toBeUndefined();
    expectAt(v.deadlines.responseDueAt, '2026-10-20T12:00');
    await skipTo('2026-10-20T11:59');
    expect((await view(handle)).sla.responseBreached).toBe(false);
    await skipTo('2026-10-20T12:01');
    expectAt((await view(handle)).timeline.find((t) => t.event === 'response_sla_breached')?.at, '2026-10-20T12:00');
  });
});

test('a clock that runs into 2027 (not in the holiday snapshot) falls back to wall-clock time, visibly, and the case goes on', async () => {
  await skipTo('2026-12-31T20:50');
  const w = await world([{ orderId: 'ORD-NYE' }]);
  await h.run(w, async () => {
    const handle = await openCase('ORD-NYE');
    await h.settle();
    let v = await view(handle);
    expect(v.timeline.find((t) => t.event === 'calendar_not_covered')?.detail).toMatch(/no holiday schedule for 2027/);
    expect(v.clocks?.response?.calendar).toBe('always-open-24x7');
    expectAt(v.clocks?.response?.dueAt, '2026-12-31T21:20');
    await skipTo('2026-12-31T21:21');
    v = await view(handle);
    expect(v.sla.responseBreached).toBe(true);
    expect(v.status).toBe('awaiting_evidence');
  });
});
