/**
 * The case's two clocks, each a coroutine running beside the main story:
 *  - response SLA: a warning before the deadline, a breach at it, then the escalation ladder rung by
 *    rung until the specialist acknowledges (or the case closes);
 *  - resolution SLA: due `resolutionMinutes` after opening, paused while the case waits on the
 *    customer (evidence), resumed with the paused time added back.
 */
import { condition } from '@temporalio/workflow';
import { breachCoupon } from '../../policy';
import { addMinutes, escalate, grantCoupon, minutes, msUntil, notifyStaff, type CaseContext } from './context';
import { nowIso } from './state';

/** Minutes before the response deadline at which the assignee is warned. */
export function responseWarningLeadMinutes(responseMinutes: number): number {
  return Math.max(1, Math.min(10, Math.floor(responseMinutes / 3)));
}

export async function watchResponseSla(ctx: CaseContext): Promise<void> {
  const { state, triage } = ctx;
  const acknowledged = () => state.view.acknowledgedAt !== undefined || state.closed;
  const dueAt = addMinutes(ctx.input.openedAt, triage.responseMinutes);
  const warnAt = new Date(dueAt.getTime() - minutes(responseWarningLeadMinutes(triage.responseMinutes)));

  if (await condition(acknowledged, Math.max(1, warnAt.getTime() - Date.now()), { summary: 'response SLA warning' })) return;
  if (state.view.assignee) await notifyStaff(ctx, state.view.assignee, 'sla_warning', { dueAt: dueAt.toISOString() });
  state.record('response_sla_warning', `due ${dueAt.toISOString()}`);

  if (await condition(acknowledged, Math.max(1, msUntil(dueAt.toISOString())), { summary: `response SLA ${triage.priority}` })) return;
  state.view.sla.responseBreached = true;
  state.record('response_sla_breached', `${triage.responseMinutes} min passed without a first response`);
  state.sync();
  await grantCoupon(ctx, breachCoupon(ctx.policy, ctx.order.memberTier, 0), 'response-breach');

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

export async function watchResolutionSla(ctx: CaseContext): Promise<void> {
  const { state, triage } = ctx;
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

/** Stops the resolution clock while the case waits on the customer. */
export function pauseResolutionClock(ctx: CaseContext): void {
  if (!ctx.state.view.sla.resolutionPausedSince) {
    ctx.state.view.sla.resolutionPausedSince = nowIso();
    ctx.state.record('resolution_clock_paused', 'waiting on the customer');
  }
}

export function resumeResolutionClock(ctx: CaseContext): void {
  ctx.state.view.sla.resolutionPausedSince = undefined;
}
