/**
 * The merchant's clocks on working calendars (WORKING_CALENDAR): first response (then the ladder's
 * rung windows), resolution and human review, each a working clock (clocks.ts) with a warning at the
 * policy fraction (80%) to the assignee and, for P1, the team lead, then the breach as before.
 */
import { breachCoupon, regionalQueueId, type ClockReading, type ResolvedWait } from '../../policy';
import { awaitWorkingClock, iso, startWorkingClock, type CaseClocks } from './clocks';
import { grantCoupon, minutes, notifyStaff, type CaseContext } from './context';
import { climbLadder } from './sla';
import { planWait } from './waits';

/** The response clock from opening; a breach grants the coupon and climbs the ladder on working windows. */
export async function watchResponseOnCalendar(ctx: CaseContext, cc: CaseClocks, answered: () => boolean): Promise<void> {
  const { state } = ctx;
  const minutes = planWait(ctx, 'awaiting_acknowledgement').deadlineMinutes;
  startWorkingClock(ctx, cc, 'response', Date.parse(ctx.input.openedAt), minutes);
  state.sync();
  const breached = await awaitWorkingClock(ctx, cc, 'response', answered, {
    summary: `response SLA ${ctx.triage.priority}`,
    onWarn: (r) => warn(ctx, 'response', r),
  });
  if (!breached) return;
  state.view.sla.responseBreached = true;
  state.record('response_sla_breached', `${state.view.clocks?.response?.slaMinutes ?? minutes} working min passed without a first response`);
  state.sync();
  await grantCoupon(ctx, breachCoupon(ctx.policy, ctx.order.memberTier, 0), 'response-breach');
  // The ladder as before, each rung's window counted in working time on the desk calendar.
  await climbLadder(ctx, answered, (level, windowMinutes, over, summary) => {
    startWorkingClock(ctx, cc, `rung-${level}`, Date.now(), windowMinutes);
    return awaitWorkingClock(ctx, cc, `rung-${level}`, over, { summary });
  });
}

/** The resolution clock from opening, paused while the case waits on the customer or the platform. */
export function watchResolutionOnCalendar(ctx: CaseContext, cc: CaseClocks): Promise<void> {
  startWorkingClock(ctx, cc, 'resolution', Date.parse(ctx.input.openedAt), ctx.triage.resolutionMinutes);
  return followResolutionOnCalendar(ctx, cc);
}

/** Watches the started resolution clock to its end or breach; a resumed run (continue-as-new) restarts here. */
export async function followResolutionOnCalendar(ctx: CaseContext, cc: CaseClocks): Promise<void> {
  const { state } = ctx;
  const done = () => state.resolvedAt !== undefined || state.closed;
  const breached = await awaitWorkingClock(ctx, cc, 'resolution', done, {
    summary: `resolution SLA ${ctx.triage.priority}`,
    onWarn: (r) => warn(ctx, 'resolution', r),
  });
  if (!breached) return;
  state.view.sla.resolutionBreached = true;
  state.record('resolution_sla_breached', `not resolved by ${state.view.clocks?.resolution?.dueAt ?? '?'}`);
  state.sync();
  if (state.view.assignee) await notifyStaff(ctx, state.view.assignee, 'sla_breached', { clock: 'resolution' });
}

/**
 * The human review on the desk calendar: the case waits in awaiting_review until `reviewed()` or the
 * review clock's breach (then the table's default, auto-approve). True = reviewed in time.
 */
export async function reviewOnCalendar(ctx: CaseContext, cc: CaseClocks, wait: ResolvedWait, reviewed: () => boolean, onEnter?: () => Promise<void>): Promise<boolean> {
  const { state } = ctx;
  const startedAtMs = Date.now();
  const reading = startWorkingClock(ctx, cc, 'review', startedAtMs, wait.deadlineMinutes);
  // A review started during a platform pause has no due instant of its own: the wait shows the one
  // it would have unpaused (the resume moves it), or if even that is not on the calendar, wall-clock time.
  const dueMs = reading.shownDueMs ?? startedAtMs + minutes(wait.deadlineMinutes);
  state.enterWait('awaiting_review', { state: wait.state, party: wait.party, dueAt: iso(dueMs), onDeadline: wait.onDeadline, merchantClock: 'running' });
  if (onEnter) await onEnter();
  const breached = await awaitWorkingClock(ctx, cc, 'review', reviewed, {
    summary: 'human review deadline',
    onWarn: (r) => warn(ctx, 'review', r),
  });
  state.leaveWait();
  return !breached;
}

/** The warning at the policy fraction: the timeline, the assignee and, for P1, the team lead. */
async function warn(ctx: CaseContext, clock: string, reading: ClockReading): Promise<void> {
  const { state } = ctx;
  const dueAt = iso(reading.dueMs);
  // Whole minutes for people (the reading is exact to the millisecond).
  const left = Math.round(reading.remainingWorkingMinutes);
  state.record(`${clock}_sla_warning`, `due ${dueAt} (${left} working min left on ${reading.calendar})`);
  const params = { clock, dueAt, remainingWorkingMinutes: left };
  if (state.view.assignee) await notifyStaff(ctx, state.view.assignee, 'sla_warning', params);
  // The team lead's regional queue (no directory look-up: the ladder's rungs keep theirs).
  if (ctx.triage.priority === 'P1') await notifyStaff(ctx, regionalQueueId(ctx.intake.region, 'team_lead'), 'sla_warning', params);
}
