/**
 * The case's two clocks, each a coroutine running beside the main story:
 *  - response SLA: a warning before the deadline, a breach at it, then the escalation ladder rung by
 *    rung until the specialist acknowledges (or the case closes);
 *  - resolution SLA: due `resolutionMinutes` after opening, paused while the case waits on the
 *    customer (evidence), resumed with the paused time added back.
 */
import { condition } from '@temporalio/workflow';
import { breachCoupon, escalationLadder } from '../../policy';
import { watchResolutionOnCalendar, watchResponseOnCalendar } from './calendar-sla';
import { caseClocks, changeClocks, iso } from './clocks';
import { addMinutes, escalate, grantCoupon, minutes, msUntil, notifyStaff, type CaseContext } from './context';
import { nowIso } from './state';
import { planWait } from './waits';

/** Minutes before the response deadline at which the assignee is warned. */
export function responseWarningLeadMinutes(responseMinutes: number): number {
  return Math.max(1, Math.min(10, Math.floor(responseMinutes / 3)));
}

/**
 * Whether the case still needs a first response. Before CASE_INTEGRITY: until acknowledged or closed.
 * Since: also not once the case is decided (policy approved or rejected it, a reviewer ruled) or
 * resolved, so no rung is called, and no coupon granted, for a case that already has its answer.
 */
function firstResponseGiven(ctx: CaseContext): () => boolean {
  const { state } = ctx;
  if (!state.integrity) return () => state.view.acknowledgedAt !== undefined || state.closed;
  return () => state.view.acknowledgedAt !== undefined || state.closed || state.view.decision !== undefined || state.resolvedAt !== undefined;
}

export async function watchResponseSla(ctx: CaseContext): Promise<void> {
  const { state, triage } = ctx;
  const acknowledged = firstResponseGiven(ctx);
  const cc = caseClocks(ctx);
  if (cc) return watchResponseOnCalendar(ctx, cc, acknowledged);
  const responseMinutes = state.integrity ? planWait(ctx, 'awaiting_acknowledgement').deadlineMinutes : triage.responseMinutes;
  const dueAt = addMinutes(ctx.input.openedAt, responseMinutes);
  const warnAt = new Date(dueAt.getTime() - minutes(responseWarningLeadMinutes(responseMinutes)));

  if (await condition(acknowledged, Math.max(1, warnAt.getTime() - Date.now()), { summary: 'response SLA warning' })) return;
  if (state.view.assignee) await notifyStaff(ctx, state.view.assignee, 'sla_warning', { dueAt: dueAt.toISOString() });
  state.record('response_sla_warning', `due ${dueAt.toISOString()}`);

  if (await condition(acknowledged, Math.max(1, msUntil(dueAt.toISOString())), { summary: `response SLA ${triage.priority}` })) return;
  state.view.sla.responseBreached = true;
  state.record('response_sla_breached', `${responseMinutes} min passed without a first response`);
  state.sync();
  await grantCoupon(ctx, breachCoupon(ctx.policy, ctx.order.memberTier, 0), 'response-breach');

  if (state.integrity) return climbLadder(ctx, acknowledged);
  // Climb the ladder: each rung gets its window to respond before the next is called in.
  for (;;) {
    if (acknowledged()) return;
    const rung = await escalate(ctx, 'sla_breach');
    if (!rung) return; // the director holds the case; nothing above
    const answered = await condition(acknowledged, minutes(rung.windowMinutes), {
      summary: `escalation level ${rung.level} (${rung.role}) window`,
    });
    if (answered) return;
  }
}

/** Waits out a rung's window (minutes) until `over()`; wall-clock time unless the case counts working time. */
export type RungWindowWait = (level: 1 | 2 | 3, windowMinutes: number, over: () => boolean, summary: string) => Promise<unknown>;

const wallClockWindow: RungWindowWait = (_level, windowMinutes, over, summary) => condition(over, minutes(windowMinutes), { summary });

