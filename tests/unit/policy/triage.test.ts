import type { TriageInput } from '../../../src/policy';
import { policyFor, triage } from '../../../src/policy';

const policy = policyFor('2026-11-v1');
const base: TriageInput = {
  caseType: 'quality_issue',
  memberTier: 'standard',
  urgency: 'normal',
  claimValue: 5000,
  perishable: false,
  parcelStuck: false,
};
const at = (over: Partial<TriageInput>): TriageInput => ({ ...base, ...over });

describe('triage: priority rules', () => {
  test.each<[string, Partial<TriageInput>, 'P1' | 'P2' | 'P3']>([
    ['damaged is P1', { caseType: 'damaged' }, 'P1'],
    ['spoiled is P1', { caseType: 'spoiled', perishable: true }, 'P1'],
    ['not_delivered with parcel stuck is P1', { caseType: 'not_delivered', parcelStuck: true }, 'P1'],
    ['not_delivered without parcel stuck is P2', { caseType: 'not_delivered' }, 'P2'],
    ['parcelStuck on another case type does not raise it', { caseType: 'missing_item', parcelStuck: true }, 'P2'],
    ['gold member is P1', { memberTier: 'gold' }, 'P1'],
    ['platinum member is P1', { memberTier: 'platinum' }, 'P1'],
    ['silver member quality issue is P2', { memberTier: 'silver' }, 'P2'],
    ['high urgency is P1', { urgency: 'high' }, 'P1'],
    ['high urgency beats a P3 no-reason return', { caseType: 'return_no_reason', urgency: 'high' }, 'P1'],
    ['return_no_reason by standard is P3', { caseType: 'return_no_reason' }, 'P3'],
    ['return_no_reason by silver is P3', { caseType: 'return_no_reason', memberTier: 'silver' }, 'P3'],
    ['return_no_reason by gold is P1 (top tier)', { caseType: 'return_no_reason', memberTier: 'gold' }, 'P1'],
    ['small quality_issue by standard is P3', { claimValue: 1999 }, 'P3'],
    ['small wrong_item by standard is P3', { caseType: 'wrong_item', claimValue: 1999 }, 'P3'],
    ['quality_issue exactly at the small-claim threshold is P2', { claimValue: 2000 }, 'P2'],
    ['small quality_issue by silver is P2', { memberTier: 'silver', claimValue: 100 }, 'P2'],
    ['small missing_item by standard is P2', { caseType: 'missing_item', claimValue: 100 }, 'P2'],
    ['perishable small claim is never P3', { claimValue: 100, perishable: true }, 'P2'],
    ['perishable no-reason return is never P3', { caseType: 'return_no_reason', perishable: true }, 'P2'],
    ['missing_item default is P2', { caseType: 'missing_item' }, 'P2'],
    ['wrong_item default is P2', { caseType: 'wrong_item' }, 'P2'],
  ])('%s', (_name, over, priority) => {
    expect(triage(policy, at(over)).priority).toBe(priority);
  });
});

describe('triage: SLA targets per priority', () => {
  test.each<[string, Partial<TriageInput>, { priority: string; dedicatedSpecialist: boolean; responseMinutes: number; resolutionMinutes: number }]>([
    ['P1', { caseType: 'damaged' }, { priority: 'P1', dedicatedSpecialist: true, responseMinutes: 15, resolutionMinutes: 240 }],
    ['P1 perishable', { caseType: 'spoiled', perishable: true }, { priority: 'P1', dedicatedSpecialist: true, responseMinutes: 15, resolutionMinutes: 120 }],
    ['P2', { caseType: 'missing_item' }, { priority: 'P2', dedicatedSpecialist: false, responseMinutes: 30, resolutionMinutes: 1440 }],
    ['P2 perishable', { caseType: 'wrong_item', perishable: true }, { priority: 'P2', dedicatedSpecialist: false, responseMinutes: 30, resolutionMinutes: 120 }],
    ['P3', { caseType: 'return_no_reason' }, { priority: 'P3', dedicatedSpecialist: false, responseMinutes: 120, resolutionMinutes: 4320 }],
  ])('%s', (_name, over, expected) => {
    expect(triage(policy, at(over))).toMatchObject(expected);
  });

  test('reasons name every P1 trigger', () => {
    const t = triage(policy, at({ caseType: 'damaged', memberTier: 'platinum', urgency: 'high' }));
    expect(t.reasons).toEqual(['high-impact case type damaged', 'top-tier member (platinum)', 'high urgency']);
  });

  test('reasons explain a stuck parcel and the perishable cap', () => {
    const t = triage(policy, at({ caseType: 'not_delivered', parcelStuck: true, perishable: true }));
    expect(t.reasons).toEqual(['parcel stuck in logistics', 'perishable goods: resolve within 120 minutes']);
  });

  test('a P2 case says why', () => {
    expect(triage(policy, at({})).reasons).toEqual(['standard impact']);
  });
});
