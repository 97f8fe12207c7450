/**
 * What every step of a case shares once intake is done (the order's facts, triage, policy) and the
 * small actions many steps take: telling the customer, telling staff, escalating, granting coupons.
 */
import { log, patched, sleep } from '@temporalio/workflow';
import type { CustomerMessageTemplate, NotifyStaffInput, StaffMessageTemplate } from '../../activities/types';
import { idempotencyKey } from '../../activities/types';
import type { OrderSnapshot } from '../../domain/types';
import { breachCoupon, escalationEffect, escalationLadder, escalationTemplate, regionalQueueId, type PolicyConfig, type Rung, type Triage } from '../../policy';
import { addMinutes, minutesToMs as minutes } from '../../policy/units';
import { movements, waitedOnCalls } from './activities';
import { stateRefusal } from './refusals';
import type { EscalationReason, OpenCaseInput } from './contract';
import type { Intake } from './intake';
import { ESCALATION_TEMPLATES, MESSAGES_RESENT_ASIDE, SIDE_EFFECT_RETRIES_ASIDE } from './patches';
import { nowIso, type CaseState } from './state';

export interface CaseContext {
  input: OpenCaseInput;
  state: CaseState;
  policy: PolicyConfig;
  order: OrderSnapshot;
  triage: Triage;
  /** Intake's result, computed once (region, remote, claimed lines and value, perishable). */
  intake: Intake;
  /** Side effects retried aside from the main story (compensations); awaited before the run ends. */
  aside: Promise<unknown>[];
  /** Counter that makes each notification's idempotency key unique and replay-stable. */
  messageSeq: number;
  /** The SLA coroutines beside the story that have ended (continue-as-new waits for them, or a parked resolution clock). */
  responseEnded?: boolean;
  resolutionEnded?: boolean;
}

// The time helpers live once, beside the policy units; the steps take them from here.
export { addMinutes, minutes };

/** Milliseconds from the workflow clock until an ISO instant (never negative). */
export function msUntil(iso: string): number {
  return Math.max(0, Date.parse(iso) - Date.now());
}

export async function notifyCustomer(
  ctx: CaseContext,
  template: CustomerMessageTemplate,
  params: Record<string, string | number> = {},
): Promise<void> {
  const seq = ++ctx.messageSeq;
  const send = () =>
    waitedOnCalls(ctx.state.integrity).notifyCustomer({
      caseId: ctx.input.caseId,
      customerRef: ctx.order.customerRef,
      template,
      params,
      idempotencyKey: idempotencyKey(ctx.input.caseId, `notify-customer:${seq}:${template}`),
    });
  const sent = () => ctx.state.record(`customer_notified:${template}`);
  if (await degraded(ctx, `customer:${template}`, send, sent)) sent();
}

export async function notifyStaff(
  ctx: CaseContext,
  recipientId: string,
  template: NotifyStaffInput['template'],
  params: Record<string, string | number> = {},
): Promise<void> {
  const seq = ++ctx.messageSeq;
  const send = () =>
    waitedOnCalls(ctx.state.integrity).notifyStaff({
      caseId: ctx.input.caseId,
      recipientId,
      template,
      params: { caseId: ctx.input.caseId, ...params },
      idempotencyKey: idempotencyKey(ctx.input.caseId, `notify-staff:${seq}:${template}`),
    });
  await degraded(ctx, `staff:${template}`, send, () => undefined);
}

/**
 * A message that may not stop the case: after its own retries (two minutes) a failure is recorded in
 * the timeline and the case goes on, and (MESSAGES_RESENT_ASIDE) the message is sent again aside at
 * RESEND_PAUSES with the same idempotency key, `sent` run once it goes. Cases before CASE_INTEGRITY
 * let it fail the run.
 */
