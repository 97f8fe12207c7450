/**
 * Triage: the priority of a case and the SLA targets that follow from it.
 *
 * P1 (15-minute response, dedicated specialist) when any of: case type damaged or spoiled, a
 * not_delivered parcel reported stuck, a gold/platinum member, high urgency.
 * P3 (low impact, 120-minute response) when none of those holds, the goods are not perishable, and
 * either: return_no_reason by a standard/silver member, or a quality_issue/wrong_item claim by a
 * standard member below the small-claim threshold (20 CNY). Perishables are never P3.
 * P2 (30-minute response) otherwise.
 * Resolution target: per priority, capped for perishables at 120 minutes ("2-hour resolution").
 */
import type { CaseType, Fen, MemberTier, Priority, Urgency } from '../domain/types';
import type { PolicyConfig } from './config';

/** What triage needs to know about a case. */
export interface TriageInput {
  caseType: CaseType;
  memberTier: MemberTier;
  urgency: Urgency;
  claimValue: Fen;
  perishable: boolean;
  parcelStuck: boolean;
}

/** The priority of a case, its SLA targets and why. */
export interface Triage {
  priority: Priority;
  dedicatedSpecialist: boolean;
  responseMinutes: number;
  resolutionMinutes: number;
  reasons: string[];
}

/** Reasons a case is P1; empty when it is not. */
function p1Reasons(t: PolicyConfig['triage'], input: TriageInput): string[] {
  const reasons: string[] = [];
  if (t.p1CaseTypes.includes(input.caseType)) reasons.push(`high-impact case type ${input.caseType}`);
  if (t.p1StuckNotDelivered && input.caseType === 'not_delivered' && input.parcelStuck) {
    reasons.push('parcel stuck in logistics');
  }
  if (t.p1Tiers.includes(input.memberTier)) reasons.push(`top-tier member (${input.memberTier})`);
  if (input.urgency === 'high') reasons.push('high urgency');
  return reasons;
}

/** Reasons a case is P3; empty when it is not. Assumes the case is not P1. */
function p3Reasons(t: PolicyConfig['triage'], input: TriageInput): string[] {
  if (input.perishable) return [];
  if (input.caseType === 'return_no_reason' && t.p3NoReasonTiers.includes(input.memberTier)) {
    return [`no-reason return by ${input.memberTier} member`];
  }
  const s = t.p3SmallClaim;
  if (s.caseTypes.includes(input.caseType) && s.tiers.includes(input.memberTier) && input.claimValue < s.belowFen) {
    return [`small ${input.caseType} claim (${input.claimValue} < ${s.belowFen} fen)`];
  }
  return [];
}

/** Decides a case's priority, first-response and resolution targets, and specialist assignment. */
export function triage(policy: PolicyConfig, input: TriageInput): Triage {
  const t = policy.triage;
  let priority: Priority = 'P2';
  let reasons = p1Reasons(t, input);
  if (reasons.length > 0) priority = 'P1';
  else {
    reasons = p3Reasons(t, input);
    if (reasons.length > 0) priority = 'P3';
    else reasons = ['standard impact'];
  }
  let resolutionMinutes = t.resolutionMinutes[priority];
  if (input.perishable && t.perishableResolutionMinutes < resolutionMinutes) {
    resolutionMinutes = t.perishableResolutionMinutes;
    reasons.push(`perishable goods: resolve within ${resolutionMinutes} minutes`);
  }
  return {
    priority,
    dedicatedSpecialist: priority === 'P1',
    responseMinutes: t.responseMinutes[priority],
    resolutionMinutes,
    reasons,
  };
}
