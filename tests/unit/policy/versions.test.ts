import { CURRENT_POLICY_VERSION, POLICY_VERSIONS, policyFor } from '../../../src/policy';
import { parsePolicyConfig, policyConfigSchema } from '../../../src/policy/schema';

const current = policyFor(CURRENT_POLICY_VERSION);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests break the config on purpose, past its types
type Loose = Record<string, any>;
const broken = (edit: (p: Loose) => void): unknown => {
  const copy = structuredClone(current) as Loose;
  edit(copy);
  return copy;
};

describe('POLICY_VERSIONS', () => {
  test('the current version is published', () => {
    expect(CURRENT_POLICY_VERSION).toBe('2026-12-v2');
    expect(Object.keys(POLICY_VERSIONS)).toContain(CURRENT_POLICY_VERSION);
  });

  test.each(Object.entries(POLICY_VERSIONS))('%s is keyed by its own version and valid', (key, config) => {
    expect(config.version).toBe(key);
    const result = policyConfigSchema.safeParse(config);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(parsePolicyConfig(config)).toEqual(config);
  });

  test('policyFor returns the published config', () => {
    expect(policyFor('2026-11-v1')).toBe(POLICY_VERSIONS['2026-11-v1']);
  });

  test.each(['2099-01-v9', '', 'toString', '__proto__'])('policyFor(%j) throws naming the version', (version) => {
    expect(() => policyFor(version)).toThrow(`Unknown policy version "${version}"`);
  });

  test('published configs are frozen', () => {
    expect(() => {
      (current.triage.responseMinutes as Record<string, number>).P1 = 99;
    }).toThrow(TypeError);
    expect(current.triage.responseMinutes.P1).toBe(15);
  });
});

describe('policyConfigSchema rejects broken configs', () => {
  test.each<[string, (p: Loose) => void, RegExp]>([
    ['bad version id', (p) => { p.version = 'latest'; }, /YYYY-MM-vN/],
    ['ladder rungs not ascending', (p) => { p.ladder.windowMinutes.P2 = [60, 30, 120]; }, /strictly ascending/],
    ['ladder with two rungs', (p) => { p.ladder.windowMinutes.P1 = [15, 30]; }, /./],
    ['non-integer minutes', (p) => { p.triage.responseMinutes.P1 = 15.5; }, /int/i],
    ['P1 slower than P2', (p) => { p.triage.responseMinutes.P1 = 45; }, /must not fall from P1 to P3/],
    ['threshold above 1', (p) => { p.evidence.approveAtOrAbove.standard = 1.2; }, /./],
    ['threshold below 0', (p) => { p.evidence.rejectBelow.platinum = -0.1; }, /./],
    ['approve not above reject', (p) => { p.evidence.rejectBelow.gold = 0.6; }, /approve threshold must exceed reject threshold/],
    ['higher tier with a higher approve bar', (p) => { p.evidence.approveAtOrAbove.platinum = 0.9; }, /must not rise with the tier/],
    ['higher tier with less authority', (p) => { p.evidence.autoApproveBelow.platinum = 1000; }, /auto-approve limits/],
    ['fractional fen', (p) => { p.evidence.autoApproveBelow.silver = 50.5; }, /int/i],
    ['higher tier with a smaller coupon', (p) => { p.ladder.breachCoupons.gold = [100, 100, 100, 100]; }, /breach coupons/],
    ['region missing from a carrier table', (p) => { delete p.carriers.table.EMS.Northwest; }, /./],
    ['coverage above 1', (p) => { p.carriers.table.SF.East.coverage = 1.5; }, /./],
    ['weights not summing to 1', (p) => { p.carriers.weights = { coverage: 0.5, onTime: 0.6 }; }, /sum to 1/],
    ['tie-break missing a carrier', (p) => { p.carriers.tieBreak = ['SF', 'EMS', 'JD']; }, /every carrier once/],
    ['remote deadline shorter than a region', (p) => { p.carriers.remoteDeliveryDeadlineMinutes = 1440; }, /remote delivery deadline/],
    ['region missing from delivery deadlines', (p) => { delete p.carriers.deliveryDeadlineMinutes.Northeast; }, /./],
    ['unknown case type', (p) => { p.triage.p1CaseTypes = ['exploded']; }, /./],
    ['claim window for not_delivered', (p) => { p.claimWindows.afterDeliveryMinutes.not_delivered = 100; }, /./],
    ['waiting state missing', (p) => { p.waiting = p.waiting.slice(1); }, /every waiting state/],
    ['waiting state twice', (p) => { p.waiting = [...p.waiting.slice(1), p.waiting[1]]; }, /every waiting state/],
    ['per-region deadline on a non-delivery state', (p) => { p.waiting[2].deadlineMinutes = 'per_region'; }, /per-region/],
    ['per-priority deadline on the survey', (p) => { p.waiting[7].deadlineMinutes = 'per_priority'; }, /per-priority/],
    ['low rating of 5 (every rating low)', (p) => { p.lowRatingAtMost = 5; }, /./],
    ['empty gift SKU', (p) => { p.resolution.giftSku = ''; }, /./],
    ['a photo case type also reviewed without photos', (p) => { p.evidence.reviewWithoutPhotos = ['damaged']; }, /neither a photo case type nor always auto-approved/],
    ['a review slower than the merchant deadline', (p) => { p.evidence.reviewTimeoutMinutes.P3 = 3 * 24 * 60; }, /within the merchant deadline/],
  ])('%s', (_name, edit, message) => {
    const result = policyConfigSchema.safeParse(broken(edit));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join('\n')).toMatch(message);
  });

  test('parsePolicyConfig throws on a broken config', () => {
    expect(() => parsePolicyConfig(broken((p) => { p.merchantDeadlineMinutes = 0; }))).toThrow();
  });
});