async function degraded(ctx: CaseContext, what: string, call: () => Promise<unknown>, sent: () => void): Promise<boolean> {
  if (!ctx.state.integrity) {
    await call();
    return true;
  }
  try {
    await call();
    return true;
  } catch (err) {
    ctx.state.record('notification_failed', `${what}: ${failureText(err)}`);
    if (patched(MESSAGES_RESENT_ASIDE)) ctx.aside.push(resentAside(ctx, what, call, sent));
    return false;
  }
}

/** Pauses before each new try of a message that failed (minutes); then it stays failed. */
const RESEND_PAUSES = [10, 30, 60, 240];

async function resentAside(ctx: CaseContext, what: string, call: () => Promise<unknown>, sent: () => void): Promise<void> {
  for (const pause of RESEND_PAUSES) {
    await sleep(minutes(pause), { summary: `send ${what} again` });
    try {
      await call();
    } catch (err) {
      ctx.state.record('notification_failed', `${what}: ${failureText(err)} (sent again after ${pause} min)`);
      continue;
    }
    ctx.state.record('notification_resent', what);
    sent();
    return;
  }
}

/** The text of a failure, for the timeline. */
export function failureText(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}

/** Pauses between tries of a coupon owed by a clock (minutes); then staff are told to grant it. */
const COUPON_RETRY_PAUSES = [30, 120, 480, 1440];

/**
 * Grants a compensation coupon once per reason; a zero value grants nothing, and (since
 * CASE_INTEGRITY) nothing once the case is resolved. The clocks grant coupons beside the main
 * story, so a failing coupon system never holds the case: it is recorded and retried, then handed
 * to staff.
 */
export async function grantCoupon(ctx: CaseContext, value: number, reason: string): Promise<void> {
  if (value <= 0 || ctx.state.view.coupons.some((c) => c.reason === reason)) return;
  if (ctx.state.integrity && (ctx.state.resolvedAt !== undefined || ctx.state.closed)) {
    ctx.state.record('coupon_not_granted', `${reason}: the case is already resolved`);
    return;
  }
  const grant = () =>
    movements.grantCoupon({
      caseId: ctx.input.caseId,
      customerRef: ctx.order.customerRef,
      memberTier: ctx.order.memberTier,
      value,
      reason,
      idempotencyKey: idempotencyKey(ctx.input.caseId, `coupon:${reason}`),
    });
  const granted = async (coupon: { couponId: string; value: number }) => {
    ctx.state.view.coupons.push({ couponId: coupon.couponId, value: coupon.value, reason });
    ctx.state.record('coupon_granted', `${coupon.value} fen for ${reason}`);
    await notifyCustomer(ctx, 'coupon_granted', { value: coupon.value });
  };
  const coupon = ctx.state.integrity ? await retriedAside(ctx, `coupon:${reason}`, grant, COUPON_RETRY_PAUSES, granted) : await grant();
  if (coupon) await granted(coupon);
}

/**
 * A side effect that must not hold the case (coupons from the clocks, compensations): tried, and on
 * failure recorded and tried again after each pause; when the pauses run out staff are told. Given
 * `later` (what to do with the value once it comes), the tries after a first failure run aside
 * (ctx.aside) and this returns undefined at once (SIDE_EFFECT_RETRIES_ASIDE): a failing coupon system
 * no longer holds the escalation ladder for the hours of its pauses.
 */
export async function retriedAside<T>(ctx: CaseContext, what: string, call: () => Promise<T>, pauses: readonly number[], later?: (value: T) => Promise<void>): Promise<T | undefined> {
  for (let round = 0; ; round++) {
    try {
      return await call();
    } catch (err) {
      ctx.state.record('side_effect_failing', `${what}: ${failureText(err)}`);
      const pause = pauses[round];
      if (pause === undefined) {
        ctx.state.record('side_effect_abandoned', `${what}: handed to staff`);
        if (ctx.state.view.assignee) await notifyStaff(ctx, ctx.state.view.assignee, staffTemplate('step_needs_attention'), { step: what, reason: 'needs_attention' });
        return undefined;
      }
      if (later && round === 0 && patched(SIDE_EFFECT_RETRIES_ASIDE)) {
        ctx.aside.push(laterTries(ctx, what, call, pauses, later));
        return undefined;
      }
      await sleep(minutes(pause), { summary: `retry ${what}` });
    }
  }
}

