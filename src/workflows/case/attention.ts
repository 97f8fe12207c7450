/**
 * The "keeps failing" outcome of every step that moves money, stock or parcels. The activity's own
 * retry policy is the first, short round; when it runs out (an outage) or the other system refuses
 * (a non-retryable refusal), the case shows `needs_attention` with the step and its last error, staff
 * are told, and the case waits: an outage is retried on its own at growing pauses for about a week
 * (then only by ops), a refusal only when ops ask. Ops retry the step with the same idempotency key
 * (`retryStep`) or settle it by hand (`settleStep`). History stays bounded: a week of automatic
 * rounds, then one open wait with no timer.
 */
import { ActivityFailure, ApplicationFailure, condition, patched, sleep, TimeoutFailure } from '@temporalio/workflow';
import { escalate, minutes, notifyStaff, staffTemplate, type CaseContext } from './context';
import type { CaseStatus, AttentionStep } from './contract';
import { nowIso } from './state';
import { REFUSAL_ON_RETRY_LOOKED_UP, SETTLE_LOOKS_UP_FIRST, UNVERIFIED_SETTLEMENT_RECHECKED } from './patches';

/** Pauses between automatic rounds (minutes): 30 min doubling to a day, about 7.5 days in all. */
export const ATTENTION_RETRY_PAUSES = [30, 60, 120, 240, 480, 960, 1440, 1440, 1440, 1440, 1440, 1440, 1440];

/** How a movement ended: done (by the system, or found by look-up), or settled by hand by ops. */
export type MovementOutcome<T> =
  | { done: true; value: T }
  /** `unverified`: the settlement was taken while the step could not be looked up (the system may have done it too). */
  | { done: false; settledBy: string; reference: string; stockUsed?: boolean; unverified?: true };

/** Who settled a movement by hand and with what reference, or undefined when it was not settled. */
export function settlementOf(outcome: object): { by: string; reference: string } | undefined {
  return 'settledBy' in outcome && 'reference' in outcome ? { by: String(outcome.settledBy), reference: String(outcome.reference) } : undefined;
}

/** What ops decided while the case needed attention (set by the retryStep / settleStep updates). */
export type SettleAction = { kind: 'settle'; by: string; reference: string; stockUsed?: boolean };
export type AttentionAction = { kind: 'retry'; by: string } | SettleAction;

export interface MovementOptions<T> {
  /** Before holding the case: whether the lost answer was in fact a success (look-up by idempotency key). */
  reconcile?: () => Promise<T | undefined>;
  /**
   * When the case no longer needs the step (`when()`, e.g. the customer withdrew; `why` for the
   * timeline): after a failed try it is not held for ops, and a hold ends at once, with `abandoned`.
   */
  abandon?: { when: () => boolean; why: string };
  /**
   * Asked on a refusal that is not in doubt (or whose look-up found nothing): why the other system
   * refused, when the case can tell (e.g. the order shows the lines remedied by another case). A
   * reason ends the movement as refused with it, instead of holding the case for ops.
   */
  explainRefusal?: (type: string) => Promise<string | undefined>;
  /** A settlement taken unverified was looked up again aside and found not done by the system: it stands. */
  onSettlementVerified?: (settled: SettleAction) => void;
}

/** The step was dropped because the case no longer needs it (MovementOptions.abandon). */
export interface AbandonedMovement {
  done: false;
  abandoned: true;
}

/** The message of an activity failure's cause (what the other system said), for the case view. */
export function failureMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) return err.cause.message;
  if (err instanceof ActivityFailure && err.cause instanceof TimeoutFailure) return `timed out (${err.cause.timeoutType})`;
  return err instanceof Error ? err.message : String(err);
}

/** A refusal: the other system answered no (non-retryable); asking again on a timer cannot help. */
export function isRefusal(err: unknown): boolean {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable === true;
}

/**
 * A refusal on a retry (attempt > 1, as the adapter reports it): an earlier attempt may have gone
 * through with its answer lost, so the refusal is ambiguous and the step is looked up first.
 */
export function refusedOnRetry(err: unknown): boolean {
  if (!isRefusal(err)) return false;
  const details = ((err as ActivityFailure).cause as ApplicationFailure).details;
  const attempt = (details?.[0] as { attempt?: unknown } | undefined)?.attempt;
  return typeof attempt === 'number' && attempt > 1;
}

