import { MEMBER_TIERS } from '../../../src/domain/types';
import { breachCoupon, escalationEffect, escalationLadder, escalationTemplate, policyFor, totalBreachCoupons } from '../../../src/policy';
import { STAFF_MESSAGE_TEMPLATES } from '../../../src/domain/messages';

const policy = policyFor('2026-11-v1');

describe('escalationLadder', () => {
  test.each([
    ['P1', 1, 'team_lead', 15],
    ['P1', 2, 'service_manager', 30],
    ['P1', 3, 'director', 60],
    ['P2', 1, 'team_lead', 30],
    ['P2', 2, 'service_manager', 60],
    ['P2', 3, 'director', 120],
    ['P3', 1, 'team_lead', 60],
    ['P3', 2, 'service_manager', 120],
    ['P3', 3, 'director', 240],
  ] as const)('%s rung %d is %s with %d minutes', (priority, level, role, windowMinutes) => {
    const ladder = escalationLadder(policy, priority);
    expect(ladder).toHaveLength(3);
    expect(ladder[level - 1]).toMatchObject({ level, role, windowMinutes });
  });

  test('rung coupons default to the standard tier and follow the given tier', () => {
    expect(escalationLadder(policy, 'P2').map((r) => r.couponValue)).toEqual([500, 1000, 1500]);
    expect(escalationLadder(policy, 'P1', 'platinum').map((r) => r.couponValue)).toEqual([2000, 3000, 5000]);
  });
});

describe('breachCoupon', () => {
  test.each([
    ['standard', [500, 500, 1000, 1500], 3500],
    ['silver', [800, 800, 1500, 2000], 5100],
    ['gold', [1000, 1000, 2000, 3000], 7000],
    ['platinum', [2000, 2000, 3000, 5000], 12000],
  ] as const)('%s gets %j per level, %d in total', (tier, perLevel, total) => {
    expect(([0, 1, 2, 3] as const).map((lvl) => breachCoupon(policy, tier, lvl))).toEqual(perLevel);
    expect(totalBreachCoupons(policy, tier)).toBe(total);
  });

  test.each([0, 1, 2, 3] as const)('level %d: higher tiers never get less', (level) => {
    const values = MEMBER_TIERS.map((t) => breachCoupon(policy, t, level));
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(values[3]).toBeGreaterThan(values[0] as number);
  });

  test('coupons are integer fen', () => {
    for (const t of MEMBER_TIERS) for (const l of [0, 1, 2, 3] as const) expect(Number.isInteger(breachCoupon(policy, t, l))).toBe(true);
  });
});

describe('escalationEffect: what each reason does to the ladder', () => {
  test.each([
    ['sla_breach', true, true],
    ['manual', true, false],
    ['follow_up_overdue', true, false],
    ['refund_payment_failing', false, false],
    ['step_needs_attention', false, false],
  ] as const)('%s: climbs %s, coupon %s', (reason, climbs, coupon) => {
    expect(escalationEffect(reason)).toEqual({ climbs, coupon });
  });
});

describe('escalationTemplate: what the rung\'s contact is told for each reason', () => {
  test.each([
    ['sla_breach', 'sla_breached'],
    ['manual', 'case_escalated'],
    ['follow_up_overdue', 'case_escalated'],
    ['refund_payment_failing', 'refund_payment_failing'],
    ['step_needs_attention', 'step_needs_attention'],
  ] as const)('%s: %s, a template the notification service knows', (reason, template) => {
    expect(escalationTemplate(reason)).toBe(template);
    expect(STAFF_MESSAGE_TEMPLATES).toContain(template);
  });
});
