/**
 * The worker's start-up check of the holiday snapshot: explicit about a year it does not cover,
 * silent when the horizon is covered, and blind to wall-clock policies (24×7 needs no schedule).
 */
import { uncoveredHorizons } from '../../../../src/policy/calendar/horizon';

const at = (iso: string) => Date.parse(iso);

test('mid-2026: the next 30 days are covered, nothing to report', () => {
  expect(uncoveredHorizons(at('2026-06-01T00:00:00+08:00'))).toEqual([]);
});

test('from 2 December 2026 the 30 days reach 2027: the working-calendar policy is reported, naming the year and the command', () => {
  const found = uncoveredHorizons(at('2026-12-04T08:00:00+08:00'));
  expect(found.map((f) => f.policyVersion)).toEqual(['2026-12-v1', '2026-12-v2']);
  expect(found[0]!.message).toMatch(/no holiday schedule for 2027 .*npm run snapshot-holidays -- 2027/);
});

test('the horizon decides: 20 days from 4 December 2026 stay inside 2026', () => {
  expect(uncoveredHorizons(at('2026-12-04T08:00:00+08:00'), 20)).toEqual([]);
});
