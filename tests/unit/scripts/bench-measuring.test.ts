// The bench's pure measuring helpers (scripts/bench): the alternating round order, the median, and
// the parked phase's reading of a history (the timer due at T, its lateness against T, the
// activities around it), the CPU split. Synthetic histories; no server.
import fs from 'node:fs';
import { google, temporal } from '@temporalio/proto';
import type Long from 'long';
import type { History } from '../../../scripts/bench/history';
import { activitiesAroundT, latenessAt, timersDueAt } from '../../../scripts/bench/phases/parked-timers';
import { halfLoadOrder, pairedSides } from '../../../scripts/bench/phases/half-load';
import { abba, median } from '../../../scripts/bench/phases/rounds';
import { add, cpuSeconds, perItem, split } from '../../../scripts/bench/cpu';
import { cpuLoopMs, SPEED_LOOP } from '../../../scripts/bench/measure';

const T = temporal.api.enums.v1.EventType;
type Event = temporal.api.history.v1.IHistoryEvent;

// The proto types want Long for seconds; the readers take numbers too (as JSON histories have them).
const at = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 }) as unknown as google.protobuf.ITimestamp;

/** A history built event by event: each helper appends one event at `ms` and returns its id. */
function builder() {
  const events: Event[] = [];
  const add = (ms: number, eventType: number, attrs: Partial<Event>) => {
    events.push({ eventId: events.length + 1, eventTime: at(ms), eventType, ...attrs } as unknown as Event);
    return events.length;
  };
  return {
    history: (): History => ({ events }),
    activity: (ms: number) => add(ms, T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, { activityTaskScheduledEventAttributes: {} }),
    timer: (ms: number, durationMs: number) => add(ms, T.EVENT_TYPE_TIMER_STARTED, { timerStartedEventAttributes: { startToFireTimeout: at(durationMs) as google.protobuf.IDuration } }),
    fired: (ms: number, startedEventId: number) => add(ms, T.EVENT_TYPE_TIMER_FIRED, { timerFiredEventAttributes: { startedEventId: startedEventId as unknown as Long } }),
    taskDone: (ms: number) => add(ms, T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, { workflowTaskCompletedEventAttributes: {} }),
    taskTimedOut: (ms: number) => add(ms, T.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT, { workflowTaskTimedOutEventAttributes: {} }),
  };
}

const DUE = 1_000_000;

/** Parks with 2 activities, a cancelled-then-restarted style timer at T, acts with 3 activities, then the next timer. */
function parkedHistory(firedAt: number, actedAt: number) {
  const b = builder();
  b.activity(DUE - 9_000);
  b.activity(DUE - 8_500);
  b.timer(DUE - 8_000, 60 * 60_000); // an unrelated long timer (fires an hour on): not due at T
  const t = b.timer(DUE - 5_020, 5_000); // the server's due: 20 ms after T (the task's processing time)
  b.fired(firedAt, t);
  b.taskDone(actedAt);
  b.activity(actedAt + 1);
  b.activity(actedAt + 2);
  b.activity(actedAt + 3);
  b.timer(actedAt + 4, 30 * 60_000);
  b.activity(actedAt + 5); // after the next timer: not part of acting at T
  return b.history();
}

