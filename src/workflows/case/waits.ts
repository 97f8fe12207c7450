/**
 * Every wait of a case (CASE_INTEGRITY) is read from the policy's waiting table through this file:
 * its deadline, the party that owes the next step, the default at the deadline, and whether the
 * merchant's resolution clock runs meanwhile. The case view names the current wait.
 */
import { condition } from '@temporalio/workflow';
import { resolveWait, type ResolvedWait, type WaitingState } from '../../policy';
import type { ResumeAt } from './checkpoint';
import { addMinutes, type CaseContext } from './context';
import { carryOver, readyToCarry } from './continue-as-new';
import type { CaseStatus } from './contract';
import { pauseResolutionClock, resumeResolutionClock } from './sla';
import { nowIso } from './state';

/** The table's rule for a wait, resolved for this case (priority, region, rung). */
export function planWait(ctx: CaseContext, waiting: WaitingState, escalationLevel?: 1 | 2 | 3): ResolvedWait {
  return resolveWait(ctx.policy, waiting, {
    priority: ctx.triage.priority,
    region: ctx.intake.region,
    remote: ctx.intake.remote,
    ...(escalationLevel ? { escalationLevel } : {}),
  });
}

/** How a closing wait takes part in continue-as-new (continue-as-new.ts). */
export interface CarryAt {
  /** The step a resumed run picks up at this wait. */
  at: ResumeAt;
  /** Set in the resumed run: the wait is already entered and due at this instant. */
  resumeDueAt?: string;
}

/**
 * Moves the case to `status` and waits until `until()` or the wait's deadline; true = met in time.
 * Customer- and platform-held waits pause the merchant's resolution clock. With `carry`, a run grown
 * too long continues as new from inside the wait, and a resumed run re-enters none of it (no status
 * move, no message) and waits what is left of the same deadline.
 */
export async function waitIn(
  ctx: CaseContext,
  status: CaseStatus,
  wait: ResolvedWait,
  until: () => boolean,
  opts: { summary?: string; onEnter?: () => Promise<void>; carry?: CarryAt } = {},
): Promise<boolean> {
  const { state } = ctx;
  const resumeDueAt = opts.carry?.resumeDueAt;
  const dueAt = resumeDueAt ? new Date(resumeDueAt) : addMinutes(nowIso(), wait.deadlineMinutes);
  if (!resumeDueAt) {
    state.enterWait(status, {
      state: wait.state,
      party: wait.party,
      dueAt: dueAt.toISOString(),
      onDeadline: wait.onDeadline,
      merchantClock: wait.merchantClockRuns ? 'running' : 'paused',
    });
    if (!wait.merchantClockRuns) pauseResolutionClock(ctx, `waiting on the ${wait.party} (${wait.state})`);
    if (opts.onEnter) await opts.onEnter();
  }
  const carry = opts.carry;
  const met = await condition(carry ? () => until() || readyToCarry(ctx) : until, Math.max(1, dueAt.getTime() - Date.now()), {
    summary: opts.summary ?? `${wait.state}: ${wait.party} deadline`,
  });
  if (carry && met && !until()) return carryOver(ctx, carry.at, dueAt.toISOString());
  if (!wait.merchantClockRuns) resumeResolutionClock(ctx);
  state.leaveWait();
  return met;
}
