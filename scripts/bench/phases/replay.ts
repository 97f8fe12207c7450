/**
 * Replay: seconds to replay the stored set (tests/histories) with today's case workflow, and a
 * long history the bench built (the busy case, cut at a workflow-task boundary near the asked
 * number of events). Floors: floor-workflow histories cut to the same event counts.
 */
import { Worker } from '@temporalio/worker';
import { readHistories } from '../../../tests/support/histories';
import { prefixAt, type History } from '../history';
import { msSince } from '../measure';

export interface ReplayTiming {
  histories: number;
  events: number;
  seconds: number;
  failures: string[];
}

async function replayAll(bundlePath: string, set: Array<{ workflowId: string; history: History }>): Promise<ReplayTiming> {
  const started = process.hrtime.bigint();
  const failures: string[] = [];
  for await (const r of Worker.runReplayHistories({ workflowBundle: { codePath: bundlePath } }, set)) {
    if (r.error) failures.push(`${r.workflowId}: ${r.error.message.split('\n')[0]}`);
  }
  return {
    histories: set.length,
    events: set.reduce((n, s) => n + (s.history.events?.length ?? 0), 0),
    seconds: msSince(started) / 1000,
    failures,
  };
}

/** Replays one short history per bundle first, so no timing pays for the process's first replay. */
export async function warmReplay(casePath: string, floorPath: string, floorHistory: History): Promise<void> {
  const first = readHistories()[0]!;
  await replayAll(casePath, [{ workflowId: 'warm-case', history: first.history }]);
  await replayAll(floorPath, [{ workflowId: 'warm-floor', history: prefixAt(floorHistory, 20) }]);
}

export interface StoredSetReplay {
  stored: ReplayTiming;
  floor: ReplayTiming;
}

/** The stored set, and as its floor the floor history cut to each stored history's length. */
export async function replayStoredSet(casePath: string, floorPath: string, floorHistory: History): Promise<StoredSetReplay> {
  const stored = readHistories().map((s) => ({ workflowId: s.workflowId, history: s.history }));
  const floorSet = stored.map((s, i) => ({ workflowId: `floor-${i}`, history: prefixAt(floorHistory, s.history.events?.length ?? 0) }));
  return { stored: await replayAll(casePath, stored), floor: await replayAll(floorPath, floorSet) };
}

export interface LongReplay {
  case: ReplayTiming;
  floor: ReplayTiming;
}

export async function replayLong(casePath: string, floorPath: string, caseHistory: History, floorHistory: History, events: number): Promise<LongReplay> {
  const c = prefixAt(caseHistory, events);
  const f = prefixAt(floorHistory, c.events?.length ?? events);
  return {
    case: await replayAll(casePath, [{ workflowId: 'bench-long-case', history: c }]),
    floor: await replayAll(floorPath, [{ workflowId: 'bench-long-floor', history: f }]),
  };
}
