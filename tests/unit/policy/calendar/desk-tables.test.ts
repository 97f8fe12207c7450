// Which calendar each desk counts on, per policy version, and the desk a case starts at.
import { assertDeskCalendars, CalendarCoverageError, calendarForDesk, deskTableFor, DESK_TABLES, initialDesk, POLICY_VERSIONS } from '../../../../src/policy';
import { REGIONS } from '../../../../src/domain/types';
import { knownDesks } from '../../../../src/policy/known-desks';
import { at } from './support';

describe('desk tables', () => {
  test.each(Object.keys(POLICY_VERSIONS))('policy %s names a calendar for every desk, and each is valid and covers 2026', (version) => {
    expect(() => assertDeskCalendars(deskTableFor(version), at('2026-01-01 00:00'), at('2026-12-31 23:59'))).not.toThrow();
  });

  test('2026-11-v1 was published with wall-clock clocks: every desk is 24×7', () => {
    expect(calendarForDesk(deskTableFor('2026-11-v1'), 'east-desk').kind).toBe('24x7');
    expect(DESK_TABLES['2026-11-v1']?.desks).toEqual({});
  });

  test('2026-12-v1: regional desks 09:00–21:00, the north desk on weekdays, the fresh-food P1 desk 24×7', () => {
    const table = deskTableFor('2026-12-v1');
    expect(calendarForDesk(table, 'east-desk').name).toBe('regional-09-21');
    expect(calendarForDesk(table, 'north-desk').name).toBe('weekdays-09-21');
    expect(calendarForDesk(table, 'fresh-p1-desk').name).toBe('fresh-p1-24x7');
  });

  test('a horizon into 2027 is an explicit CalendarCoverageError at load, not a silent 24×7', () => {
    expect(() => assertDeskCalendars(deskTableFor('2026-12-v1'), at('2026-12-20 00:00'), at('2027-01-05 00:00'))).toThrow(CalendarCoverageError);
  });

  test('a policy version without a desk table throws instead of counting wall-clock time', () => {
    expect(() => deskTableFor('2099-01-v1')).toThrow(/names no desk calendars/);
  });

  test('P1 perishable claims start at the fresh-food desk; the rest at their region desk', () => {
    expect(initialDesk('East', 'P1', true)).toBe('fresh-p1-desk');
    expect(initialDesk('East', 'P2', true)).toBe('east-desk');
    expect(initialDesk('Northwest', 'P1', false)).toBe('northwest-desk');
  });

  test('the known desks: every region desk a case can start at, and every desk a table names; no other', () => {
    const desks = knownDesks();
    for (const region of REGIONS) for (const p of ['P1', 'P2', 'P3']) expect(desks).toContain(initialDesk(region, p, true));
    for (const table of Object.values(DESK_TABLES)) for (const desk of Object.keys(table.desks)) expect(desks).toContain(desk);
    expect(desks).toHaveLength(REGIONS.length + 2); // the seven region desks (north-desk among them), fresh-p1-desk, finance-desk
    expect(desks).not.toContain('mars-desk');
  });
});
