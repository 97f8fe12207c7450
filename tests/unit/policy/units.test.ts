import { addMinutes, MINUTES_PER_DAY, minutesToMs } from '../../../src/policy/units';

test.each([
  [0, 0],
  [1, 60_000],
  [90, 5_400_000],
  [MINUTES_PER_DAY, 86_400_000],
])('%i minutes are %i ms', (minutes, ms) => {
  expect(minutesToMs(minutes)).toBe(ms);
});

test.each([
  ['2026-03-01T10:00:00.000Z', 30, '2026-03-01T10:30:00.000Z'],
  ['2026-02-28T23:30:00.000Z', 60, '2026-03-01T00:30:00.000Z'],
  ['2026-03-01T10:00:00+08:00', MINUTES_PER_DAY, '2026-03-02T02:00:00.000Z'],
  ['2026-03-01T10:00:00.000Z', 0.5, '2026-03-01T10:00:30.000Z'],
])('%s plus %d minutes is %s', (iso, minutes, expected) => {
  expect(addMinutes(iso, minutes).toISOString()).toBe(expected);
});
