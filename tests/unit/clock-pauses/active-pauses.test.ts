/**
 * The cached list of pauses in force that POST /v1/cases reads: never older than the TTL when
 * Temporal answers; past half the TTL keepPausesFresh (called once an opening's start is done) reads
 * it again in the background while the old list is served; concurrent callers share one read; a
 * failed read keeps the last list and is retried next time.
 */
import type { CaseDeps } from '../../../src/cases/deps';
import { ACTIVE_PAUSES_MEMO } from '../../../src/workflows/pauses/contract';
import { ACTIVE_PAUSES_REFRESH_AHEAD_MS, ACTIVE_PAUSES_TTL_MS, activePauses, keepPausesFresh } from '../../../src/clock-pauses/registry-client';

const pause = (pauseId: string) => ({ pauseId, reason: 'flood', since: '2026-12-04T00:00:00.000Z', by: 'OPS-1' });

/** CaseDeps whose describe() answers what `answers` holds, one call each; `release` settles the pending ones. */
function fakeDeps() {
  const pending: Array<() => void> = [];
  const answers: Array<unknown[] | Error> = [];
  const logs: object[] = [];
  let describes = 0;
  const describe = () => {
    describes += 1;
    const answer = answers.shift() ?? [];
    return new Promise((resolve, reject) => pending.push(() => (answer instanceof Error ? reject(answer) : resolve({ memo: { [ACTIVE_PAUSES_MEMO]: answer } }))));
  };
  const client = { withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(), workflow: { getHandle: () => ({ describe }) } };
  const deps = { client, timeouts: { queryMs: 1_000 }, log: (e: object) => logs.push(e) } as unknown as CaseDeps;
  const release = async () => {
    while (pending.length > 0) pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { deps, answers, logs, release, pending, describes: () => describes };
}

let now = 1_000_000;
beforeEach(() => {
  jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

test('a cold cache waits for one read that concurrent callers share', async () => {
  const f = fakeDeps();
  f.answers.push([pause('P-1')]);
  const both = Promise.all([activePauses(f.deps), activePauses(f.deps)]);
  await f.release();
  expect((await both).map((list) => list.map((p) => p.pauseId))).toEqual([['P-1'], ['P-1']]);
  expect(f.describes()).toBe(1);
});

test('a list younger than the TTL is served without a read; past half the TTL keepPausesFresh reads it beside; past the TTL the request waits', async () => {
  const f = fakeDeps();
  f.answers.push([pause('P-1')], [pause('P-2')], [pause('P-3')]);
  keepPausesFresh(f.deps); // nothing read yet: nothing to keep fresh
  expect(f.describes()).toBe(0);
  const first = activePauses(f.deps);
  await f.release();
  expect((await first).map((p) => p.pauseId)).toEqual(['P-1']);

  now += ACTIVE_PAUSES_REFRESH_AHEAD_MS - 1;
  keepPausesFresh(f.deps);
  expect((await activePauses(f.deps)).map((p) => p.pauseId)).toEqual(['P-1']);
  expect(f.describes()).toBe(1);

  now += 1; // half the TTL: still served at once, never read beside a request, one read however often kept fresh
  expect((await activePauses(f.deps)).map((p) => p.pauseId)).toEqual(['P-1']);
  expect(f.describes()).toBe(1);
  keepPausesFresh(f.deps);
  keepPausesFresh(f.deps);
  expect(f.describes()).toBe(2);
  expect((await activePauses(f.deps)).map((p) => p.pauseId)).toEqual(['P-1']);
  await f.release();
  expect((await activePauses(f.deps)).map((p) => p.pauseId)).toEqual(['P-2']);

  now += ACTIVE_PAUSES_TTL_MS; // expired: this request waits for the read
  let answered = false;
  const waiting = activePauses(f.deps).then((list) => ((answered = true), list));
  await new Promise((r) => setImmediate(r));
  expect(answered).toBe(false);
  await f.release();
  expect((await waiting).map((p) => p.pauseId)).toEqual(['P-3']);
  expect(f.describes()).toBe(3);
});

test('a failed read keeps the last list, is logged, and is tried again by the next request', async () => {
  const f = fakeDeps();
  f.answers.push([pause('P-1')], new Error('unavailable'), [pause('P-2')]);
  const first = activePauses(f.deps);
  await f.release();
  await first;

  now += ACTIVE_PAUSES_TTL_MS;
  const failed = activePauses(f.deps);
  await f.release();
  expect((await failed).map((p) => p.pauseId)).toEqual(['P-1']);
  expect(f.logs).toEqual([{ msg: 'clock_pauses_unread', error: 'Error' }]);

  const next = activePauses(f.deps);
  await f.release();
  expect((await next).map((p) => p.pauseId)).toEqual(['P-2']);
  expect(f.describes()).toBe(3);
});

test('a slow background read that started more than the TTL ago is not joined: the request reads afresh', async () => {
  const f = fakeDeps();
  f.answers.push([pause('P-1')], [pause('P-OLD')], [pause('P-NEW')]);
  const first = activePauses(f.deps);
  await f.release();
  await first;

  now += ACTIVE_PAUSES_REFRESH_AHEAD_MS;
  keepPausesFresh(f.deps); // starts the P-OLD read, which hangs
  expect(f.describes()).toBe(2);
  const slow = f.pending.shift()!;

  now += ACTIVE_PAUSES_TTL_MS; // the cache and the read in flight are both older than the TTL
  const fresh = activePauses(f.deps);
  expect(f.describes()).toBe(3);
  await f.release();
  expect((await fresh).map((p) => p.pauseId)).toEqual(['P-NEW']);
  slow(); // the old read ends last: it must not replace the newer list
  await new Promise((r) => setImmediate(r));
  expect((await activePauses(f.deps)).map((p) => p.pauseId)).toEqual(['P-NEW']);
});