describe('bench rounds', () => {
  test('two sides alternate ABBA BAAB, so neither always goes first', () => {
    expect(abba(4, ['case', 'floor'])).toEqual([
      [0, 'case'], [0, 'floor'],
      [1, 'floor'], [1, 'case'],
      [2, 'floor'], [2, 'case'],
      [3, 'case'], [3, 'floor'],
    ]);
  });

  test('three sides: every side runs once per round, and the first place moves', () => {
    const order = abba(4, ['a', 'b', 'c']);
    for (let r = 0; r < 4; r++) expect(order.filter(([round]) => round === r).map(([, s]) => s).sort()).toEqual(['a', 'b', 'c']);
    const firsts = [0, 1, 2, 3].map((r) => order.find(([round]) => round === r)![1]);
    expect(firsts).toEqual(['a', 'c', 'b', 'a']);
  });

  test('half load: a paired round every round, its first side A B B A, A B B A; the floor every other round, after and before it in turn', () => {
    const names = halfLoadOrder(8).map((s) => `${s.round}:${s.side === 'paired' ? `${s.first} first` : 'floor'}`);
    expect(names).toEqual([
      '0:api first', '0:floor',
      '1:raw first',
      '2:floor', '2:raw first',
      '3:api first',
      '4:api first', '4:floor',
      '5:raw first',
      '6:floor', '6:raw first',
      '7:api first',
    ]);
  });

  test('half load: a paired round sends each side count times, in pairs A B, B A…', () => {
    expect(pairedSides(3, 'api')).toEqual(['api', 'raw', 'raw', 'api', 'api', 'raw']);
    expect(pairedSides(2, 'raw')).toEqual(['raw', 'api', 'api', 'raw']);
    const many = pairedSides(15, 'raw');
    expect(many.filter((s) => s === 'api')).toHaveLength(15);
    expect(many.filter((s) => s === 'raw')).toHaveLength(15);
  });

  test('median of odd and even counts, NaN for none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('parked timers', () => {
  test('the timer due at T is found by its server due and its lateness read against T', () => {
    const late = timersDueAt(parkedHistory(DUE + 70, DUE + 250), DUE);
    expect(late).toEqual([{ firedLateMs: 70, actedLateMs: 250 }]);
  });

  test('a history with no timer near T has none due together', () => {
    const b = builder();
    const t = b.timer(DUE - 60_000, 30_000);
    b.fired(DUE - 30_000, t);
    b.taskDone(DUE - 29_000);
    expect(timersDueAt(b.history(), DUE)).toEqual([]);
    expect(latenessAt([b.history()], DUE)).toEqual({ dueTogether: 0 });
    expect(activitiesAroundT(b.history(), DUE)).toBeUndefined();
  });

  test('lateness over N histories: count due together, spreads of fired and acted', () => {
    const r = latenessAt([parkedHistory(DUE + 10, DUE + 100), parkedHistory(DUE + 30, DUE + 300)], DUE);
    expect(r.dueTogether).toBe(2);
    expect(r.firedLate).toMatchObject({ n: 2, p50: 10, max: 30 });
    expect(r.actedLate).toMatchObject({ n: 2, p50: 100, max: 300 });
    expect(r.taskTimeouts).toBe(0);
  });

  test('workflow tasks that timed out in the storm are counted, not those long before T', () => {
    const b = builder();
    b.taskTimedOut(DUE - 60_000); // an earlier hiccup: not part of the storm
    const t = b.timer(DUE - 5_000, 5_000);
    b.fired(DUE + 5, t);
    b.taskTimedOut(DUE + 10_005); // left on the sticky queue past its timeout
    b.taskTimedOut(DUE + 20_010);
    b.taskDone(DUE + 25_000);
    const r = latenessAt([b.history(), parkedHistory(DUE + 10, DUE + 100)], DUE);
    expect(r.taskTimeouts).toBe(2);
    expect(r.actedLate).toMatchObject({ n: 2, max: 25_000 });
  });

  test('activities before T and when acting on it, up to the next timer', () => {
    expect(activitiesAroundT(parkedHistory(DUE + 10, DUE + 100), DUE)).toEqual({ before: 2, after: 3, settled: true });
    // Read while still acting (no next timer yet): what has run so far, not settled.
    const b = builder();
    b.activity(DUE - 9_000);
    const t = b.timer(DUE - 5_000, 5_000);
    b.fired(DUE + 5, t);
    b.taskDone(DUE + 50);
    b.activity(DUE + 51);
    expect(activitiesAroundT(b.history(), DUE)).toEqual({ before: 1, after: 1, settled: false });
  });
});

describe('CPU split', () => {
  test('per item: milliseconds per item by process and their total; rounds add up', () => {
    const one = perItem({ server: 1, api: 2 }, { server: 3, api: 2.5 }, 10);
    expect(one).toEqual({ server: 200, api: 50, total: 250 });
    expect(add(add({}, one), one)).toEqual({ server: 400, api: 100, total: 500 });
    expect(split(one)).toBe('server 200 · api 50');
  });

  const onLinux = fs.existsSync('/proc/self/stat');

  test("this process's CPU time is read from /proc and grows as Node's own count does; an unknown process reads NaN", () => {
    expect(cpuSeconds(undefined)).toBeNaN();
    expect(cpuSeconds(2 ** 22 + 12345)).toBeNaN();
    expect(split({ server: NaN })).toBe('server –');
    if (!onLinux) {
      expect(cpuSeconds(process.pid)).toBeNaN(); // elsewhere the bench prints "–"
      return;
    }
    const before = cpuSeconds(process.pid);
    const ownBefore = process.cpuUsage();
    // Work until Node itself has counted 200 ms of CPU (however busy the machine is), at most 20 s.
    const until = Date.now() + 20_000;
    let x = 0;
    while (Date.now() < until) {
      for (let i = 0; i < 100_000; i++) x += Math.sqrt(x + i);
      const used = process.cpuUsage(ownBefore);
      if (used.user + used.system >= 200_000) break;
    }
    const used = process.cpuUsage(ownBefore);
    const ownSeconds = (used.user + used.system) / 1e6;
    expect(x).toBeGreaterThan(0);
    expect(ownSeconds).toBeGreaterThanOrEqual(0.2);
    // /proc counts in 10 ms ticks: the same work, within a few ticks.
    expect(Math.abs(cpuSeconds(process.pid) - before - ownSeconds)).toBeLessThan(0.05);
  });
});

describe('machine speed', () => {
  test('reads the CPU a fresh node spends on a loop; a loop that fails is an error, never a reading', () => {
    const ms = cpuLoopMs('let s=0;for(let i=0;i<1e5;i++)s+=i%7');
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(60_000);
    expect(() => cpuLoopMs('throw new Error("boom")')).toThrow(/CPU loop failed \(exit 1\)[\s\S]*Error: boom/);
  });

  test("the loop is the one docs/performance.md compares days by", () => {
    expect(fs.readFileSync('docs/performance.md', 'utf8')).toContain(`node -e '${SPEED_LOOP}'`);
  });
});