/** The tries after a first failure, aside: its pause, then retriedAside over the pauses left; the value handed to `later`. */
async function laterTries<T>(ctx: CaseContext, what: string, call: () => Promise<T>, pauses: readonly number[], later: (value: T) => Promise<void>): Promise<void> {
  await sleep(minutes(pauses[0] as number), { summary: `retry ${what}` });
  const value = await retriedAside(ctx, what, call, pauses.slice(1));
  if (value !== undefined) await later(value);
}

/**
 * The staff template to send: `template`; `sla_breached` only where a history recorded before
 * ESCALATION_TEMPLATES is replayed (it told every escalation and hand-over that way). Running live,
 * every case, an older one too, sends the new template from now on (docs/production.md: the
 * notification service learns it first). The patch is asked only when the two differ, so a breach's
 * message adds no marker.
 */
export function staffTemplate(template: StaffMessageTemplate): StaffMessageTemplate {
  return template === 'sla_breached' || patched(ESCALATION_TEMPLATES) ? template : 'sla_breached';
}

/** The next rung above the case's current escalation level, if any is left. */
export function nextRung(ctx: CaseContext): Rung | undefined {
  const ladder = escalationLadder(ctx.policy, ctx.triage.priority);
  return ladder.find((r) => r.level > ctx.state.view.escalationLevel);
}

/**
 * Escalates the case: finds the rung's contact, records it, notifies them, grants any coupon. What
 * a reason does to the ladder is policy (escalationEffect); the rung is taken before the first
 * await, so a manual escalation and the SLA ladder never land on the same rung.
 */
export async function escalate(ctx: CaseContext, reason: EscalationReason): Promise<Rung | undefined> {
  const rung = nextRung(ctx);
  if (!rung) {
    log.info('escalation requested at the top of the ladder', { caseId: ctx.input.caseId, reason });
    return undefined;
  }
  const v = ctx.state.view;
  const effect = ctx.state.integrity ? escalationEffect(reason) : { climbs: true, coupon: reason === 'sla_breach' };
  if (ctx.state.integrity && effect.climbs) v.escalationLevel = rung.level;
  const contactId = await escalationContact(ctx, rung);
  // Before CASE_INTEGRITY the rung was taken only here, after the look-up (the race of issue 8).
  if (!ctx.state.integrity && effect.climbs) v.escalationLevel = rung.level;
  v.escalations.push({ level: rung.level, role: rung.role, contactId, at: nowIso(), reason });
  ctx.state.record('escalated', `level ${rung.level} (${rung.role}) for ${reason}${effect.climbs ? '' : ' (alert; the ladder stays)'}`);
  ctx.state.sync();
  await notifyStaff(ctx, contactId, staffTemplate(escalationTemplate(reason)), { level: rung.level, reason });
  if (effect.coupon) {
    await grantCoupon(ctx, breachCoupon(ctx.policy, ctx.order.memberTier, rung.level), `breach-level-${rung.level}`);
  }
  return rung;
}

/** The rung's contact; when the directory cannot answer (CASE_INTEGRITY), the role's regional queue. */
async function escalationContact(ctx: CaseContext, rung: Rung): Promise<string> {
  const find = () => waitedOnCalls(ctx.state.integrity).findEscalationContact({ caseId: ctx.input.caseId, region: ctx.intake.region, role: rung.role });
  if (!ctx.state.integrity) return (await find()).agentId;
  try {
    return (await find()).agentId;
  } catch (err) {
    const queue = regionalQueueId(ctx.intake.region, rung.role);
    ctx.state.record('directory_failed', `escalation contact for ${rung.role}: ${failureText(err)}; routed to ${queue}`);
    return queue;
  }
}

/** A business rejection of an update, returned to the caller as a failed update (HTTP 409). */
export function refuse(message: string): never {
  throw stateRefusal(message);
}
