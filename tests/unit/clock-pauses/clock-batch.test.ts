/**
 * The pure parts of the platform-wide pause's fan-out (src/clock-pauses): which server errors mean
 * "no batch operations here" (fall back to per-case signals) and which are ordinary failures, the
 * job ids a repeat names again, the sweep queries, and how the answer sums the sweeps.
 */
import { batchJobId, batchRefused, isBatchJobId } from '../../../src/clock-pauses/batch';
import { summarise, sweepQueries } from '../../../src/clock-pauses/fan-out';

const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

test.each([
  [12, 'unknown method StartBatchOperation', true],
  [7, 'Batch operation feature is disabled.', true],
  [8, 'Max concurrent batch operations is reached', true],
  [9, 'batcher is not enabled', true],
  [9, 'namespace is not active', false],
  [14, 'connection refused', false],
  [3, 'invalid query', false],
])('gRPC %i (%s): refused = %s', (code, details, refused) => {
  expect(batchRefused(grpc(code, details))).toBe(refused);
});

test('a plain error (no gRPC status) is not a refusal', () => {
  expect(batchRefused(new Error('boom'))).toBe(false);
  expect(batchRefused({ code: 12 })).toBe(false);
});

test('job ids: the same pause, generation and sweep name the same job; anything else another', () => {
  const id = batchJobId('pause', 'FLOOD-EAST-1', 'mio2k3', 1);
  expect(id).toBe('clocks-pause-FLOOD-EAST-1-mio2k3-1');
  expect(batchJobId('pause', 'FLOOD-EAST-1', 'mio2k3', 1)).toBe(id);
  expect(new Set([id, batchJobId('pause', 'FLOOD-EAST-1', 'mio2k3', 2), batchJobId('resume', 'FLOOD-EAST-1', 'mio2k3', 1), batchJobId('pause', 'FLOOD-EAST-1', 'mio2k4', 1)]).size).toBe(4);
});

test('only the ids batchJobId gives are batch jobs: a case, the registry or a key record is not', () => {
  for (const action of ['pause', 'resume'] as const) for (const sweep of [1, 2]) expect(isBatchJobId(batchJobId(action, 'FLOOD-EAST-1', 'mio2k3', sweep))).toBe(true);
  expect(isBatchJobId('clocks-resume-STORM-NW-1-ended-2')).toBe(true);
  for (const other of ['case-AC-ED97AAE27F92ACA2-3', 'platform-clock-pauses', `idempotency-key-${'a'.repeat(64)}`, 'clocks-pause-X', 'clocks-stop-X-g-1', 'clocks-pause-X-g-3']) {
    expect(isBatchJobId(other)).toBe(false);
  }
});

test('sweep queries: running cases of the filter; the second sweep adds those still in intake when region or priority is asked', () => {
  const [first, ...rest] = sweepQueries({ region: 'East' }, false);
  expect(rest).toEqual([]);
  expect(first).toContain('WorkflowType = "afterSalesCase"');
  expect(first).toContain('ExecutionStatus = "Running"');
  expect(first).toMatch(/Region = "East"/);
  const second = sweepQueries({ region: 'East' }, true);
  expect(second).toHaveLength(2);
  expect(second[1]).toMatch(/"intake"/);
  expect(second[1]).not.toMatch(/East/);
  expect(sweepQueries({ caseType: 'damaged' }, true)).toHaveLength(1);
});

test('a resume sweeps without the priority (a paused case may have been reprioritized since), keeping region and type', () => {
  const pause = sweepQueries({ region: 'East', caseType: 'damaged', priority: 'P2' }, false, 'pause');
  expect(pause[0]).toMatch(/Priority = "P2"/);
  const [resume] = sweepQueries({ region: 'East', caseType: 'damaged', priority: 'P2' }, false, 'resume');
  expect(resume).not.toMatch(/Priority/);
  expect(resume).toMatch(/Region = "East"/);
  expect(resume).toMatch(/CaseType = "damaged"/);
});

const job = (jobId: string, total: number, completed: number, failures = 0) => ({ jobId, state: 'completed' as const, total, completed, failures });

test('by batch: matched and signalled are the larger sweep (the second covers the first), jobs listed', () => {
  const r = summarise('P', 'pause', [
    { via: 'batch', job: job('j1', 3, 3) },
    { via: 'batch', job: job('j2', 4, 3, 1) },
  ]);
  expect(r).toEqual({ pauseId: 'P', action: 'pause', via: 'batch', matched: 4, signalled: 3, failed: [], operations: [job('j1', 3, 3), job('j2', 4, 3, 1)] });
});

test('case by case: distinct cases, a case reached by either sweep is signalled, the others named', () => {
  const r = summarise('P', 'resume', [
    { via: 'signals', reached: new Map([['a', true], ['b', false]]) },
    { via: 'signals', reached: new Map([['a', false], ['b', false], ['c', true]]) },
  ]);
  expect(r).toEqual({ pauseId: 'P', action: 'resume', via: 'signals', matched: 3, signalled: 2, failed: ['b'], operations: [] });
});

test('a sweep that fell back makes the answer `signals`', () => {
  const r = summarise('P', 'pause', [{ via: 'batch', job: job('j1', 2, 2) }, { via: 'signals', reached: new Map([['a', true]]) }]);
  expect(r.via).toBe('signals');
  expect(r.matched).toBe(2);
});
