import type { ResolutionInput, ResolutionPlan } from '../../../src/policy';
import { planResolution, policyFor, refundAmount, resolutionWhenOutOfStock } from '../../../src/policy';

const policy = policyFor('2026-11-v1');
const base: ResolutionInput = {
  caseType: 'damaged',
  categories: ['home'],
  memberTier: 'standard',
  claimValue: 5000,
  daysSinceDelivery: 2,
  reshipReachable: true,
};
const plan = (over: Partial<ResolutionInput>): ResolutionPlan => planResolution(policy, { ...base, ...over });
type Shape = Pick<ResolutionPlan, 'resolution' | 'returnRequired' | 'quarantineOnReturn' | 'gift' | 'refundImmediately'>;
const shape = (resolution: ResolutionPlan['resolution'], returnRequired: boolean, gift: boolean, refundImmediately: boolean): Shape => ({
  resolution,
  returnRequired,
  quarantineOnReturn: returnRequired,
  gift,
  refundImmediately,
});

describe('planResolution', () => {
  test.each<[string, Partial<ResolutionInput>, Shape]>([
    ['damaged: reship, nothing back, no gift for standard < 100 CNY', {}, shape('reship', false, false, false)],
    ['damaged: gift for gold', { memberTier: 'gold' }, shape('reship', false, true, false)],
    ['damaged: gift for platinum', { memberTier: 'platinum' }, shape('reship', false, true, false)],
    ['damaged: no gift for silver below 100 CNY', { memberTier: 'silver', claimValue: 9999 }, shape('reship', false, false, false)],
    ['damaged: gift at exactly 100 CNY', { claimValue: 10_000 }, shape('reship', false, true, false)],
    ['damaged: unreachable → refund at once', { reshipReachable: false, memberTier: 'gold' }, shape('refund', false, false, true)],
    ['damaged: customer prefers refund', { preferred: 'refund' }, shape('refund', false, false, true)],
    ['damaged: preferring reship changes nothing', { preferred: 'reship' }, shape('reship', false, false, false)],
    ['spoiled: refund immediately, nothing back', { caseType: 'spoiled', categories: ['fresh'] }, shape('refund', false, false, true)],
    ['spoiled: even if reship preferred and reachable', { caseType: 'spoiled', categories: ['fresh'], preferred: 'reship' }, shape('refund', false, false, true)],
    ['missing_item: reship', { caseType: 'missing_item' }, shape('reship', false, false, false)],
    ['missing_item: unreachable → refund', { caseType: 'missing_item', reshipReachable: false }, shape('refund', false, false, true)],
    ['missing_item: prefers refund', { caseType: 'missing_item', preferred: 'refund' }, shape('refund', false, false, true)],
    ['missing_item: no gift even for gold', { caseType: 'missing_item', memberTier: 'gold' }, shape('reship', false, false, false)],
    ['not_delivered: reship', { caseType: 'not_delivered', daysSinceDelivery: null }, shape('reship', false, false, false)],
    ['not_delivered: unreachable → refund', { caseType: 'not_delivered', reshipReachable: false }, shape('refund', false, false, true)],
    ['not_delivered: prefers refund', { caseType: 'not_delivered', preferred: 'refund' }, shape('refund', false, false, true)],
    ['wrong_item: reship, wrong one comes back', { caseType: 'wrong_item' }, shape('reship', true, false, false)],
    ['wrong_item: prefers refund → return and refund', { caseType: 'wrong_item', preferred: 'refund' }, shape('return_and_refund', true, false, false)],
    ['wrong_item: unreachable → return and refund', { caseType: 'wrong_item', reshipReachable: false }, shape('return_and_refund', true, false, false)],
    ['quality_issue 3c at 180 days → replace', { caseType: 'quality_issue', categories: ['3c'], daysSinceDelivery: 180 }, shape('replace', true, false, false)],
    ['quality_issue 3c day 10, refund preferred → still replace', { caseType: 'quality_issue', categories: ['3c'], daysSinceDelivery: 10, preferred: 'refund' }, shape('replace', true, false, false)],
    ['quality_issue 3c just past 180 days → return and refund', { caseType: 'quality_issue', categories: ['3c'], daysSinceDelivery: 180.001 }, shape('return_and_refund', true, false, false)],
    ['quality_issue 3c, unknown delivery → return and refund', { caseType: 'quality_issue', categories: ['3c'], daysSinceDelivery: null }, shape('return_and_refund', true, false, false)],
    ['quality_issue 3c unreachable → return and refund', { caseType: 'quality_issue', categories: ['3c'], reshipReachable: false }, shape('return_and_refund', true, false, false)],
    ['quality_issue non-3c → return and refund', { caseType: 'quality_issue', categories: ['apparel'] }, shape('return_and_refund', true, false, false)],
    ['return_no_reason → return and refund on receipt', { caseType: 'return_no_reason', categories: ['beauty'] }, shape('return_and_refund', true, false, false)],
  ])('%s', (_name, over, expected) => {
    const p = plan(over);
    expect(p).toMatchObject(expected);
    expect(p.reasons.length).toBeGreaterThan(0);
  });

  test('the decision says why no reshipment can go: no cold chain, or no carrier at all', () => {
    expect(plan({ reshipReachable: false, unreachableBecause: 'no_cold_chain' }).reasons).toContain('no cold chain reaches the destination');
    expect(plan({ reshipReachable: false, unreachableBecause: 'no_coverage' }).reasons).toContain('no carrier can reach the destination');
    expect(plan({ reshipReachable: false }).reasons).toContain('no carrier can reach the destination');
    const replace: Partial<ResolutionInput> = { caseType: 'quality_issue', categories: ['3c'], daysSinceDelivery: 10, reshipReachable: false };
    expect(plan({ ...replace, unreachableBecause: 'no_cold_chain' }).reasons).toEqual(['no cold chain reaches the destination for a replacement']);
  });

  test('a gift names its SKU; no gift, no SKU', () => {
    expect(plan({ memberTier: 'gold' }).giftSku).toBe('GIFT-COURTESY');
    expect(plan({}).giftSku).toBeUndefined();
  });
});

