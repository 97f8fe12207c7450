// Named desk calendars, calendar validation (zod-free) and the coverage check at policy load.
import {
  assertCalendarCovers,
  assertDeskCalendars,
  assertValidCalendar,
  CALENDAR_NAMES,
  CalendarConfigError,
  CalendarCoverageError,
  calendarForDesk,
  calendarIssues,
  calendarNamed,
  coveredYears,
  DESK_CALENDARS,
  shift,
  type WorkingHoursCalendar,
} from '../../../../src/policy';
import { at } from './support';

const standard = DESK_CALENDARS['standard-09-18'] as WorkingHoursCalendar;

describe('named desk calendars', () => {
  test.each(CALENDAR_NAMES)('%s is valid, named as its key, in Asia/Shanghai (UTC+8)', (name) => {
    const calendar = calendarNamed(name);
    expect(calendarIssues(calendar)).toEqual([]);
    expect(calendar).toMatchObject({ name, timeZone: 'Asia/Shanghai', utcOffsetMinutes: 480 });
  });

  test('an unknown name throws instead of falling back to 24×7', () => {
    expect(() => calendarNamed('regional-9-21')).toThrow(/no desk calendar named regional-9-21/);
  });

  test('a desk table names a calendar per desk, with a fallback', () => {
    const table = { fallback: 'regional-09-21', desks: { 'east-p1-desk': 'fresh-p1-24x7' } } as const;
    expect(calendarForDesk(table, 'east-p1-desk').name).toBe('fresh-p1-24x7');
    expect(calendarForDesk(table, 'south-specialists').name).toBe('regional-09-21');
    expect(calendarForDesk(table, 'toString').name).toBe('regional-09-21');
  });
});

describe('calendarIssues', () => {
  test.each<[string, Partial<WorkingHoursCalendar>, RegExp]>([
    ['shift ends before it starts', { week: { ...standard.week, mon: [[600, 540]] } }, /mon: shift 0 must be whole minutes/],
    ['shift past midnight', { week: { ...standard.week, tue: [[1320, 1500]] } }, /tue: shift 0 must be whole minutes/],
    ['overlapping split shifts', { week: { ...standard.week, wed: [shift('09:00', '13:00'), shift('12:00', '18:00')] } }, /wed: shift 1 overlaps/],
    ['no working day', { week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, /at least one weekday/],
    ['no make-up shift', { makeUpDayShifts: [] }, /make-up working day needs a shift/],
    ['offset not whole minutes', { utcOffsetMinutes: 480.5 }, /utcOffsetMinutes/],
    ['empty name', { name: '' }, /name must not be empty/],
    ['holiday date not real', { holidays: { region: 'CN', years: { 2026: { source: 'x@1', closed: { '2026-02-30': 'x' }, open: {} } } } }, /2026-02-30 is not a date/],
    ['holiday date in another year', { holidays: { region: 'CN', years: { 2026: { source: 'x@1', closed: { '2025-10-01': 'x' }, open: {} } } } }, /2025-10-01 is in another year/],
    ['date both closed and open', { holidays: { region: 'CN', years: { 2026: { source: 'x@1', closed: { '2026-10-01': 'x' }, open: { '2026-10-01': 'x' } } } } }, /both closed and open/],
    ['no year covered', { holidays: { region: 'CN', years: {} } }, /no year covered/],
    ['year without its source', { holidays: { region: 'CN', years: { 2026: { source: '', closed: {}, open: {} } } } }, /source must name/],
  ])('%s', (_, change, issue) => {
    const broken = { ...standard, ...change } as WorkingHoursCalendar;
    expect(calendarIssues(broken).join('\n')).toMatch(issue);
    expect(() => assertValidCalendar(broken)).toThrow(CalendarConfigError);
  });

  test('every issue is reported at once', () => {
    expect(calendarIssues({ ...standard, name: '', makeUpDayShifts: [] })).toHaveLength(2);
  });
});

describe('assertCalendarCovers', () => {
  test('passes inside the snapshot and for 24×7 at any date', () => {
    expect(coveredYears(standard)).toEqual([2025, 2026]);
    expect(() => assertCalendarCovers(standard, at('2025-01-01 00:00'), at('2026-12-31 23:59'))).not.toThrow();
    expect(coveredYears(DESK_CALENDARS['fresh-p1-24x7'])).toBe('all');
    expect(() => assertCalendarCovers(DESK_CALENDARS['fresh-p1-24x7'], at('2030-01-01 00:00'), at('2031-01-01 00:00'))).not.toThrow();
  });

  test.each([
    ['2026-12-31 23:59', '2027-01-01 00:00', 2027],
    ['2024-12-31 23:59', '2025-06-01 00:00', 2024],
    ['2027-03-01 00:00', '2026-11-01 00:00', 2027],
  ])('%s to %s: no schedule for %i', (from, to, year) => {
    const check = () => assertCalendarCovers(standard, at(from), at(to));
    expect(check).toThrow(CalendarCoverageError);
    expect(check).toThrow(`no holiday schedule for ${year}`);
  });
});

describe('assertDeskCalendars (at policy load)', () => {
  const table = { fallback: 'regional-09-21', desks: { 'east-p1-desk': 'fresh-p1-24x7', 'review-desk': 'standard-09-18' } } as const;

  test('passes when every named calendar covers the horizon', () => {
    expect(() => assertDeskCalendars(table, at('2026-03-01 00:00'), at('2026-12-31 23:59'))).not.toThrow();
  });

  test('a horizon past the snapshot fails loudly, naming the calendar and the year', () => {
    expect(() => assertDeskCalendars(table, at('2026-12-03 00:00'), at('2027-01-02 00:00'))).toThrow(/calendar regional-09-21 has no holiday schedule for 2027/);
    expect(() => assertDeskCalendars({ fallback: 'fresh-p1-24x7', desks: {} }, at('2026-12-03 00:00'), at('2027-01-02 00:00'))).not.toThrow();
  });

  test('a name no calendar has fails', () => {
    expect(() => assertDeskCalendars({ fallback: 'regional-09-21', desks: { x: 'nine-to-five' as 'regional-09-21' } }, at('2026-03-01 00:00'), at('2026-03-02 00:00'))).toThrow(/no desk calendar named nine-to-five/);
  });
});
