// Table-driven working-time arithmetic on the named desk calendars, with real 2026 dates from the
// holiday snapshot (chinese-days): National Day and Mid-autumn 2026, Spring Festival 2026 and the
// make-up working days around them. 2027 is not in the snapshot: using it is an explicit error.
import {
  addWorkingMinutes,
  CalendarCoverageError,
  calendarNamed,
  deadlineAt,
  HOLIDAYS_CN,
  isWorkingInstant,
  nextWorkingInstant,
  remainingWorkingMinutes,
  workingMinutesBetween,
  type WorkCalendar,
  type WorkingHoursCalendar,
} from '../../../../src/policy';
import { at, wall } from './support';

describe('addWorkingMinutes', () => {
  test.each([
    // The examples: a P2 (30 working minutes) opened Friday 20:50 on a 09:00–21:00 desk.
    ['regional-09-21', '2026-03-06 20:50', 30, '2026-03-07 09:20', 'Saturday open: 10 min Friday, 20 min Saturday'],
    ['weekdays-09-21', '2026-03-06 20:50', 30, '2026-03-09 09:20', 'Saturday closed: Monday'],
    // Evening of the last working day before National Day 2026 (Oct 1–7 closed): the first working day after.
    ['weekdays-09-21', '2026-09-30 20:50', 30, '2026-10-08 09:20', 'National Day week skipped'],
    ['regional-09-21', '2026-09-30 20:50', 30, '2026-10-08 09:20', 'a 7-day desk is closed on the holiday too'],
    ['standard-09-18', '2026-09-30 17:50', 30, '2026-10-08 09:20', 'office desk, National Day'],
    // Make-up working days (调休) count, with the calendar's make-up shifts.
    ['standard-09-18', '2026-10-09 17:30', 60, '2026-10-10 09:30', 'Saturday Oct 10 is a make-up day'],
    ['standard-09-18', '2026-10-16 17:30', 60, '2026-10-19 09:30', 'an ordinary Saturday is not'],
    ['standard-09-18', '2026-09-18 17:30', 60, '2026-09-20 09:30', 'Sunday Sep 20 is a make-up day'],
    ['standard-09-18', '2026-09-24 17:30', 60, '2026-09-28 09:30', 'Mid-autumn Sep 25–27 closed'],
    // Spring Festival 2026: Feb 15–23 closed, Saturdays Feb 14 and Feb 28 worked.
    ['standard-09-18', '2026-02-13 17:30', 60, '2026-02-14 09:30', 'make-up Saturday before Spring Festival'],
    ['standard-09-18', '2026-02-14 17:30', 60, '2026-02-24 09:30', 'Spring Festival skipped'],
    ['regional-09-21', '2026-02-14 20:50', 30, '2026-02-24 09:20', '7-day desk, Spring Festival skipped'],
    ['standard-09-18', '2026-02-27 17:30', 60, '2026-02-28 09:30', 'make-up Saturday after Spring Festival'],
    // Split shifts and boundaries.
    ['standard-09-18', '2026-03-10 11:50', 30, '2026-03-10 13:20', 'lunch break skipped'],
    ['standard-09-18', '2026-03-10 12:15', 30, '2026-03-10 13:30', 'opened during lunch: starts at 13:00'],
    ['standard-09-18', '2026-03-10 17:30', 30, '2026-03-10 18:00', 'lands on the closing instant, not the next morning'],
    ['standard-09-18', '2026-03-10 07:00', 0, '2026-03-10 07:00', 'zero minutes: the instant itself'],
    ['standard-09-18', '2026-03-09 09:00', 5 * 480, '2026-03-13 18:00', 'a full working week'],
    // A 24×7 desk is the wall clock, holidays and all.
    ['fresh-p1-24x7', '2026-10-01 03:00', 15, '2026-10-01 03:15', 'night of National Day'],
    ['fresh-p1-24x7', '2026-12-31 23:50', 15, '2027-01-01 00:05', 'across New Year (needs no schedule)'],
  ])('%s: %s + %i min = %s (%s)', (name, from, minutes, due) => {
    expect(wall(addWorkingMinutes(calendarNamed(name), at(from), minutes))).toBe(due);
    expect(wall(deadlineAt(calendarNamed(name), at(from), minutes))).toBe(due);
  });

  test('10,000 working minutes on the office desk: 20 eight-hour days, then 400 minutes', () => {
    // Mar 2 (Mon) 09:00 + 20 × 480 → Fri Mar 27 18:00; + 400 on Mon Mar 30: 180 before lunch, 220 after → 16:40.
    expect(wall(addWorkingMinutes(calendarNamed('standard-09-18'), at('2026-03-02 09:00'), 10_000))).toBe('2026-03-30 16:40');
  });

  test('cost is one step per day crossed, not per minute: 10,000 minutes read 29 days of schedule', () => {
    let lookups = 0;
    const years = new Proxy(HOLIDAYS_CN.years, {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d{4}$/.test(key)) lookups++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const counted: WorkCalendar = { ...(calendarNamed('standard-09-18') as WorkingHoursCalendar), holidays: { ...HOLIDAYS_CN, years } };
    expect(wall(addWorkingMinutes(counted, at('2026-03-02 09:00'), 10_000))).toBe('2026-03-30 16:40');
    expect(lookups).toBe(29); // Mar 2 to Mar 30 inclusive
  });

  test('negative or non-finite minutes are refused', () => {
    expect(() => addWorkingMinutes(calendarNamed('standard-09-18'), at('2026-03-10 10:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(calendarNamed('fresh-p1-24x7'), at('2026-03-10 10:00'), Number.NaN)).toThrow(RangeError);
  });
});

describe('a year the snapshot does not cover is an explicit error, never a silent normal week', () => {
  const regional = calendarNamed('regional-09-21');
  test.each<[string, () => number, number]>([
    ['a clock running into New Year 2027', () => addWorkingMinutes(regional, at('2026-12-31 20:50'), 30), 2027],
    ['Spring Festival 2027 (not yet in chinese-days)', () => nextWorkingInstant(regional, at('2027-02-05 10:00')), 2027],
    ['a count reaching back into 2024', () => workingMinutesBetween(regional, at('2024-12-31 10:00'), at('2025-01-02 10:00')), 2024],
  ])('%s', (_, run, year) => {
    expect(run).toThrow(CalendarCoverageError);
    expect(run).toThrow(`calendar regional-09-21 has no holiday schedule for ${year} (snapshot covers 2025, 2026)`);
  });
});

describe('workingMinutesBetween', () => {
  test.each([
    ['standard-09-18', '2026-02-13 17:00', '2026-02-24 10:00', 60 + 480 + 60, 'Fri hour, make-up Saturday, Tue hour'],
    ['regional-09-21', '2026-09-30 20:00', '2026-10-08 10:00', 120, 'across National Day'],
    ['standard-09-18', '2026-03-10 11:00', '2026-03-10 14:00', 120, 'lunch not counted'],
    ['standard-09-18', '2026-03-10 19:00', '2026-03-10 23:00', 0, 'all closed'],
    ['standard-09-18', '2026-03-10 14:00', '2026-03-10 11:00', -120, 'reversed: negative'],
    ['fresh-p1-24x7', '2026-10-01 00:00', '2026-10-08 00:00', 7 * 1440, 'wall clock'],
  ])('%s: %s → %s = %i (%s)', (name, a, b, minutes) => {
    expect(workingMinutesBetween(calendarNamed(name), at(a), at(b))).toBe(minutes);
  });
});

describe('nextWorkingInstant and isWorkingInstant', () => {
  test.each([
    ['standard-09-18', '2026-03-10 10:00', '2026-03-10 10:00'],
    ['standard-09-18', '2026-03-10 12:30', '2026-03-10 13:00'],
    ['standard-09-18', '2026-03-10 12:00', '2026-03-10 13:00'],
    ['standard-09-18', '2026-03-06 18:00', '2026-03-09 09:00'],
    ['standard-09-18', '2026-10-01 10:00', '2026-10-08 09:00'],
    ['standard-09-18', '2026-10-09 18:30', '2026-10-10 09:00'],
    ['regional-09-21', '2026-02-14 21:00', '2026-02-24 09:00'],
    ['fresh-p1-24x7', '2026-10-01 03:07', '2026-10-01 03:07'],
  ])('%s: %s → %s', (name, from, next) => {
    const calendar = calendarNamed(name);
    expect(wall(nextWorkingInstant(calendar, at(from)))).toBe(next);
    expect(isWorkingInstant(calendar, at(from))).toBe(from === next);
  });
});

describe('remainingWorkingMinutes', () => {
  const regional = calendarNamed('regional-09-21');
  test.each([
    ['2026-03-06 20:55', '2026-03-07 09:20', 25],
    ['2026-03-06 22:00', '2026-03-07 09:20', 20],
    ['2026-03-07 09:20', '2026-03-07 09:20', 0],
    ['2026-03-07 10:00', '2026-03-07 09:20', 0],
  ])('from %s to due %s: %i', (now, due, left) => {
    expect(remainingWorkingMinutes(regional, at(now), at(due))).toBe(left);
  });
});
