/**
 * The answers of the keyed actions a case applied, kept across continue-as-new. A keyed action (an
 * action sent with an Idempotency-Key, src/cases/action-keys.ts) is an update whose id is derived
 * from the key and the request: `<action>:<sha256>`. Temporal applies an update id once per run
 * only; a run that continued as new knows none of the earlier run's ids. So a case remembers the
 * answer of each keyed update it applied, hands the newest KEYED_ANSWERS_KEPT to the next run in its
 * checkpoint, and answers a keyed update it already applied with that answer, applying nothing.
 * Pure (no workflow APIs): keyed-updates.ts installs it in the handlers.
 */
import type { CaseActionResult, CaseStatus } from './contract';

/** A keyed action's update id: its path segment, a colon, and 64 hex digits (actionUpdateId). */
export const KEYED_UPDATE_ID = /^[a-z][a-z-]*:[0-9a-f]{64}$/;

/**
 * How many answers a run hands over (the newest): about 25 KB of checkpoint at most. An older keyed
 * action retried after the hand-over still finds its answer in its key's record (the API's first line).
 */
export const KEYED_ANSWERS_KEPT = 256;

/** One remembered answer as a checkpoint carries it: the update id, the status and the timeline position. */
export type CarriedAnswer = [updateId: string, status: CaseStatus, seq: number];

export class KeyedAnswers {
  /** Oldest first (a Map keeps insertion order), so the newest are kept. */
  private readonly answers = new Map<string, CaseActionResult>();

  constructor(
    caseId: string,
    carried: CarriedAnswer[] = [],
    private readonly kept: number = KEYED_ANSWERS_KEPT,
  ) {
    for (const [id, status, seq] of carried) this.answers.set(id, { caseId, status, seq });
  }

  /** Remembers what the case answered to update `id`, when it is a keyed action's. */
  remember(id: string | undefined, result: CaseActionResult): void {
    if (id === undefined || !KEYED_UPDATE_ID.test(id)) return;
    this.answers.delete(id);
    this.answers.set(id, result);
    for (const oldest of this.answers.keys()) {
      if (this.answers.size <= this.kept) break;
      this.answers.delete(oldest);
    }
  }

  /** The answer the case gave update `id` before (in this run or one it continued from), if any. */
  answerTo(id: string | undefined): CaseActionResult | undefined {
    return id === undefined ? undefined : this.answers.get(id);
  }

  get size(): number {
    return this.answers.size;
  }

  /** What a checkpoint carries: the newest answers, oldest first. */
  carried(): CarriedAnswer[] {
    return [...this.answers].map(([id, r]) => [id, r.status, r.seq]);
  }
}