/** The failure type of a refusal (e.g. `PaymentsRejected`), or undefined for an outage. */
export function refusalType(err: unknown): string | undefined {
  return isRefusal(err) ? ((err as ActivityFailure).cause as ApplicationFailure).type ?? undefined : undefined;
}

/**
 * Runs `call` until it succeeds, holding the case in `needs_attention` between rounds. Refusals of
 * the kinds in `fallbackOn` are returned to the caller instead (it has a defined other path).
 */
export async function runMovement<T>(
  ctx: CaseContext,
  step: AttentionStep,
  call: () => Promise<T>,
  opts: MovementOptions<T> & { fallbackOn?: readonly string[] } = {},
): Promise<MovementOutcome<T> | { done: false; refused: string; message: string } | AbandonedMovement> {
  const { state } = ctx;
  // An earlier round got no answer (or an outage) or was itself ambiguous: a later refusal may follow a try that went through.
  let uncertainBefore = false;
  for (let round = 0; ; round++) {
    try {
      const value = await call();
      if (state.view.attention?.step === step) state.attentionCleared(`${step} succeeded`);
      return { done: true, value };
    } catch (err) {
      const type = refusalType(err);
      // An ambiguous refusal (REFUSAL_ON_RETRY_LOOKED_UP): on a retry of the activity (the adapter reports the attempt),
      // after an uncertain round, or a 2xx answer the adapter could not read. Looked up before a fallback or a hold.
      const ambiguous: boolean =
        type !== undefined && opts.reconcile !== undefined && (refusedOnRetry(err) || uncertainBefore || type.endsWith('BadResponse')) && patched(REFUSAL_ON_RETRY_LOOKED_UP);
      uncertainBefore ||= type === undefined || ambiguous;
      let lookupFailed = false;
      if (ambiguous && opts.reconcile) {
        const { found, failed } = await reconcileQuietly(ctx, step, opts.reconcile);
        if (found !== undefined) {
          if (state.view.attention?.step === step) state.attentionCleared(`${step} found done by look-up`);
          return { done: true, value: found };
        }
        lookupFailed = failed;
      }
      if (type !== undefined && opts.explainRefusal && !lookupFailed) {
        const why = await opts.explainRefusal(type);
        if (why !== undefined) {
          if (state.view.attention?.step === step) state.attentionCleared(`${step} refused: ${why}`);
          return { done: false, refused: type, message: why };
        }
      }
      // Not after a look-up that failed: the step may have gone through, so the case holds for ops instead of compensating.
      if (type !== undefined && opts.fallbackOn?.includes(type) && !lookupFailed) {
        if (state.view.attention?.step === step) state.attentionCleared(`${step} refused: falling back`);
        return { done: false, refused: type, message: failureMessage(err) };
      }
      if (type === undefined && opts.reconcile) {
        const { found } = await reconcileQuietly(ctx, step, opts.reconcile);
        if (found !== undefined) {
          if (state.view.attention?.step === step) state.attentionCleared(`${step} found done by look-up`);
          return { done: true, value: found };
        }
      }
      const action: HoldOutcome = opts.abandon?.when() ? { kind: 'abandon' } : await holdForAttention(ctx, step, err, round, opts.abandon?.when);
      if (action.kind === 'abandon') {
        const why = opts.abandon?.why ?? 'no longer needed';
        if (state.view.attention?.step === step) state.attentionCleared(`${step} dropped: ${why}`);
        if (action.settled) await handBackSettle(ctx, step, action.settled, why);
        return { done: false, abandoned: true };
      }
      if (action.kind === 'settle') {
        let unverified = false;
        // The last try had no answer: it may have gone through. Looked up before the settlement is taken (SETTLE_LOOKS_UP_FIRST).
        if ((type === undefined || ambiguous) && opts.reconcile && patched(SETTLE_LOOKS_UP_FIRST)) {
          // Ops say it is done by hand: from here it may have moved, so a withdrawal is refused while it is looked up.
          state.committed = true;
          const { found, failed } = await reconcileQuietly(ctx, step, opts.reconcile);
          if (found !== undefined) {
            state.attentionCleared(`${step} found done by look-up`);
            await tellSettler(ctx, step, action, 'settle_not_needed', 'settlement_not_needed', 'had gone through (found by its idempotency key): the settlement was not needed; undo it by hand');
            return { done: true, value: found };
          }
          if (failed) {
            unverified = true;
            await tellSettler(ctx, step, action, 'settle_unverified', 'settlement_unverified', 'could not be looked up: the system may have done it too; check before closing the books');
            if (patched(UNVERIFIED_SETTLEMENT_RECHECKED)) ctx.aside.push(recheckUnverified(ctx, step, action, opts.reconcile, opts.onSettlementVerified));
          }
        }
        state.attentionCleared(`${step} settled by hand by ${action.by} (${action.reference})`);
        return {
          done: false,
          settledBy: action.by,
          reference: action.reference,
          ...(action.stockUsed !== undefined && { stockUsed: action.stockUsed }),
          ...(unverified && { unverified: true as const }),
        };
      }
    }
  }
}

