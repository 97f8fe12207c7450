// The SLA clock model, table-driven on real 2026 dates: pauses, priority changes, reassignment to
// another calendar, extensions and the 80% warning.
import { readClock, recordClockEvents, startClock, type ClockEvent } from '../../../../src/policy';
import { at, wall } from './support';

const show = (ms: number | undefined) => (ms === undefined ? undefined : wall(ms));

type Row = [string, { start: string; sla: number; calendar: string; events?: Array<[string, ClockEvent['kind'], number | string | null]>; now: string }, { due: string | undefined; warn: string | undefined; elapsed: number; left: number; breached: boolean; running: boolean; calendar?: string }];

const event = ([when, kind, value]: [string, ClockEvent['kind'], number | string | null]): ClockEvent => {
  const atMs = at(when);
  if (kind === 'sla_changed') return { kind, atMs, slaMinutes: value as number };
  if (kind === 'extended') return { kind, atMs, minutes: value as number };
  if (kind === 'calendar_changed') return { kind, atMs, calendar: value as string };
  return { kind, atMs };
};

describe('readClock', () => {
  test.each<Row>([
    ['P2 opened Friday 20:50 on a 09:00–21:00 desk: warns 09:14, due 09:20 Saturday', { start: '2026-03-06 20:50', sla: 30, calendar: 'regional-09-21', now: '2026-03-06 20:55' }, { due: '2026-03-07 09:20', warn: '2026-03-07 09:14', elapsed: 5, left: 25, breached: false, running: true }],
    ['P1 on the 24×7 desk: warns at 12 minutes, due at 15', { start: '2026-10-01 03:00', sla: 15, calendar: 'fresh-p1-24x7', now: '2026-10-01 03:15' }, { due: '2026-10-01 03:15', warn: '2026-10-01 03:12', elapsed: 15, left: 0, breached: true, running: true }],
    ['last evening before National Day: due on the first working day after', { start: '2026-09-30 20:50', sla: 30, calendar: 'weekdays-09-21', now: '2026-10-03 12:00' }, { due: '2026-10-08 09:20', warn: '2026-10-08 09:14', elapsed: 10, left: 20, breached: false, running: true }],
    [
      'paused on the customer for 2 hours: due 2 working hours later (lunch skipped)',
      { start: '2026-03-10 09:00', sla: 120, calendar: 'standard-09-18', events: [['2026-03-10 09:30', 'paused', null], ['2026-03-10 11:30', 'resumed', null]], now: '2026-03-10 11:30' },
      { due: '2026-03-10 14:00', warn: '2026-03-10 13:36', elapsed: 30, left: 90, breached: false, running: true },
    ],
    [
      'paused now: remaining frozen, due unknown, earlier warning kept',
      { start: '2026-03-10 09:00', sla: 120, calendar: 'standard-09-18', events: [['2026-03-10 10:50', 'paused', null]], now: '2026-03-10 16:00' },
      { due: undefined, warn: '2026-03-10 10:36', elapsed: 110, left: 10, breached: false, running: false },
    ],
    [
      'a repeated pause and resume change nothing',
      { start: '2026-03-10 09:00', sla: 120, calendar: 'standard-09-18', events: [['2026-03-10 09:30', 'paused', null], ['2026-03-10 10:00', 'paused', null], ['2026-03-10 11:30', 'resumed', null], ['2026-03-10 11:45', 'resumed', null]], now: '2026-03-10 11:50' },
      { due: '2026-03-10 14:00', warn: '2026-03-10 13:36', elapsed: 50, left: 70, breached: false, running: true },
    ],
    [
      'P2 raised to P1 after 10 minutes: P1 deadline from the opening',
      { start: '2026-03-10 10:00', sla: 30, calendar: 'regional-09-21', events: [['2026-03-10 10:10', 'sla_changed', 15]], now: '2026-03-10 10:10' },
      { due: '2026-03-10 10:15', warn: '2026-03-10 10:12', elapsed: 10, left: 5, breached: false, running: true },
    ],
    [
      'P2 raised to P1 after 20 minutes: already breached, due in the past',
      { start: '2026-03-10 10:00', sla: 30, calendar: 'regional-09-21', events: [['2026-03-10 10:20', 'sla_changed', 15]], now: '2026-03-10 10:20' },
      { due: '2026-03-10 10:15', warn: '2026-03-10 10:12', elapsed: 20, left: 0, breached: true, running: true },
    ],
    [
      'P3 lowered from P2: the longer SLA from the opening',
      { start: '2026-03-10 10:00', sla: 30, calendar: 'regional-09-21', events: [['2026-03-10 10:20', 'sla_changed', 120]], now: '2026-03-10 10:20' },
      { due: '2026-03-10 12:00', warn: '2026-03-10 11:36', elapsed: 20, left: 100, breached: false, running: true },
    ],
    [
      'reassigned at 20:55 Friday to the 24×7 desk: the rest counts on the wall clock',
      { start: '2026-03-06 20:50', sla: 30, calendar: 'regional-09-21', events: [['2026-03-06 20:55', 'calendar_changed', 'fresh-p1-24x7']], now: '2026-03-06 20:55' },
      { due: '2026-03-06 21:20', warn: '2026-03-06 21:14', elapsed: 5, left: 25, breached: false, running: true, calendar: 'fresh-p1-24x7' },
    ],
    [
      'reassigned from 24×7 to a weekday desk at 21:00 Friday: the rest on Monday',
      { start: '2026-03-06 20:30', sla: 120, calendar: 'fresh-p1-24x7', events: [['2026-03-06 21:00', 'calendar_changed', 'weekdays-09-21']], now: '2026-03-07 12:00' },
      { due: '2026-03-09 10:30', warn: '2026-03-09 10:06', elapsed: 30, left: 90, breached: false, running: true, calendar: 'weekdays-09-21' },
    ],
    [
      'extended by 60 minutes after the warning',
      { start: '2026-03-10 10:00', sla: 30, calendar: 'regional-09-21', events: [['2026-03-10 10:25', 'extended', 60]], now: '2026-03-10 10:25' },
      { due: '2026-03-10 11:30', warn: '2026-03-10 11:12', elapsed: 25, left: 65, breached: false, running: true },
    ],
    [
      'paused over National Day on the 24×7 desk, resumed after: wall clock minus the pause',
      { start: '2026-09-30 23:00', sla: 120, calendar: 'fresh-p1-24x7', events: [['2026-09-30 23:30', 'paused', null], ['2026-10-08 09:00', 'resumed', null]], now: '2026-10-08 09:00' },
      { due: '2026-10-08 10:30', warn: '2026-10-08 10:06', elapsed: 30, left: 90, breached: false, running: true },
    ],
  ])('%s', (_, input, expected) => {
    const clock = recordClockEvents(startClock(at(input.start), input.sla, input.calendar), (input.events ?? []).map(event));
    const reading = readClock(clock, at(input.now));
    expect({ ...reading, dueMs: show(reading.dueMs), warnAtMs: show(reading.warnAtMs) }).toEqual({
      running: expected.running,
      calendar: expected.calendar ?? input.calendar,
      slaMinutes: (input.events ?? []).reduce((sla, [, kind, value]) => (kind === 'sla_changed' ? (value as number) : kind === 'extended' ? sla + (value as number) : sla), input.sla),
      elapsedWorkingMinutes: expected.elapsed,
      remainingWorkingMinutes: expected.left,
      breached: expected.breached,
      dueMs: expected.due,
      warnAtMs: expected.warn,
    });
  });

  test('the warning fraction is a policy value', () => {
    const clock = startClock(at('2026-10-01 03:00'), 20, 'fresh-p1-24x7');
    expect(show(readClock(clock, at('2026-10-01 03:00'), { warnFraction: 0.5 }).warnAtMs)).toBe('2026-10-01 03:10');
    expect(show(readClock(clock, at('2026-10-01 03:00'), { warnFraction: 1 }).warnAtMs)).toBe('2026-10-01 03:20');
    expect(() => readClock(clock, at('2026-10-01 03:00'), { warnFraction: 1.2 })).toThrow(RangeError);
  });

  test('a clock running into an uncovered year is an explicit error', () => {
    const clock = startClock(at('2026-12-31 20:50'), 30, 'regional-09-21');
    expect(() => readClock(clock, at('2026-12-31 20:55'))).toThrow(/no holiday schedule for 2027/);
  });

  test.each<[string, () => unknown]>([
    ['an event before the last one', () => recordClockEvents(startClock(at('2026-03-10 10:00'), 30, 'regional-09-21'), [{ kind: 'paused', atMs: at('2026-03-10 09:00') }])],
    ['a zero SLA', () => startClock(at('2026-03-10 10:00'), 0, 'regional-09-21')],
    ['a new SLA of zero', () => recordClockEvents(startClock(at('2026-03-10 10:00'), 30, 'regional-09-21'), [{ kind: 'sla_changed', atMs: at('2026-03-10 10:05'), slaMinutes: 0 }])],
    ['a negative extension', () => recordClockEvents(startClock(at('2026-03-10 10:00'), 30, 'regional-09-21'), [{ kind: 'extended', atMs: at('2026-03-10 10:05'), minutes: -5 }])],
    ['a reading before the last event', () => readClock(recordClockEvents(startClock(at('2026-03-10 10:00'), 30, 'regional-09-21'), [{ kind: 'paused', atMs: at('2026-03-10 10:05') }]), at('2026-03-10 10:01'))],
    ['an unknown calendar', () => readClock(startClock(at('2026-03-10 10:00'), 30, 'nowhere'), at('2026-03-10 10:01'))],
  ])('refuses %s', (_, run) => {
    expect(run).toThrow(RangeError);
  });
});
