/**
 * Continue-as-new of a case that grows long (issue 14): the checkpoint a run hands to the next, and
 * the pure rules of when to hand over and what of the view goes along. Pure (no workflow APIs), so
 * the rules have their own unit tests; continue-as-new.ts applies them in the workflow.
 *
 * Only some waits continue as new: the closing ones (the survey, the low-rating callback and its
 * escalated second chance), where the merchant's clocks have ended, and a rejected claim's dispute
 * window and arbitration, where the resolution clock is parked (paused, no timer) and is restarted
 * from its carried state. At each the story's position is a step and an absolute deadline.
 */
import type { SlaClock } from '../../policy';
import type { CaseView } from './contract';
import type { Intake } from './intake';
import type { CarriedAnswer } from './keyed-answers';

/**
 * The wait a resumed run picks up: the survey, the callback or the callback after its escalation;
 * or, for a rejected claim, the dispute window or the arbitration.
 */
export type ResumeAt = 'survey' | 'callback' | 'escalated_callback' | 'dispute' | 'arbitration';

/** The case's own flags beside its view that the rest of the story reads (CaseState's public fields). */
export interface CaseFlags {
  withdrawn: boolean;
  chosenResolution?: 'reship' | 'refund' | 'replace';
  partialRefundAmount?: number;
  reviewDecision?: 'approve' | 'reject';
  callbackDone: boolean;
  returnReceived: boolean;
  disputeRequested: boolean;
  arbitrationRuling?: 'customer' | 'merchant';
  committed: boolean;
  integrity: boolean;
  lean: boolean;
}

/** The merchant's working clocks as a run left them (WORKING_CALENDAR): plain data, read again by readClock. */
export interface CarriedClocks {
  desk: string;
  calendar: string;
  clocks: [string, SlaClock][];
  /** Clocks whose warning was already sent: a restarted watch does not send it again. */
  warned?: string[];
}

/** What a run that continues as new hands to the next: the second argument of afterSalesCase. */
export interface CaseCheckpoint {
  at: ResumeAt;
  /** The wait's deadline as an absolute instant: the new run waits what is left of it, never a fresh one. */
  dueAt: string;
  /** The view as the run left it, its timeline and notes trimmed to the newest (view.earlier counts the rest). */
  view: CaseView;
  flags: CaseFlags;
  /** Intake's result (order, region, triage): the new run re-runs no intake and calls no activity for it. */
  intake: Intake;
  /** Counter of the messages sent so far, so the next message's idempotency key is new, not a repeat. */
  messageSeq: number;
  clocks?: CarriedClocks;
  /** The resolution clock's watch was parked (paused, no timer), not ended: the new run restarts it. */
  resolutionParked?: boolean;
  /** The answers of the newest keyed actions applied (keyed-answers.ts, KEYED_ANSWERS_CARRIED); absent when none. */
  keyedAnswers?: CarriedAnswer[];
}

/** When a run hands over: any one of these (see docs/performance.md, "Continue-as-new"). */
export const CARRY_LIMITS = {
  /** Below the server's 4,096-event suggestion, with room for a burst of actions before the next wait check. */
  events: 3_000,
  /** Keeps each run's history well under 2 MB (the server suggests at 4 MiB, fails a run at 50 MB). */
  bytes: 1_536 * 1024,
  /** The server refuses updates past 2,000 in one run's history (history.maxTotalUpdates); 500 to spare. */
  updates: 1_500,
} as const;

/**
 * Notes a run takes at most: past this many updates answered it refuses further notes, so a case
 * waiting where it cannot continue as new (needs_attention, a review, a delivery) keeps 200 of the
 * server's 2,000 updates per run for the actions that move it (retry, settle, review, evidence…).
 */
export const NOTE_BUDGET = 1_800;

/** What the workflow knows of its own run's size. */
export interface RunSize {
  /** workflowInfo().continueAsNewSuggested: the server's own advice. */
  suggested: boolean;
  events: number;
  bytes: number;
  /** Updates this run has answered. */
  updates: number;
}

/** True when the run should hand over to a new one at its next closing wait. */
export function carryDue(size: RunSize, limits: typeof CARRY_LIMITS = CARRY_LIMITS): boolean {
  return size.suggested || size.events >= limits.events || size.bytes >= limits.bytes || size.updates >= limits.updates;
}

/** How much of a growing view goes along: the newest entries, by count, and notes also by size. */
export const CARRY_TAIL = {
  timelineEntries: 200,
  notes: 500,
  /** Notes are up to 4,000 characters (the API): a size budget keeps the checkpoint far below the 2 MB payload limit. */
  noteBytes: 256 * 1024,
} as const;

/**
 * The view to carry: the newest timeline entries and notes within CARRY_TAIL; `earlier` counts what
 * stays only in the histories of earlier runs (cumulative over the chain) and the runs before the next.
 */
export function trimForCarry(view: CaseView, tail: typeof CARRY_TAIL = CARRY_TAIL): CaseView {
  const before = view.earlier ?? { runs: 0, timelineEntries: 0, notes: 0 };
  const timeline = view.timeline.slice(Math.max(0, view.timeline.length - tail.timelineEntries));
  let kept = 0;
  let bytes = 0;
  for (let i = view.notes.length - 1; i >= 0 && kept < tail.notes; i--) {
    bytes += JSON.stringify(view.notes[i]).length;
    if (bytes > tail.noteBytes) break;
    kept += 1;
  }
  const notes = view.notes.slice(view.notes.length - kept);
  return {
    ...view,
    timeline,
    notes,
    earlier: {
      runs: before.runs + 1,
      timelineEntries: before.timelineEntries + view.timeline.length - timeline.length,
      notes: before.notes + view.notes.length - notes.length,
    },
  };
}
