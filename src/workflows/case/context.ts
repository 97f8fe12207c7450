/**
 * What every step of a case shares once intake is done (the order's facts, triage, policy) and the
 * small actions many steps take: telling the customer, telling staff, escalating, granting coupons.
 */
import { ApplicationFailure, log } from '@temporalio/workflow';
import type { CustomerMessageTemplate, NotifyStaffInput } from '../../activities/types';
import { idempotencyKey } from '../../activities/types';
import type { OrderSnapshot } from '../../domain/types';
import { breachCoupon, escalationLadder, type PolicyConfig, type Rung, type Triage } from '../../policy';
import { lookups, movements } from './activities';
import type { EscalationStep, OpenCaseInput } from './contract';
import { nowIso, type CaseState } from './state';

export interface CaseContext {
  input: OpenCaseInput;
  state: CaseState;
  policy: PolicyConfig;
  order: OrderSnapshot;
  triage: Triage;
  /** Counter that makes each notification's idempotency key unique and replay-stable. */
  messageSeq: number;
}

export function minutes(n: number): number {
  return n * 60_000;
}

/** Milliseconds from the workflow clock until an ISO instant (never negative). */
export function msUntil(iso: string): number {
  return Math.max(0, Date.parse(iso) - Date.now());
}

export function addMinutes(iso: string, n: number): Date {
  return new Date(Date.parse(iso) + minutes(n));
}

export async function notifyCustomer(
  ctx: CaseContext,
  template: CustomerMessageTemplate,
  params: Record<string, string | number> = {},
): Promise<void> {
  const seq = ++ctx.messageSeq;
  await lookups.notifyCustomer({
    caseId: ctx.input.caseId,
    customerRef: ctx.order.customerRef,
    template,
    params,
    idempotencyKey: idempotencyKey(ctx.input.caseId, `notify-customer:${seq}:${template}`),
  });
  ctx.state.record(`customer_notified:${template}`);
}

export async function notifyStaff(
  ctx: CaseContext,
  recipientId: string,
  template: NotifyStaffInput['template'],
  params: Record<string, string | number> = {},
): Promise<void> {
  const seq = ++ctx.messageSeq;
  await lookups.notifyStaff({
    caseId: ctx.input.caseId,
    recipientId,
    template,
    params: { caseId: ctx.input.caseId, ...params },
    idempotencyKey: idempotencyKey(ctx.input.caseId, `notify-staff:${seq}:${template}`),
  });
}

/** Grants a compensation coupon once per reason; a zero value grants nothing. */
export async function grantCoupon(ctx: CaseContext, value: number, reason: string): Promise<void> {
  if (value <= 0 || ctx.state.view.coupons.some((c) => c.reason === reason)) return;
  const coupon = await movements.grantCoupon({
    caseId: ctx.input.caseId,
    customerRef: ctx.order.customerRef,
    memberTier: ctx.order.memberTier,
    value,
    reason,
    idempotencyKey: idempotencyKey(ctx.input.caseId, `coupon:${reason}`),
  });
  ctx.state.view.coupons.push({ couponId: coupon.couponId, value: coupon.value, reason });
  ctx.state.record('coupon_granted', `${coupon.value} fen for ${reason}`);
  await notifyCustomer(ctx, 'coupon_granted', { value: coupon.value });
}

/** The next rung above the case's current escalation level, if any is left. */
export function nextRung(ctx: CaseContext): Rung | undefined {
  const ladder = escalationLadder(ctx.policy, ctx.triage.priority);
  return ladder.find((r) => r.level > ctx.state.view.escalationLevel);
}

/** Escalates the case one rung: finds the contact, records it, notifies them, grants any coupon. */
export async function escalate(ctx: CaseContext, reason: EscalationStep['reason']): Promise<Rung | undefined> {
  const rung = nextRung(ctx);
  if (!rung) {
    log.info('escalation requested at the top of the ladder', { caseId: ctx.input.caseId, reason });
    return undefined;
  }
  const contact = await lookups.findEscalationContact({
    caseId: ctx.input.caseId,
    region: ctx.state.view.region ?? 'East',
    role: rung.role,
  });
  const v = ctx.state.view;
  v.escalationLevel = rung.level;
  v.escalations.push({ level: rung.level, role: rung.role, contactId: contact.agentId, at: nowIso(), reason });
  ctx.state.record('escalated', `level ${rung.level} (${rung.role}) for ${reason}`);
  ctx.state.sync();
  await notifyStaff(ctx, contact.agentId, 'sla_breached', { level: rung.level, reason });
  if (reason === 'sla_breach') {
    await grantCoupon(ctx, breachCoupon(ctx.policy, ctx.order.memberTier, rung.level), `breach-level-${rung.level}`);
  }
  return rung;
}

/** A business rejection of an update, returned to the caller as a failed update (HTTP 409). */
export function refuse(message: string): never {
  throw ApplicationFailure.create({ type: 'CaseStateConflict', message, nonRetryable: true });
}
