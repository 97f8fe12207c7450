// Properties of the SLA clock (fast-check) on the named desk calendars: it agrees with the
// working-time functions, a pause moves the deadline by exactly the paused working time, and the
// readings are monotonic and insensitive to repeated or no-op events.
import fc from 'fast-check';
import { addWorkingMinutes, CALENDAR_NAMES, calendarNamed, readClock, recordClockEvents, startClock, workingMsBetween, type ClockEvent } from '../../../../src/policy';
import { at } from './support';

const MINUTE = 60_000;
const name = fc.constantFrom(...CALENDAR_NAMES);
const start = fc.integer({ min: at('2025-01-01 00:00'), max: at('2026-06-30 00:00') });
const sla = fc.integer({ min: 1, max: 2_000 });
const offset = fc.integer({ min: 0, max: 10 * 86_400_000 });

describe('SLA clock properties', () => {
  test('with no events: due = addWorkingMinutes(start, sla), warning before it, breached exactly from due', () => {
    fc.assert(
      fc.property(name, start, sla, (cal, t, minutes) => {
        const clock = startClock(t, minutes, cal);
        const due = addWorkingMinutes(calendarNamed(cal), t, minutes);
        const reading = readClock(clock, t);
        expect(reading.dueMs).toBe(due);
        expect(reading.warnAtMs).toBeLessThanOrEqual(due);
        expect(readClock(clock, due).breached).toBe(true);
        expect(readClock(clock, due).remainingWorkingMinutes).toBe(0);
        expect(readClock(clock, due - 1).breached).toBe(false);
      }),
    );
  });

  test('a pause moves the due instant by exactly the working time paused', () => {
    fc.assert(
      fc.property(name, start, sla, offset, offset, (cal, t, minutes, before, length) => {
        const calendar = calendarNamed(cal);
        const [pausedAt, resumedAt] = [t + before, t + before + length];
        const clock = recordClockEvents(startClock(t, minutes, cal), [
          { kind: 'paused', atMs: pausedAt },
          { kind: 'resumed', atMs: resumedAt },
        ]);
        const { dueMs } = readClock(clock, resumedAt);
        const unpaused = addWorkingMinutes(calendar, t, minutes);
        if (unpaused <= pausedAt) expect(dueMs).toBe(unpaused);
        else expect(workingMsBetween(calendar, t, pausedAt) + workingMsBetween(calendar, resumedAt, dueMs as number)).toBe(minutes * MINUTE);
      }),
    );
  });

  test('elapsed never falls and remaining never rises as time passes', () => {
    fc.assert(
      fc.property(name, start, sla, offset, offset, offset, (cal, t, minutes, pauseAfter, a, b) => {
        const clock = recordClockEvents(startClock(t, minutes, cal), [{ kind: 'paused', atMs: t + pauseAfter }]);
        const [early, late] = [t + pauseAfter + Math.min(a, b), t + pauseAfter + Math.max(a, b)];
        const [r1, r2] = [readClock(clock, early), readClock(clock, late)];
        expect(r2.elapsedWorkingMinutes).toBeGreaterThanOrEqual(r1.elapsedWorkingMinutes);
        expect(r2.remainingWorkingMinutes).toBeLessThanOrEqual(r1.remainingWorkingMinutes);
      }),
    );
  });

  test('no-op events (moving to the same calendar, repeated pause or resume) change no reading', () => {
    const noOp = (cal: string, atMs: number) => fc.constantFrom<ClockEvent[]>([{ kind: 'calendar_changed', atMs, calendar: cal }], [{ kind: 'resumed', atMs }], [
      { kind: 'paused', atMs },
      { kind: 'paused', atMs },
      { kind: 'resumed', atMs },
    ]);
    fc.assert(
      fc.property(
        start,
        sla,
        offset,
        offset,
        name.chain((cal) => noOp(cal, 0).map((events) => ({ cal, events }))),
        (t, minutes, when, later, { cal, events }) => {
          const moved = events.map((e) => ({ ...e, atMs: t + when }));
          const plain = startClock(t, minutes, cal);
          expect(readClock(recordClockEvents(plain, moved), t + when + later)).toEqual(readClock(plain, t + when + later));
        },
      ),
    );
  });

  test('raising the priority (shorter SLA) never moves the due instant later', () => {
    fc.assert(
      fc.property(name, start, sla, sla, offset, (cal, t, a, b, when) => {
        const [shorter, longer] = a <= b ? [a, b] : [b, a];
        const clock = startClock(t, longer, cal);
        const raised = recordClockEvents(clock, [{ kind: 'sla_changed', atMs: t + when, slaMinutes: shorter }]);
        expect(readClock(raised, t + when).dueMs).toBeLessThanOrEqual(readClock(clock, t + when).dueMs as number);
        expect(readClock(raised, t + when).dueMs).toBe(addWorkingMinutes(calendarNamed(cal), t, shorter));
      }),
    );
  });
});
