/** Which platform pause covers a case (src/workflows/pauses/matching.ts), table-driven. */
import type { ActiveClockPause } from '../../../src/workflows/pauses/contract';
import { pauseCovering, pauseCovers, pausesCovering, type CaseClockTraits } from '../../../src/workflows/pauses/matching';

const EAST_P2_DAMAGED: CaseClockTraits = { region: 'East', caseType: 'damaged', priority: 'P2' };
const pause = (pauseId: string, since: string, filter: Partial<CaseClockTraits> = {}): ActiveClockPause => ({ pauseId, by: 'OPS-1', reason: 'test', since, ...filter });

test.each([
  [{}, true],
  [{ region: 'East' }, true],
  [{ region: 'North' }, false],
  [{ region: 'East', caseType: 'damaged' }, true],
  [{ region: 'East', caseType: 'not_delivered' }, false],
  [{ priority: 'P2' }, true],
  [{ priority: 'P1' }, false],
  [{ region: 'East', caseType: 'damaged', priority: 'P3' }, false],
] as const)('filter %j covers an East P2 damaged case: %s', (filter, covers) => {
  expect(pauseCovers(filter, EAST_P2_DAMAGED)).toBe(covers);
});

test('the earliest covering pause wins (then the lower id); none covers → undefined', () => {
  const pauses = [
    pause('B-LATE', '2026-10-19T02:00:00.000Z', { region: 'East' }),
    pause('NORTH', '2026-10-19T00:00:00.000Z', { region: 'North' }),
    pause('C-EARLY', '2026-10-19T01:00:00.000Z'),
    pause('A-EARLY', '2026-10-19T01:00:00.000Z', { caseType: 'damaged' }),
  ];
  expect(pauseCovering(pauses, EAST_P2_DAMAGED)?.pauseId).toBe('A-EARLY');
  expect(pauseCovering(pauses, { region: 'South', caseType: 'not_delivered', priority: 'P1' })?.pauseId).toBe('C-EARLY');
  expect(pauseCovering(pauses.filter((p) => p.pauseId === 'NORTH'), EAST_P2_DAMAGED)).toBeUndefined();
  expect(pauseCovering([], EAST_P2_DAMAGED)).toBeUndefined();
});

test('pausesCovering: every covering pause, earliest first, each id once', () => {
  const at = (pauseId: string, since: string, region?: 'East' | 'North') => ({ pauseId, by: 'OPS-1', reason: 'r', since, ...(region && { region }) });
  const pauses = [at('LATE', '2026-10-19T03:00:00Z'), at('NORTH', '2026-10-19T01:00:00Z', 'North'), at('EARLY', '2026-10-19T02:00:00Z', 'East'), at('EARLY', '2026-10-19T02:00:00Z', 'East')];
  expect(pausesCovering(pauses, EAST_P2_DAMAGED).map((p) => p.pauseId)).toEqual(['EARLY', 'LATE']);
  expect(pausesCovering([], EAST_P2_DAMAGED)).toEqual([]);
});
