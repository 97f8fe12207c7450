import { deliveryDeadlineMinutes, merchantClockRuns, merchantDeadlineMinutes, policyFor, resolveWait, surveyLowRating, WAITING_STATES, waitingDeadlineMinutes, waitingRule } from '../../../src/policy';
import type { PolicyConfig, WaitingState } from '../../../src/policy';

const policy = policyFor('2026-11-v1');

describe('waitingRule: one party, one deadline, one default', () => {
  test.each([
    ['awaiting_acknowledgement', 'specialist', 'per_priority', 'escalate'],
    ['awaiting_escalation_response', 'escalation_contact', 'per_priority', 'escalate'],
    ['awaiting_evidence', 'customer', 2 * 1440, 'close'],
    ['awaiting_review', 'specialist', 'per_priority', 'auto_approve'],
    ['awaiting_delivery', 'carrier', 'per_region', 'refund'],
    ['awaiting_return_shipment', 'customer', 7 * 1440, 'close'],
    ['awaiting_return_receipt', 'warehouse', 10 * 1440, 'refund'],
    ['awaiting_survey', 'customer', 3 * 1440, 'close'],
    ['awaiting_callback', 'specialist', 1440, 'escalate'],
    ['awaiting_dispute', 'customer', 7 * 1440, 'close'],
    ['awaiting_arbitration', 'platform', 7 * 1440, 'close'],
  ] as const)('%s: %s, %s, then %s', (state, party, deadlineMinutes, onDeadline) => {
    const rule = waitingRule(policy, state);
    expect(rule).toMatchObject({ state, party, deadlineMinutes, onDeadline });
    expect(rule.note.length).toBeGreaterThan(0);
  });

  test('every waiting state has exactly one rule', () => {
    expect(policy.waiting.map((r) => r.state).sort()).toEqual([...WAITING_STATES].sort());
  });

  test('a config missing a rule throws naming the state and version', () => {
    const broken = { ...policy, waiting: policy.waiting.filter((r) => r.state !== 'awaiting_survey') } as PolicyConfig;
    expect(() => waitingRule(broken, 'awaiting_survey')).toThrow(/2026-11-v1.*awaiting_survey/);
  });
});

describe('waitingDeadlineMinutes resolves per-priority and per-region deadlines', () => {
  const ctx = { priority: 'P1', region: 'East', remote: false } as const;
  test.each<[WaitingState, Partial<{ priority: 'P1' | 'P2' | 'P3'; region: 'East' | 'Northwest'; remote: boolean; escalationLevel: 1 | 2 | 3 }>, number]>([
    ['awaiting_acknowledgement', { priority: 'P1' }, 15],
    ['awaiting_acknowledgement', { priority: 'P2' }, 30],
    ['awaiting_acknowledgement', { priority: 'P3' }, 120],
    ['awaiting_escalation_response', { priority: 'P1' }, 15],
    ['awaiting_escalation_response', { priority: 'P1', escalationLevel: 3 }, 60],
    ['awaiting_escalation_response', { priority: 'P2', escalationLevel: 2 }, 60],
    ['awaiting_escalation_response', { priority: 'P3', escalationLevel: 3 }, 240],
    ['awaiting_review', { priority: 'P1' }, 60],
    ['awaiting_review', { priority: 'P2' }, 240],
    ['awaiting_review', { priority: 'P3' }, 1440],
    ['awaiting_delivery', { region: 'East' }, 4 * 1440],
    ['awaiting_delivery', { region: 'Northwest' }, 6 * 1440],
    ['awaiting_delivery', { region: 'Northwest', remote: true }, 7 * 1440],
    ['awaiting_evidence', {}, 2 * 1440],
    ['awaiting_return_receipt', {}, 10 * 1440],
  ])('%s %j → %d minutes', (state, over, minutes) => {
    expect(waitingDeadlineMinutes(policy, state, { ...ctx, ...over })).toBe(minutes);
  });
});

describe('merchantDeadlineMinutes and surveyLowRating', () => {
  test('the merchant has 48 hours from opening', () => {
    expect(merchantDeadlineMinutes(policy)).toBe(48 * 60);
  });

  test.each([
    [1, true],
    [2, true],
    [3, false],
    [4, false],
    [5, false],
  ])('rating %d is low: %s', (rating, low) => {
    expect(surveyLowRating(policy, rating)).toBe(low);
  });

  test.each([0, 6, 2.5, Number.NaN])('rating %d throws', (rating) => {
    expect(() => surveyLowRating(policy, rating)).toThrow(/1 to 5/);
  });
});

describe('resolveWait: the one read of the table per wait, with whether the merchant clock runs', () => {
  const ctx = { priority: 'P2', region: 'Northwest', remote: true } as const;
  test.each([
    ['awaiting_evidence', 'customer', 2 * 1440, false],
    ['awaiting_return_shipment', 'customer', 7 * 1440, false],
    ['awaiting_dispute', 'customer', 7 * 1440, false],
    ['awaiting_arbitration', 'platform', 7 * 1440, false],
    ['awaiting_survey', 'customer', 3 * 1440, false],
    ['awaiting_review', 'specialist', 240, true],
    ['awaiting_return_receipt', 'warehouse', 10 * 1440, true],
    ['awaiting_callback', 'specialist', 1440, true],
  ] as const)('%s: %s for %i min, merchant clock runs: %s', (state, party, deadline, runs) => {
    expect(resolveWait(policy, state, ctx)).toEqual({ state, party, deadlineMinutes: deadline, onDeadline: waitingRule(policy, state).onDeadline, merchantClockRuns: runs });
  });

  test('delivery resolves the remote region deadline and runs the merchant clock (the carrier works for the merchant)', () => {
    expect(resolveWait(policy, 'awaiting_delivery', ctx)).toMatchObject({ party: 'carrier', merchantClockRuns: true, deadlineMinutes: deliveryDeadlineMinutes(policy, 'Northwest', true) });
  });

  test('only customer and platform pause the clock', () => {
    expect(['specialist', 'escalation_contact', 'customer', 'carrier', 'warehouse', 'platform'].filter((p) => !merchantClockRuns(p as never))).toEqual(['customer', 'platform']);
  });
});
