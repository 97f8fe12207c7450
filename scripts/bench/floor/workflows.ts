/**
 * Floor workflows: the least a workflow can do for the same work as a case, so the bench can say
 * how far the case is from what Temporal and the SDK cost by themselves. No-op activities, no
 * search attributes, tiny payloads. Bundled on their own (scripts/bench/bundles.ts) and run on
 * their own task queue, never by the case worker.
 */
import { condition, continueAsNew, defineQuery, defineSignal, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { FloorActivities } from './activities';

const { noop } = proxyActivities<FloorActivities>({ startToCloseTimeout: '1 minute' });

/** How far a floor workflow has got: 1 once it accepts its first update (like a case awaiting its survey). */
export const floorStageQuery = defineQuery<number>('stage');
/** The k-th update of a floor case (k = 0, 1, …), accepted in order. */
export const floorStepUpdate = defineUpdate<number, [number]>('step');
/** One note of the floor notes workflow; returns how many it holds, not the whole state. */
export const floorNoteUpdate = defineUpdate<number, [string]>('note');
export const floorCloseSignal = defineSignal('close');

/** The shape of a case path, counted from a case's own history. */
export interface FloorCaseInput {
  /** Activities before the workflow waits for its updates, and after the last update. */
  activitiesBefore: number;
  activitiesAfter: number;
  /** Timers started while the updates are awaited (cancelled when they arrive). */
  timers: number;
  /** Timers that fire (1 ms sleeps) before the wait. */
  firedTimers: number;
  updates: number;
}

/** A case path on the floor: activities, then the update wait with its timers, then activities. */
export async function floorCase(input: FloorCaseInput): Promise<number> {
  let stage = 0;
  let received = 0;
  setHandler(floorStageQuery, () => stage);
  setHandler(floorStepUpdate, () => ++received, {
    validator: (k) => {
      if (k !== received) throw new Error(`expected update ${received}, got ${k}`);
    },
  });
  for (let i = 0; i < input.activitiesBefore; i++) await noop();
  for (let i = 0; i < input.firedTimers; i++) await sleep(1);
  stage = 1;
  const all = () => received >= input.updates;
  await Promise.all([condition(all), ...Array.from({ length: input.timers }, () => condition(all, '1 day'))]);
  for (let i = 0; i < input.activitiesAfter; i++) await noop();
  return received;
}

/** Holds notes like a case does, answering each with a count; a survey-like timer stays pending. */
export async function floorNotes(): Promise<number> {
  let notes = 0;
  let closed = false;
  setHandler(floorNoteUpdate, () => ++notes);
  setHandler(floorCloseSignal, () => {
    closed = true;
  });
  setHandler(floorStageQuery, () => notes);
  await condition(() => closed, '7 days');
  return notes;
}

/** Continues as new `runsLeft` times, then waits (closed by the close signal): a chain of runs for the bench's chain reader. */
export async function floorChain(runsLeft: number): Promise<void> {
  let closed = false;
  setHandler(floorCloseSignal, () => {
    closed = true;
  });
  if (runsLeft > 0) await continueAsNew<typeof floorChain>(runsLeft - 1);
  await condition(() => closed);
}

export interface FloorParkInput {
  activitiesBefore: number;
  /** The instant (epoch ms) the parked workflow's timer comes due. */
  dueAtMs: number;
  /** Activities run once the timer has fired (what the case runs when its deadline passes). */
  activitiesAfter: number;
}

/** Parks like a case: its activities, then one timer due at `dueAtMs`, then its activities again. */
export async function floorPark(input: FloorParkInput): Promise<void> {
  let stage = 0;
  setHandler(floorStageQuery, () => stage);
  for (let i = 0; i < input.activitiesBefore; i++) await noop();
  stage = 1;
  await sleep(Math.max(1, input.dueAtMs - Date.now()));
  for (let i = 0; i < input.activitiesAfter; i++) await noop();
  // Then waits like a case on its next deadline (the escalation rung's window).
  await sleep('1 day');
}
