/**
 * A case opened while a platform-wide pause is in force (issue 9) starts with its merchant clocks
 * paused when the pause covers it, at real durations on the time-skipping server (policy
 * 2026-12-v1, Monday 19 October 2026 in Shanghai; east-desk and north-desk both 09:00–21:00 that day).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { caseWorkflowId, pauseClocksSignal, resumeClocksSignal, type CaseView, type OpenCaseInput } from '../../src/workflows/case/contract';
import type { ActiveClockPause } from '../../src/workflows/pauses/contract';
import { newWorld, useCaseHarness, view } from '../support/case-harness';
import { order } from '../support/orders';
import { untilSettled } from '../support/settle';

const h = useCaseHarness({ startAt: '2026-10-19T01:00:00Z' });

/** Epoch ms of a Shanghai wall-clock time, `YYYY-MM-DDTHH:MM`. */
const sh = (local: string) => Date.parse(`${local}:00+08:00`);

async function skipTo(local: string): Promise<void> {
  const now = await h.now();
  if (sh(local) <= now) throw new Error(`the clock is already past ${local}`);
  await h.env.sleep(sh(local) - now);
}

/** The instant is this Shanghai time, give or take the seconds a case takes to start. */
function expectAt(iso: string | undefined, local: string): void {
  expect(iso).toBeDefined();
  expect(Math.abs(Date.parse(iso as string) - sh(local))).toBeLessThan(30_000);
}

const events = (v: CaseView) => v.timeline.map((t) => t.event);
const breachAt = (v: CaseView) => v.timeline.find((t) => t.event === 'response_sla_breached')?.at;

const FLOOD: ActiveClockPause = { pauseId: 'FLOOD-EAST-1', by: 'OPS-1', reason: 'regional flood', region: 'East', since: '2026-10-19T01:30:00.000Z' };

test('an East case opened during an East pause starts paused, its deadline frozen; the resume moves it by the paused time; a North case opened with the same pauses runs', async () => {
  await skipTo('2026-10-19T10:00');
  const now = await h.now();
  const w = newWorld([order(now, { orderId: 'ORD-EAST' }), order(now, { orderId: 'ORD-NORTH', destinationDivisionCode: '110101' })]);
  await h.run(w, async () => {
    const open = (orderId: string) => h.open({ orderId, caseType: 'wrong_item', items: [{ sku: 'SKU-MUG', quantity: 1 }], policyVersion: '2026-12-v1', clockPauses: [FLOOD] });
    const east = await open('ORD-EAST');
    const north = await open('ORD-NORTH');
    await h.settle();

    let e = await view(east);
    expect(e.region).toBe('East');
    expect(e.clocksPaused).toMatchObject({ pauseId: 'FLOOD-EAST-1', by: 'OPS-1', reason: 'regional flood' });
    expect(e.clocks?.response).toMatchObject({ running: false });
    expect(e.clocks?.response?.remainingWorkingMinutes).toBeCloseTo(30, 0);
    expect(e.timeline.find((t) => t.event === 'clocks_paused')?.detail).toMatch(/in force at opening/);
    const n = await view(north);
    expect(n.region).toBe('North');
    expect(n.clocksPaused).toBeUndefined();
    expect(n.clocks?.response?.running).toBe(true);
    expectAt(n.deadlines.responseDueAt, '2026-10-19T10:30');

    await skipTo('2026-10-19T11:00');
    e = await view(east);
    expect(e.sla.responseBreached).toBe(false);
    expect(e.clocks?.response?.remainingWorkingMinutes).toBeCloseTo(30, 0);
    expectAt(breachAt(await view(north)), '2026-10-19T10:30');

    await east.signal(resumeClocksSignal, { pauseId: 'FLOOD-EAST-1', by: 'OPS-1', reason: 'water receded' });
    await h.settle();
    e = await view(east);
    expect(e.clocksPaused).toBeUndefined();
    expect(events(e)).toContain('clocks_resumed');
    expectAt(e.deadlines.responseDueAt, '2026-10-19T11:30');

    await skipTo('2026-10-19T11:29');
    expect((await view(east)).sla.responseBreached).toBe(false);
    await skipTo('2026-10-19T11:31');
    expectAt(breachAt(await view(east)), '2026-10-19T11:30');
  });
});