/**
 * The ladder since CASE_INTEGRITY: each rung's window comes from the waiting table; a manual
 * escalation meanwhile takes the next rung itself, and the ladder then waits out that rung's window
 * instead of climbing onto it too.
 */
export async function climbLadder(ctx: CaseContext, answered: () => boolean, waitWindow: RungWindowWait = wallClockWindow): Promise<void> {
  const { state } = ctx;
  if (answered() || !(await escalate(ctx, 'sla_breach'))) return;
  for (;;) {
    const level = state.view.escalationLevel as 1 | 2 | 3;
    const window = planWait(ctx, 'awaiting_escalation_response', level);
    const role = escalationLadder(ctx.policy, ctx.triage.priority)[level - 1]?.role ?? 'director';
    await waitWindow(level, window.deadlineMinutes, () => answered() || state.view.escalationLevel !== level, `escalation level ${level} (${role}) window`);
    if (answered()) return;
    if (state.view.escalationLevel !== level) continue;
    if (!(await escalate(ctx, 'sla_breach'))) return;
  }
}

export async function watchResolutionSla(ctx: CaseContext): Promise<void> {
  const { state, triage } = ctx;
  const cc = caseClocks(ctx);
  if (cc) return watchResolutionOnCalendar(ctx, cc);
  const done = () => state.resolvedAt !== undefined || state.closed;
  let dueMs = addMinutes(ctx.input.openedAt, triage.resolutionMinutes).getTime();
  state.view.deadlines.resolutionDueAt = new Date(dueMs).toISOString();
  for (;;) {
    if (done()) return;
    const pausedSince = state.view.sla.resolutionPausedSince;
    if (pausedSince) {
      await condition(() => state.view.sla.resolutionPausedSince === undefined || done());
      dueMs += Date.now() - Date.parse(pausedSince);
      state.view.deadlines.resolutionDueAt = new Date(dueMs).toISOString();
      state.record('resolution_clock_resumed', `now due ${state.view.deadlines.resolutionDueAt}`);
      continue;
    }
    const remaining = dueMs - Date.now();
    if (remaining > 0) {
      const interrupted = await condition(() => done() || state.view.sla.resolutionPausedSince !== undefined, remaining, {
        summary: `resolution SLA ${triage.resolutionMinutes} min`,
      });
      if (interrupted) continue;
    }
    state.view.sla.resolutionBreached = true;
    state.record('resolution_sla_breached', `not resolved by ${new Date(dueMs).toISOString()}`);
    state.sync();
    if (state.view.assignee) await notifyStaff(ctx, state.view.assignee, 'sla_breached', { clock: 'resolution' });
    return;
  }
}

/** Stops the resolution clock while the case waits on the customer (or, since CASE_INTEGRITY, the platform). */
export function pauseResolutionClock(ctx: CaseContext, why = 'waiting on the customer'): void {
  if (!ctx.state.view.sla.resolutionPausedSince) {
    ctx.state.view.sla.resolutionPausedSince = nowIso();
    ctx.state.record('resolution_clock_paused', why);
    const cc = caseClocks(ctx);
    if (cc) changeClocks(ctx, cc, ['resolution'], () => ({ kind: 'paused', atMs: Date.now() }));
  }
}

export function resumeResolutionClock(ctx: CaseContext): void {
  const cc = ctx.state.view.sla.resolutionPausedSince ? caseClocks(ctx) : undefined;
  ctx.state.view.sla.resolutionPausedSince = undefined;
  // Under a platform-wide pause the clock stays stopped; that pause's resume restarts it.
  if (!cc || ctx.state.view.clocksPaused) return;
  // On working calendars the resume recomputes the deadline here (the wall-clock loop does it itself).
  changeClocks(ctx, cc, ['resolution'], () => ({ kind: 'resumed', atMs: Date.now() }));
  ctx.state.record('resolution_clock_resumed', `now due ${ctx.state.view.clocks?.resolution?.dueAt ?? iso(undefined)}`);
}
