// Properties of the working-time functions over the named desk calendars and random split-shift
// calendars (fast-check), checked against each other and against a minute-by-minute oracle.
import fc from 'fast-check';
import {
  addWorkingMinutes,
  DESK_CALENDARS,
  HOLIDAYS_CN,
  isWorkingInstant,
  nextWorkingInstant,
  SHANGHAI,
  WEEKDAYS,
  workingMinutesBetween,
  workingMsBetween,
  type Shift,
  type WorkCalendar,
} from '../../../../src/policy';
import { at } from './support';

const MINUTE = 60_000;

/** Up to three shifts in a day, from sorted distinct boundaries (so ascending and disjoint). */
const dayShifts = fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }).map((bounds) => {
  const b = [...bounds].sort((x, y) => x - y);
  const shifts: Shift[] = [];
  for (let i = 0; i + 1 < b.length; i += 2) shifts.push([b[i] as number, b[i + 1] as number]);
  return shifts;
});

const weeklyMinutes = (c: WorkCalendar) => (c.kind === '24x7' ? 7 * 1440 : WEEKDAYS.reduce((sum, d) => sum + c.week[d].reduce((s, [a, b]) => s + b - a, 0), 0));

/** A random working-hours calendar with at least 10 working hours a week (so clocks stay inside the snapshot). */
const randomCalendar: fc.Arbitrary<WorkCalendar> = fc
  .record({ week: fc.tuple(dayShifts, dayShifts, dayShifts, dayShifts, dayShifts, dayShifts, dayShifts), makeUp: dayShifts.filter((s) => s.length > 0) })
  .map(({ week, makeUp }): WorkCalendar => ({
    name: 'random',
    kind: 'working_hours',
    ...SHANGHAI,
    week: Object.fromEntries(WEEKDAYS.map((d, i) => [d, week[i] as Shift[]])) as Record<(typeof WEEKDAYS)[number], Shift[]>,
    makeUpDayShifts: makeUp,
    holidays: HOLIDAYS_CN,
  }))
  .filter((c) => weeklyMinutes(c) >= 600);

const calendar = fc.oneof(fc.constantFrom<WorkCalendar>(...Object.values(DESK_CALENDARS)), randomCalendar);
/** Any millisecond from 2025-01-01 to 2026-06-30 (Shanghai), leaving room for the clocks to run inside the snapshot. */
const instant = fc.integer({ min: at('2025-01-01 00:00'), max: at('2026-06-30 00:00') });
const minutes = fc.integer({ min: 0, max: 3_000 });
const positive = fc.integer({ min: 1, max: 3_000 });

describe('working-time properties', () => {
  test('monotonic in the start and in the minutes', () => {
    fc.assert(
      fc.property(calendar, instant, instant, minutes, minutes, (c, t1, t2, n1, n2) => {
        const [a, b] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const [m, n] = n1 <= n2 ? [n1, n2] : [n2, n1];
        expect(addWorkingMinutes(c, a, n)).toBeLessThanOrEqual(addWorkingMinutes(c, b, n));
        expect(addWorkingMinutes(c, a, m)).toBeLessThanOrEqual(addWorkingMinutes(c, a, n));
      }),
    );
  });

  test('additive: add(t, a + b) = add(add(t, a), b)', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, minutes, (c, t, a, b) => {
        expect(addWorkingMinutes(c, addWorkingMinutes(c, t, a), b)).toBe(addWorkingMinutes(c, t, a + b));
      }),
    );
  });

  test('for n > 0 the result never lies in closed hours: the millisecond before it is worked', () => {
    fc.assert(
      fc.property(calendar, instant, positive, (c, t, n) => {
        const due = addWorkingMinutes(c, t, n);
        expect(due).toBeGreaterThan(t);
        expect(isWorkingInstant(c, due - 1)).toBe(true);
      }),
    );
  });

  test('inverse: workingMinutesBetween(t, add(t, n)) = n, and add(t, between(t, u)) <= u', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, instant, (c, t, n, u) => {
        expect(workingMinutesBetween(c, t, addWorkingMinutes(c, t, n))).toBe(n);
        if (u >= t) expect(addWorkingMinutes(c, t, workingMinutesBetween(c, t, u))).toBeLessThanOrEqual(u);
      }),
    );
  });

  test('between is additive over a midpoint and antisymmetric', () => {
    fc.assert(
      fc.property(calendar, instant, instant, instant, (c, x, y, z) => {
        expect(workingMsBetween(c, x, y) + workingMsBetween(c, y, z)).toBe(workingMsBetween(c, x, z));
        expect(workingMsBetween(c, y, x)).toBe(0 - workingMsBetween(c, x, y));
      }),
      { numRuns: 50 },
    );
  });

  test('nextWorkingInstant: not earlier, working, and no working time skipped', () => {
    fc.assert(
      fc.property(calendar, instant, (c, t) => {
        const next = nextWorkingInstant(c, t);
        expect(next).toBeGreaterThanOrEqual(t);
        expect(isWorkingInstant(c, next)).toBe(true);
        expect(workingMsBetween(c, t, next)).toBe(0);
      }),
    );
  });

  test('a 24×7 calendar is the wall clock', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 10_000_000 }), (t, n) => {
        expect(addWorkingMinutes(DESK_CALENDARS['fresh-p1-24x7'], t, n)).toBe(t + n * MINUTE);
      }),
    );
  });

  test('agrees with a minute-by-minute oracle on whole-minute instants', () => {
    const worked = (c: WorkCalendar, t: number) => isWorkingInstant(c, t);
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 600 }), (c, raw, n) => {
        const t = raw - (raw % MINUTE);
        let due = t;
        for (let left = n; left > 0; due += MINUTE) if (worked(c, due)) left--;
        // The oracle stops right after the n-th worked minute: that minute's end is the due instant.
        expect(addWorkingMinutes(c, t, n)).toBe(n === 0 ? t : due);
        let count = 0;
        for (let m = t; m < due; m += MINUTE) if (worked(c, m)) count++;
        expect(workingMinutesBetween(c, t, due)).toBe(count);
      }),
      { numRuns: 30 },
    );
  });
});