/** Polls the view (real time) until `done`; the workflow runs meanwhile. */
async function until(handle: WorkflowHandle, done: (v: CaseView) => boolean): Promise<CaseView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const v = await view(handle);
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met; status ${v.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a pause signalled with its filter before intake (the sweep of cases still in intake) is judged at intake: the East case starts paused, the North one runs', async () => {
  await skipTo('2026-10-19T12:00');
  const now = await h.now();
  const w = newWorld([order(now, { orderId: 'ORD-EAST-2' }), order(now, { orderId: 'ORD-NORTH-2', destinationDivisionCode: '110101' })]);
  const pause = { pauseId: 'FLOOD-EAST-2', by: 'OPS-1', reason: 'regional flood', filter: { region: 'East' as const } };
  const handles: WorkflowHandle[] = [];
  try {
    await h.run(w, async () => {
      // signalWithStart: the signal is handled in the first workflow task, before intake has run.
      const open = async (orderId: string) => {
        const input: OpenCaseInput = {
          caseId: `T-${orderId}`, orderId, channel: 'app', urgency: 'normal', caseType: 'wrong_item', items: [{ sku: 'SKU-MUG', quantity: 1 }],
          evidence: [], policyVersion: '2026-12-v1', openedAt: new Date(await h.now()).toISOString(),
        };
        const handle = await h.env.client.workflow.signalWithStart('afterSalesCase', {
          workflowId: caseWorkflowId(input.caseId), taskQueue: h.taskQueue, args: [input], signal: pauseClocksSignal, signalArgs: [pause],
        });
        handles.push(handle);
        return handle;
      };
      const east = await open('ORD-EAST-2');
      const north = await open('ORD-NORTH-2');
      const e = await until(east, (v) => v.clocks?.response !== undefined);
      expect(e.clocksPaused).toMatchObject({ pauseId: 'FLOOD-EAST-2' });
      expect(e.clocks?.response?.running).toBe(false);
      expect(e.timeline.find((t) => t.event === 'clocks_paused')?.detail).toMatch(/in force at opening/);
      const n = await until(north, (v) => v.clocks?.response !== undefined);
      expect(n.clocksPaused).toBeUndefined();
      expect(n.clocks?.response?.running).toBe(true);
      expect(events(n)).not.toContain('clocks_paused');

      // After intake, the same signal is judged on the case's region too: North ignores it.
      await north.signal(pauseClocksSignal, pause);
      await untilSettled(north);
      expect((await view(north)).clocksPaused).toBeUndefined();
      // …while an unfiltered pause still pauses it (the signal was handled).
      await north.signal(pauseClocksSignal, { pauseId: 'SPRING-FESTIVAL', by: 'OPS-1', reason: 'logistics stop' });
      expect((await until(north, (v) => v.clocksPaused !== undefined)).clocksPaused?.pauseId).toBe('SPRING-FESTIVAL');
    });
  } finally {
    await Promise.all(handles.map((hd) => hd.terminate('test finished').catch(() => undefined)));
  }
});

test('opened at 08:30 during a pause, before its desk opens at 09:00: the frozen deadline is 09:30 on the desk calendar, not the wall-clock 09:00; resumed at 10:00, due 10:30', async () => {
  await skipTo('2026-10-20T08:30');
  const now = await h.now();
  const w = newWorld([order(now, { orderId: 'ORD-EAST-3' })]);
  await h.run(w, async () => {
    const east = await h.open({ orderId: 'ORD-EAST-3', caseType: 'wrong_item', items: [{ sku: 'SKU-MUG', quantity: 1 }], policyVersion: '2026-12-v1', clockPauses: [FLOOD] });
    await h.settle();
    let e = await view(east);
    expect(e.clocksPaused).toMatchObject({ pauseId: 'FLOOD-EAST-1' });
    expectAt(e.deadlines.responseDueAt, '2026-10-20T09:30');
    await skipTo('2026-10-20T10:00');
    expectAt((await view(east)).deadlines.responseDueAt, '2026-10-20T09:30'); // frozen while paused
    await east.signal(resumeClocksSignal, { pauseId: 'FLOOD-EAST-1', by: 'OPS-1', reason: 'water receded' });
    await h.settle();
    e = await view(east);
    expectAt(e.deadlines.responseDueAt, '2026-10-20T10:30'); // moved by the paused working hour (09:00–10:00)
  });
});
