/**
 * An opening reads the clock-pause list again (past half its TTL) only after its own answer: the
 * describe of the registry starts on the next turn of the event loop, not on the opening's path.
 */
import { openCase } from '../../../src/cases/opening';
import { ACTIVE_PAUSES_REFRESH_AHEAD_MS, activePauses } from '../../../src/clock-pauses/registry-client';
import { fakeOpeningDeps, report } from './fake-opening-deps';

let now = 2_000_000;
beforeEach(() => {
  jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

test('past half the TTL the list is read again only after the opening has answered', async () => {
  const f = fakeOpeningDeps(() => now);
  await activePauses(f.deps); // the list as of now
  expect(f.calls).toEqual(['describe']);

  now += ACTIVE_PAUSES_REFRESH_AHEAD_MS;
  const outcome = await openCase(f.deps, report('ORD-REFRESH-1'), undefined, 'caller');
  expect(outcome.created).toBe(true);
  // The opening is answered with the cached list, and nothing else was sent on its way.
  expect(f.calls).toEqual(['describe', expect.stringMatching(/^start case-AC-/)]);

  await new Promise((r) => setImmediate(r));
  expect(f.calls).toEqual(['describe', expect.stringMatching(/^start case-AC-/), 'describe']);
});

test('a list younger than half the TTL is not read again after an opening', async () => {
  const f = fakeOpeningDeps(() => now);
  await activePauses(f.deps);
  now += ACTIVE_PAUSES_REFRESH_AHEAD_MS - 1;
  await openCase(f.deps, report('ORD-REFRESH-2'), undefined, 'caller');
  await new Promise((r) => setImmediate(r));
  expect(f.calls.filter((c) => c === 'describe')).toHaveLength(1);
});