/**
 * Ops settled the step by hand in the same activation as the case stopped needing it: the case goes
 * on without it, so what ops did by hand (e.g. a pickup booked) is theirs to undo; the timeline and
 * the assignee say so.
 */
async function handBackSettle(ctx: CaseContext, step: AttentionStep, settled: { by: string; reference: string }, why: string): Promise<void> {
  ctx.state.record('settle_dropped', `${step} settled by hand by ${settled.by} (${settled.reference}) as the case stopped needing it (${why}): undo it by hand`);
  const assignee = ctx.state.view.assignee;
  if (assignee) await notifyStaff(ctx, assignee, staffTemplate('step_needs_attention'), { step, reason: 'settled_step_dropped' });
}

/**
 * What the look-up at a settlement found (SETTLE_LOOKS_UP_FIRST), on the timeline and to the assignee
 * and the one who settled (the settle update has already answered them).
 */
async function tellSettler(ctx: CaseContext, step: AttentionStep, settled: { by: string; reference: string }, event: string, reason: string, what: string): Promise<void> {
  ctx.state.record(event, `${step} ${what} (settled by ${settled.by}, ${settled.reference})`);
  for (const recipient of new Set([ctx.state.view.assignee, settled.by].filter((r): r is string => !!r))) {
    await notifyStaff(ctx, recipient, staffTemplate('step_needs_attention'), { step, reason });
  }
}

/** What to do when a step settled by hand turns out done by the system too, by step. */
const DUPLICATED_ADVICE: Partial<Record<AttentionStep, string>> = {
  refund: 'the customer was refunded twice; undo the settlement by hand',
  dispatch_reshipment: "the system's parcel left too; stop or recover one of the two parcels",
  schedule_pickup: 'the system booked a pickup too; cancel one of the two',
};

/** The steps whose settlement the assignee and the settler were already told was duplicated, per case. */
const duplicateTold = new WeakMap<CaseContext, Set<AttentionStep>>();

/**
 * A step settled by hand turns out done by the system too (`how` it was found): the timeline
 * (`settle_duplicated`), the assignee and the settler are told what to undo, once per step.
 */
export async function tellDuplicated(ctx: CaseContext, step: AttentionStep, settled: { by: string; reference: string }, how: string): Promise<void> {
  const told = duplicateTold.get(ctx) ?? new Set<AttentionStep>();
  if (told.has(step)) return;
  duplicateTold.set(ctx, told.add(step));
  await tellSettler(ctx, step, settled, 'settle_duplicated', 'settlement_duplicated', `was done by the system too (${how}): ${DUPLICATED_ADVICE[step] ?? 'undo the settlement by hand'}`);
}

/** Pauses (minutes) before each look-up of a settlement taken unverified: half an hour, then up to a day, about 2.5 days in all. */
const UNVERIFIED_RECHECK_PAUSES = [30, 120, 480, 1440, 1440];

/**
 * A settlement taken unverified (its look-up failed) is looked up again aside once the other system
 * may answer (UNVERIFIED_SETTLEMENT_RECHECKED): found done by the system too, the assignee and the
 * settler are told to undo the manual one (`settle_duplicated`); not done, the settlement stands
 * (`settle_verified`); still no answer after the pauses, they are told to check by hand.
 */
