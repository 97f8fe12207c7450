// The integer civil-date arithmetic agrees with the JavaScript Date (UTC) it replaces in policy code.
import fc from 'fast-check';
import { civilFromDays, dayOfIsoDate, daysFromCivil, isoDateOfDay, localDayOf, localInstant, minuteOfClock, weekdayOfDay, WEEKDAYS } from '../../../../src/policy';

const DAY = 86_400_000;
const days = fc.integer({ min: -200_000, max: 200_000 });

describe('civil dates', () => {
  test('isoDateOfDay and weekdayOfDay agree with Date in UTC', () => {
    fc.assert(
      fc.property(days, (d) => {
        const date = new Date(d * DAY);
        expect(isoDateOfDay(d)).toBe(date.toISOString().slice(0, 10));
        expect(weekdayOfDay(d)).toBe(WEEKDAYS[(date.getUTCDay() + 6) % 7]);
      }),
    );
  });

  test('dayOfIsoDate and daysFromCivil invert isoDateOfDay and civilFromDays', () => {
    fc.assert(
      fc.property(days, (d) => {
        expect(dayOfIsoDate(isoDateOfDay(d))).toBe(d);
        const { year, month, day } = civilFromDays(d);
        expect(daysFromCivil(year, month, day)).toBe(d);
      }),
    );
  });

  test.each(['2026-02-29', '2026-13-01', '2026-1-01', 'tomorrow', '2026-04-31'])('%s is not a date', (text) => {
    expect(dayOfIsoDate(text)).toBeUndefined();
    expect(() => localInstant(text, '09:00', 480)).toThrow(RangeError);
  });

  test.each([
    ['00:00', 0],
    ['09:30', 570],
    ['24:00', 1440],
  ])('clock %s is minute %i', (text, minute) => {
    expect(minuteOfClock(text)).toBe(minute);
  });

  test.each(['24:01', '9:00', '09:60', '25:00'])('clock %s is refused', (text) => {
    expect(() => minuteOfClock(text)).toThrow(RangeError);
  });

  test('local day and instant at UTC+8: 2026-10-01 00:00 Shanghai is 2026-09-30 16:00 UTC', () => {
    const instant = localInstant('2026-10-01', '00:00', 480);
    expect(new Date(instant).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(isoDateOfDay(localDayOf(instant, 480))).toBe('2026-10-01');
    expect(isoDateOfDay(localDayOf(instant - 1, 480))).toBe('2026-09-30');
  });
});