describe('resolutionWhenOutOfStock', () => {
  test.each<[string, Partial<ResolutionInput>, Shape]>([
    ['damaged reship with gift → immediate refund, no gift', { memberTier: 'gold' }, shape('refund', false, false, true)],
    ['missing_item reship → refund', { caseType: 'missing_item' }, shape('refund', false, false, true)],
    ['wrong_item reship → return and refund', { caseType: 'wrong_item' }, shape('return_and_refund', true, false, false)],
    ['3c replace → return and refund', { caseType: 'quality_issue', categories: ['3c'] }, shape('return_and_refund', true, false, false)],
  ])('%s', (_name, over, expected) => {
    const p = resolutionWhenOutOfStock(plan(over));
    expect(p).toMatchObject(expected);
    expect(p.giftSku).toBeUndefined();
    expect(p.reasons).toContain('out of stock: refund instead');
  });

  test('plans that ship nothing are unchanged', () => {
    const spoiled = plan({ caseType: 'spoiled' });
    expect(resolutionWhenOutOfStock(spoiled)).toBe(spoiled);
  });
});

describe('refundAmount', () => {
  test.each([
    [[], 0],
    [[{ unitPrice: 1999, quantity: 1 }], 1999],
    [[{ unitPrice: 1999, quantity: 3 }, { unitPrice: 1, quantity: 2 }], 5999],
    [[{ unitPrice: 0, quantity: 5 }], 0],
  ])('%j → %d fen', (items, expected) => {
    expect(refundAmount(items)).toBe(expected);
  });

  test.each([
    [{ unitPrice: 19.99, quantity: 1 }],
    [{ unitPrice: -100, quantity: 1 }],
    [{ unitPrice: 100, quantity: 1.5 }],
    [{ unitPrice: 100, quantity: -1 }],
  ])('rejects %j', (item) => {
    expect(() => refundAmount([item])).toThrow(/non-negative integers/);
  });
});