async function recheckUnverified<T>(ctx: CaseContext, step: AttentionStep, settled: SettleAction, reconcile: () => Promise<T | undefined>, onVerified?: (settled: SettleAction) => void): Promise<void> {
  for (const pause of UNVERIFIED_RECHECK_PAUSES) {
    await sleep(minutes(pause), { summary: `look up ${step} settled unverified` });
    const { found, failed } = await reconcileQuietly(ctx, step, reconcile);
    if (failed) continue;
    if (found !== undefined) {
      await tellDuplicated(ctx, step, settled, 'found by its idempotency key');
    } else {
      ctx.state.record('settle_verified', `${step}: not done by the system (looked up by its idempotency key); the settlement by ${settled.by} stands`);
      onVerified?.(settled);
    }
    return;
  }
  await tellSettler(ctx, step, settled, 'settle_still_unverified', 'settlement_still_unverified', 'still could not be looked up after 2.5 days: check by hand');
}

/** The look-up after a lost answer; a failing look-up counts as "not found" (the hold follows). */
async function reconcileQuietly<T>(ctx: CaseContext, step: AttentionStep, reconcile: () => Promise<T | undefined>): Promise<{ found?: T; failed: boolean }> {
  try {
    const found = await reconcile();
    ctx.state.record('reconciled', `${step}: ${found === undefined ? 'not done' : 'found done'} (looked up by idempotency key)`);
    return { found, failed: false };
  } catch (err) {
    ctx.state.record('reconcile_failed', `${step}: ${failureMessage(err)}`);
    return { failed: true };
  }
}

/** How a hold ended: ops acted, its automatic round came, or the step was dropped (with what ops had settled meanwhile). */
type HoldOutcome = AttentionAction | { kind: 'abandon'; settled?: { by: string; reference: string } };

/** Shows the failure, tells staff once, and waits for ops, the next automatic round, or (`abandoned`) the step no longer being needed. */
async function holdForAttention(ctx: CaseContext, step: AttentionStep, err: unknown, round: number, abandoned?: () => boolean): Promise<HoldOutcome> {
  const { state } = ctx;
  const refused = isRefusal(err);
  const pause = refused ? undefined : ATTENTION_RETRY_PAUSES[round];
  const first = state.view.attention?.step !== step;
  const from: CaseStatus = first ? state.status : (state.view.attention?.from ?? state.status);
  // Cleared before the case shows needs_attention: ops may act while staff are still being told.
  state.attentionAction = undefined;
  state.needsAttention({
    step,
    from,
    since: first ? nowIso() : (state.view.attention?.since ?? nowIso()),
    lastError: failureMessage(err),
    refused,
    rounds: round + 1,
    ...(pause !== undefined ? { nextRetryAt: new Date(Date.now() + minutes(pause)).toISOString() } : {}),
  });
  if (first) {
    const recipient = state.view.assignee;
    if (recipient) {
      await notifyStaff(ctx, recipient, step === 'refund' ? 'refund_payment_failing' : staffTemplate('step_needs_attention'), { step, reason: 'needs_attention' });
    }
    await escalate(ctx, step === 'refund' ? 'refund_payment_failing' : 'step_needs_attention');
  }
  const acted = () => state.attentionAction !== undefined || (abandoned?.() ?? false);
  if (pause === undefined) await condition(acted);
  else await condition(acted, minutes(pause), { summary: `${step} needs attention: next automatic retry` });
  // Set by the retryStep / settleStep handlers while the hold waited (the assignment above does not hold).
  const action = state.attentionAction as AttentionAction | undefined;
  state.attentionAction = undefined;
  state.resumeFrom(from);
  // The case goes on: the view no longer promises the automatic round it is past.
  if (state.view.attention?.step === step) state.view.attention = { ...state.view.attention, nextRetryAt: undefined };
  // A step no longer needed is dropped, even if ops settled or retried it in the same activation.
  if (abandoned?.()) return { kind: 'abandon', ...(action?.kind === 'settle' && { settled: { by: action.by, reference: action.reference } }) };
  return action ?? { kind: 'retry', by: 'schedule' };
}
