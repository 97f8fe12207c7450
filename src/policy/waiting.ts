/**
 * "One party, one deadline, one default": every waiting state of a case names the party that owes
 * the next step, how long it has, and what happens when the deadline passes. The rules live in the
 * versioned config (PolicyConfig.waiting); these functions read them.
 */
import type { Priority, Region } from '../domain/types';
import type { PolicyConfig } from './config';
import { deliveryDeadlineMinutes } from './carriers';
import { reviewTimeoutMinutes } from './evidence';

/** Every waiting state a case can be in. */
export const WAITING_STATES = [
  'awaiting_acknowledgement',
  'awaiting_escalation_response',
  'awaiting_evidence',
  'awaiting_review',
  'awaiting_delivery',
  'awaiting_return_shipment',
  'awaiting_return_receipt',
  'awaiting_survey',
  'awaiting_callback',
  'awaiting_dispute',
  'awaiting_arbitration',
] as const;
/** A waiting state of a case. */
export type WaitingState = (typeof WAITING_STATES)[number];

/** The party that owes the next step in a waiting state. */
export type WaitingParty = 'specialist' | 'escalation_contact' | 'customer' | 'carrier' | 'warehouse' | 'platform';
/** What happens when a waiting state's deadline passes. */
export type WaitingDefault = 'escalate' | 'auto_approve' | 'close' | 'refund';

/** One waiting state's party, deadline and default. */
export interface WaitingRule {
  state: WaitingState;
  party: WaitingParty;
  /** Fixed minutes, or resolved from the priority / destination region (see waitingDeadlineMinutes). */
  deadlineMinutes: number | 'per_priority' | 'per_region';
  onDeadline: WaitingDefault;
  note: string;
}

/** The rule for a waiting state; throws if the config lacks it (the schema forbids that). */
export function waitingRule(policy: PolicyConfig, state: WaitingState): WaitingRule {
  const rule = policy.waiting.find((r) => r.state === state);
  if (rule === undefined) throw new Error(`Policy ${policy.version} has no waiting rule for ${state}`);
  return rule;
}

/** What a per-priority or per-region deadline is resolved against. */
export interface WaitingContext {
  priority: Priority;
  region: Region;
  remote: boolean;
  /** The rung being waited on, for awaiting_escalation_response (default 1). */
  escalationLevel?: 1 | 2 | 3;
}

/** The deadline in minutes of a waiting state for this case, resolving per-priority/per-region rules. */
export function waitingDeadlineMinutes(policy: PolicyConfig, state: WaitingState, ctx: WaitingContext): number {
  const { deadlineMinutes } = waitingRule(policy, state);
  if (typeof deadlineMinutes === 'number') return deadlineMinutes;
  if (deadlineMinutes === 'per_region') return deliveryDeadlineMinutes(policy, ctx.region, ctx.remote);
  switch (state) {
    case 'awaiting_acknowledgement':
      return policy.triage.responseMinutes[ctx.priority];
    case 'awaiting_escalation_response':
      return policy.ladder.windowMinutes[ctx.priority][(ctx.escalationLevel ?? 1) - 1] as number;
    case 'awaiting_review':
      return reviewTimeoutMinutes(policy, ctx.priority);
    default:
      throw new Error(`Waiting state ${state} has no per-priority deadline`);
  }
}

/** Parties on the merchant's side: while one of them owes the next step, the resolution clock runs. */
const MERCHANT_PARTIES: readonly WaitingParty[] = ['specialist', 'escalation_contact', 'carrier', 'warehouse'];

/** Whether the merchant's resolution clock runs while `party` owes the next step (customer and platform pause it). */
export function merchantClockRuns(party: WaitingParty): boolean {
  return MERCHANT_PARTIES.includes(party);
}

/** A waiting state resolved for one case: what the workflow waits for and what it does at the deadline. */
export interface ResolvedWait {
  state: WaitingState;
  party: WaitingParty;
  deadlineMinutes: number;
  onDeadline: WaitingDefault;
  merchantClockRuns: boolean;
}

/** The one read of the waiting table the workflow makes for each wait. */
export function resolveWait(policy: PolicyConfig, state: WaitingState, ctx: WaitingContext): ResolvedWait {
  const rule = waitingRule(policy, state);
  return {
    state,
    party: rule.party,
    deadlineMinutes: waitingDeadlineMinutes(policy, state, ctx),
    onDeadline: rule.onDeadline,
    merchantClockRuns: merchantClockRuns(rule.party),
  };
}

/** Platform rule: minutes from opening within which the merchant must answer, or is deemed to agree. */
export function merchantDeadlineMinutes(policy: PolicyConfig): number {
  return policy.merchantDeadlineMinutes;
}

/** Whether a survey rating (integer 1..5) is low enough to reopen a follow-up; throws outside 1..5. */
export function surveyLowRating(policy: PolicyConfig, rating: number): boolean {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw new Error(`Survey rating must be an integer from 1 to 5 (got ${rating})`);
  }
  return rating <= policy.lowRatingAtMost;
}

function describeDeadline(policy: PolicyConfig, rule: WaitingRule): string {
  if (rule.deadlineMinutes === 'per_region') return 'per region (carrier delivery deadline)';
  if (rule.deadlineMinutes === 'per_priority') {
    const p = (['P1', 'P2', 'P3'] as const).map((priority) => waitingDeadlineMinutes(policy, rule.state, { priority, region: 'East', remote: false }));
    return `per priority: ${p.map((m) => `${m} min`).join(' / ')} (P1 / P2 / P3)`;
  }
  const m = rule.deadlineMinutes;
  return m % 1440 === 0 ? `${m / 1440} day${m === 1440 ? '' : 's'}` : m % 60 === 0 ? `${m / 60} h` : `${m} min`;
}

/** The case lifecycle table of the README, generated from the waiting table (a test keeps them equal). */
export function waitingTableMarkdown(policy: PolicyConfig): string {
  const rows = policy.waiting.map(
    (r) => `| \`${r.state}\` | ${r.party} | ${describeDeadline(policy, r)} | ${r.onDeadline} | ${merchantClockRuns(r.party) ? 'runs' : 'paused'} |`,
  );
  return ['| Wait | Owes the next step | Deadline | At the deadline | Merchant clock |', '|---|---|---|---|---|', ...rows].join('\n');
}
