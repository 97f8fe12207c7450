/**
 * The refusals of the platform-wide pause (src/clock-pauses/refusals.ts, registry-history.ts): a
 * pause id in force repeated with another filter is refused while the same filter (whatever its `by`
 * or reason) is a repeat; a resume's pause id is looked up in the registry's history (the memo lists
 * only the pauses in force), through earlier runs, with the client's codec, so an ended pause is
 * told from a pause id never used.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import type { CaseDeps } from '../../../src/cases/deps';
import { transformHistoryPayloads } from '../../../src/codec/history';
import { covers, describeFilter, pauseIdReused, pauseNotFound, resumeTooNarrow, sameFilter } from '../../../src/clock-pauses/refusals';
import { pauseEverRecorded, registryRunTrail, runNamesPause } from '../../../src/clock-pauses/registry-history';
import { HISTORIES_DIR, historyFromJSON, type History } from '../../support/histories';
import { testCodec } from '../../support/codec';

const flood = { pauseId: 'FLOOD-SOUTH-1', by: 'OPS-1', reason: 'flood', since: '2026-12-04T00:00:00.000Z', region: 'South' as const };

test('the same filter is a repeat, whoever sends it and why; another filter is refused naming both', () => {
  expect(pauseIdReused(flood, { region: 'South' })).toBeUndefined();
  expect(sameFilter({ region: 'South', caseType: 'damaged' }, { caseType: 'damaged', region: 'South' })).toBe(true);
  const reused = pauseIdReused(flood, { region: 'North' });
  expect(reused).toMatchObject({ kind: 'pause_id_reused' });
  expect(reused?.message).toMatch(/pause FLOOD-SOUTH-1 is in force for region South, not region North/);
  // A narrower or wider filter is another pause too.
  expect(pauseIdReused(flood, {})?.message).toMatch(/not every open case/);
  expect(pauseIdReused(flood, { region: 'South', priority: 'P1' })).toMatchObject({ kind: 'pause_id_reused' });
  expect(describeFilter({ region: 'East', caseType: 'damaged', priority: 'P2' })).toBe('region East, caseType damaged, priority P2');
  expect(pauseNotFound('NOPE-1')).toMatchObject({ kind: 'pause_not_found', message: expect.stringMatching(/no pause NOPE-1/) });
});

test('a resume may be wider than its pause (no filter), never narrower or beside it', () => {
  expect(resumeTooNarrow(flood, { region: 'South' })).toBeUndefined();
  expect(resumeTooNarrow(flood, {})).toBeUndefined();
  expect(covers({}, { region: 'South', priority: 'P1' })).toBe(true);
  expect(resumeTooNarrow(flood, { region: 'South', caseType: 'damaged' })?.message).toMatch(/would leave some of its cases paused/);
  expect(resumeTooNarrow(flood, { region: 'North' })).toMatchObject({ kind: 'pause_id_reused' });
});

/** The stored registry history: FLOOD-EAST recorded (twice) then ended, SPRING-FESTIVAL recorded. */
const stored = (): History => historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, 'platformClockPauses_record-repeat-end_v1.json'), 'utf8')));
const decode = (p: unknown) => defaultPayloadConverter.fromPayload(p as never);

test("a run's trail: every recordPause request (not endPause), the carried-over pauses, no earlier run", () => {
  const trail = registryRunTrail(stored().events ?? []);
  const recorded = trail.recorded.map(decode) as Array<{ pauseId: string }>;
  expect(recorded.map((r) => r.pauseId)).toEqual(['FLOOD-EAST', 'FLOOD-EAST', 'SPRING-FESTIVAL']);
  expect(decode(trail.carried)).toEqual({ pauses: [] });
  expect(trail.previousRunId).toBeUndefined();
  expect(runNamesPause('FLOOD-EAST', recorded, undefined)).toBe(true);
  expect(runNamesPause('NOPE-1', recorded, { pauses: [] })).toBe(false);
  expect(runNamesPause('CARRIED', [], { pauses: [{ ...flood, pauseId: 'CARRIED' }] })).toBe(true);
});

const notFound = Object.assign(new Error('5 NOT_FOUND: workflow not found'), { code: 5, details: 'workflow not found', metadata: {} });

/** CaseDeps whose registry runs are `runs` (run id → history, `undefined` the current run), encrypted as a running system's are. */
function fakeDeps(runs: Map<string | undefined, History | Error>) {
  const fetched: Array<string | undefined> = [];
  const fetchHistory = (runId: string | undefined) => async () => {
    fetched.push(runId);
    const h = runs.get(runId) ?? notFound;
    if (h instanceof Error) throw h;
    return transformHistoryPayloads(h, (ps) => testCodec.encode(ps));
  };
  const client = {
    withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(),
    options: { loadedDataConverter: { payloadConverter: defaultPayloadConverter, payloadCodecs: [testCodec] } },
    workflow: { getHandle: (_id: string, runId?: string) => ({ fetchHistory: fetchHistory(runId) }) },
  };
  return { deps: { client, timeouts: { queryMs: 1_000 } } as unknown as CaseDeps, fetched };
}

/** The stored run, continued from `previousRunId`. */
function continuedFrom(previousRunId: string): History {
  const h = stored();
  const started = h.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new Error('no started event');
  started.continuedExecutionRunId = previousRunId;
  return h;
}

test('a pause recorded in the current run, even ended, was recorded; an id never used was not', async () => {
  const { deps, fetched } = fakeDeps(new Map([[undefined, stored()]]));
  expect(await pauseEverRecorded(deps, 'FLOOD-EAST')).toBe(true);
  expect(await pauseEverRecorded(deps, 'NOPE-1')).toBe(false);
  expect(fetched).toEqual([undefined, undefined]);
});

test('earlier runs are read back until one names the pause, or retention has dropped them', async () => {
  const older = stored();
  const { deps, fetched } = fakeDeps(new Map<string | undefined, History | Error>([[undefined, continuedFrom('run-1')], ['run-1', continuedFrom('run-0')], ['run-0', notFound]]));
  // The current run names no OLD-ONE; run-1 neither; run-0 is gone: never recorded as far as history reaches.
  expect(await pauseEverRecorded(deps, 'OLD-ONE')).toBe(false);
  expect(fetched).toEqual([undefined, 'run-1', 'run-0']);

  // Only the earlier run recorded the pause.
  const current = continuedFrom('run-1');
  current.events = current.events?.filter((e) => !e.workflowExecutionUpdateAcceptedEventAttributes);
  const chain = fakeDeps(new Map<string | undefined, History | Error>([[undefined, current], ['run-1', older]]));
  expect(await pauseEverRecorded(chain.deps, 'SPRING-FESTIVAL')).toBe(true);
  expect(chain.fetched).toEqual([undefined, 'run-1']);
});

test('a registry never started: nothing was recorded; other errors are not swallowed', async () => {
  expect(await pauseEverRecorded(fakeDeps(new Map()).deps, 'NOPE-1')).toBe(false);
  const unavailable = Object.assign(new Error('14 UNAVAILABLE'), { code: 14, details: 'unavailable', metadata: {} });
  await expect(pauseEverRecorded(fakeDeps(new Map([[undefined, unavailable]])).deps, 'NOPE-1')).rejects.toThrow(/UNAVAILABLE/);
});
