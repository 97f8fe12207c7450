/**
 * The escalation ladder after a response-SLA breach: team lead, then service manager, then the
 * after-sales director, each with its own window; and the coupons that make up for breaches.
 * Level 0 is the initial SLA breach; level n is rung n's window passing unmet. After level 3 the
 * merchant deadline (see waiting.ts) decides. Total coupons for a case that breaches every level
 * (2026-11-v1): standard 35 CNY, silver 51, gold 70, platinum 120 — see totalBreachCoupons.
 */
import type { StaffMessageTemplate } from '../domain/messages';
import type { Fen, MemberTier, Priority } from '../domain/types';
import type { PolicyConfig } from './config';

/** Who is escalated to, rung by rung. */
export type EscalationRole = 'team_lead' | 'service_manager' | 'director';

/** The roles of rungs 1, 2, 3, in order. */
export const ESCALATION_ROLES: readonly [EscalationRole, EscalationRole, EscalationRole] = [
  'team_lead',
  'service_manager',
  'director',
];

/** One rung of the escalation ladder. */
export interface Rung {
  level: 1 | 2 | 3;
  role: EscalationRole;
  /** minutes this rung has to respond before the next rung */
  windowMinutes: number;
  /**
   * Coupon granted when this rung is called in for a breach (escalationEffect: an SLA breach, not a
   * hand escalation): rung 1 at the response breach, beside the level-0 breach coupon; rung N + 1
   * when rung N's window passes unmet. breachCoupon at this level; 0 = none.
   */
  couponValue: Fen;
}

/** The three rungs for a priority; coupon values are for `memberTier` (default standard). */
export function escalationLadder(policy: PolicyConfig, priority: Priority, memberTier: MemberTier = 'standard'): Rung[] {
  const windows = policy.ladder.windowMinutes[priority];
  return ([1, 2, 3] as const).map((level) => ({
    level,
    role: ESCALATION_ROLES[level - 1] as EscalationRole,
    windowMinutes: windows[level - 1] as number,
    couponValue: breachCoupon(policy, memberTier, level),
  }));
}

/** Compensation coupon for a breach at a level (0 = the initial SLA breach); higher tiers get more. */
export function breachCoupon(policy: PolicyConfig, memberTier: MemberTier, level: 0 | 1 | 2 | 3): Fen {
  const value = policy.ladder.breachCoupons[memberTier][level];
  if (value === undefined) throw new Error(`No breach coupon for level ${String(level)}`);
  return value;
}

/** Sum of the coupons for a case that breaches at every level, 0 through 3. */
export function totalBreachCoupons(policy: PolicyConfig, memberTier: MemberTier): Fen {
  return policy.ladder.breachCoupons[memberTier].reduce((sum, v) => sum + v, 0);
}

/** Why a case is escalated. */
export type EscalationReason = 'sla_breach' | 'manual' | 'follow_up_overdue' | 'refund_payment_failing' | 'step_needs_attention';

/** What an escalation does: climb the ladder (later SLA breaches start above), grant the rung's breach coupon. */
export interface EscalationEffect {
  climbs: boolean;
  coupon: boolean;
}

/**
 * Each reason's effect. An SLA breach climbs and compensates; a manual escalation or an overdue
 * callback climbs without a coupon; a failing movement only alerts the next rung's contact, so it
 * never shifts where a later SLA breach lands.
 */
export function escalationEffect(reason: EscalationReason): EscalationEffect {
  switch (reason) {
    case 'sla_breach':
      return { climbs: true, coupon: true };
    case 'manual':
    case 'follow_up_overdue':
      return { climbs: true, coupon: false };
    case 'refund_payment_failing':
    case 'step_needs_attention':
      return { climbs: false, coupon: false };
  }
}

/**
 * What the rung's contact is told: a breach is a breach; a manual escalation or an overdue callback
 * is an escalation (the reason goes in the params); a failing refund or a step needing a person says
 * so. Before ESCALATION_TEMPLATES every reason was told as `sla_breached`.
 */
export function escalationTemplate(reason: EscalationReason): StaffMessageTemplate {
  switch (reason) {
    case 'sla_breach':
      return 'sla_breached';
    case 'manual':
    case 'follow_up_overdue':
      return 'case_escalated';
    case 'refund_payment_failing':
      return 'refund_payment_failing';
    case 'step_needs_attention':
      return 'step_needs_attention';
  }
}
