import type { ClaimWindowInput } from '../../../src/policy';
import { claimableOnLine, claimableValue, claimWindow, claimWindowMinutes, policyFor, remedyRefusal, unorderedClaims, unorderedClaimsReason } from '../../../src/policy';

const policy = policyFor('2026-11-v1');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const deliveredAtMs = Date.UTC(2026, 10, 1, 8, 0, 0);
const delivered = (over: Partial<ClaimWindowInput>): ClaimWindowInput => ({
  caseType: 'damaged',
  categories: ['home'],
  orderStatus: 'delivered',
  deliveredAtMs,
  openedAtMs: deliveredAtMs + DAY,
  ...over,
});

describe('claimWindow: windows after delivery, inclusive at the boundary', () => {
  test.each([
    ['return_no_reason', ['apparel'], 7 * DAY],
    ['spoiled', ['fresh'], 48 * HOUR],
    ['damaged', ['home'], 15 * DAY],
    ['missing_item', ['grocery'], 15 * DAY],
    ['wrong_item', ['beauty'], 15 * DAY],
    ['quality_issue', ['apparel'], 30 * DAY],
    ['quality_issue', ['3c'], 180 * DAY],
    ['quality_issue', ['apparel', '3c'], 180 * DAY],
  ] as const)('%s %j: open at exactly %d ms, closed 1 ms later', (caseType, categories, windowMs) => {
    const cats = [...categories];
    expect(claimWindow(policy, delivered({ caseType, categories: cats, openedAtMs: deliveredAtMs + windowMs }))).toEqual({
      open: true,
      daysSinceDelivery: windowMs / DAY,
    });
    expect(claimWindow(policy, delivered({ caseType, categories: cats, openedAtMs: deliveredAtMs + windowMs - 1 })).open).toBe(true);
    const late = claimWindow(policy, delivered({ caseType, categories: cats, openedAtMs: deliveredAtMs + windowMs + 1 }));
    expect(late.open).toBe(false);
    expect(late).toMatchObject({ reason: expect.stringContaining(`${windowMs / DAY} days`) });
  });

  test('days since delivery are exact and fractional', () => {
    expect(claimWindow(policy, delivered({ openedAtMs: deliveredAtMs + 36 * HOUR }))).toEqual({ open: true, daysSinceDelivery: 1.5 });
  });

  test('a case opened before the recorded delivery (clock skew) counts as day 0', () => {
    expect(claimWindow(policy, delivered({ openedAtMs: deliveredAtMs - HOUR }))).toEqual({ open: true, daysSinceDelivery: 0 });
  });

  test('claimWindowMinutes takes the longest window of the claimed categories', () => {
    expect(claimWindowMinutes(policy, 'quality_issue', ['apparel'])).toBe(30 * 1440);
    expect(claimWindowMinutes(policy, 'quality_issue', ['home', '3c'])).toBe(180 * 1440);
    expect(claimWindowMinutes(policy, 'damaged', ['3c'])).toBe(15 * 1440);
  });
});

describe('claimWindow: exclusions and order status', () => {
  test.each([
    ['return_no_reason of fresh goods', delivered({ caseType: 'return_no_reason', categories: ['fresh'] }), /not available for fresh/],
    ['return_no_reason with any fresh item', delivered({ caseType: 'return_no_reason', categories: ['apparel', 'fresh'] }), /fresh/],
    ['damaged on an unshipped order', delivered({ orderStatus: 'unshipped', deliveredAtMs: undefined }), /needs a delivered order \(order is unshipped\)/],
    ['damaged on a shipped order', delivered({ orderStatus: 'shipped', deliveredAtMs: undefined }), /order is shipped/],
    ['delivered without a delivery time', delivered({ deliveredAtMs: undefined }), /delivery time is unknown/],
    ['not_delivered on a delivered order', delivered({ caseType: 'not_delivered' }), /shipped, undelivered order \(order is delivered\)/],
    ['not_delivered on an unshipped order', delivered({ caseType: 'not_delivered', orderStatus: 'unshipped' }), /order is unshipped/],
  ])('%s is closed', (_name, input, reason) => {
    const w = claimWindow(policy, input);
    expect(w.open).toBe(false);
    expect(w).toMatchObject({ reason: expect.stringMatching(reason) });
  });

  test('not_delivered on a shipped order is open, with no delivery day', () => {
    expect(claimWindow(policy, { caseType: 'not_delivered', categories: ['fresh'], orderStatus: 'shipped', openedAtMs: deliveredAtMs })).toEqual({
      open: true,
      daysSinceDelivery: null,
    });
  });

  test('return_no_reason of non-fresh goods on day 3 is open', () => {
    expect(claimWindow(policy, delivered({ caseType: 'return_no_reason', categories: ['beauty'], openedAtMs: deliveredAtMs + 3 * DAY })).open).toBe(true);
  });
});

describe('remedies bounded per order line across cases', () => {
  const line = (remedied?: { quantity: number; amount: number }) => ({ sku: 'SKU-CRAB', title: 'Crab', category: 'fresh' as const, unitPrice: 12_800, quantity: 2, ...(remedied ? { remedied } : {}) });

  test('a line nothing remedied yet: everything claimable', () => {
    expect(claimableOnLine(line())).toEqual({ quantity: 2, amount: 25_600 });
    expect(remedyRefusal([line()], [{ sku: 'SKU-CRAB', quantity: 2 }])).toBeUndefined();
  });

  test('one of two remedied: the other stays claimable, two are refused with the reason', () => {
    const items = [line({ quantity: 1, amount: 12_800 })];
    expect(remedyRefusal(items, [{ sku: 'SKU-CRAB', quantity: 1 }])).toBeUndefined();
    expect(remedyRefusal(items, [{ sku: 'SKU-CRAB', quantity: 2 }])).toBe('already remedied by earlier cases (SKU-CRAB: 2 claimed, 1 of 2 left after earlier remedies)');
  });

  test('a line whose whole amount was refunded (partially, across cases) has nothing left even with quantity left', () => {
    expect(remedyRefusal([line({ quantity: 1, amount: 25_600 })], [{ sku: 'SKU-CRAB', quantity: 1 }])).toMatch(/already remedied/);
  });

  test('the claim value is capped at what remains of each line', () => {
    expect(claimableValue([line()], [{ sku: 'SKU-CRAB', quantity: 1 }])).toBe(12_800);
    expect(claimableValue([line({ quantity: 1, amount: 20_000 })], [{ sku: 'SKU-CRAB', quantity: 1 }])).toBe(5_600);
    expect(claimableValue([line()], [{ sku: 'SKU-OTHER', quantity: 1 }])).toBe(0);
  });
});

describe('claimed lines the order does not hold', () => {
  const items = [
    { sku: 'SKU-TEA', title: 'Longjing tea', category: 'grocery' as const, unitPrice: 9_900, quantity: 1 },
    { sku: 'SKU-CUP', title: 'Cup', category: 'home' as const, unitPrice: 2_000, quantity: 4 },
  ];
  test('a SKU not on the order, and one claimed beyond its quantity, are told apart', () => {
    const unordered = unorderedClaims(items, [{ sku: 'SKU-TEA', quantity: 2 }, { sku: 'SKU-GONE', quantity: 1 }, { sku: 'SKU-CUP', quantity: 4 }]);
    expect(unordered).toEqual([{ sku: 'SKU-TEA', claimed: 2, ordered: 1 }, { sku: 'SKU-GONE', claimed: 1, ordered: 0 }]);
    expect(unorderedClaimsReason(unordered)).toBe('items not in the order: SKU-GONE; more than ordered: SKU-TEA (2 claimed, 1 ordered)');
    expect(unorderedClaimsReason(unordered.slice(0, 1))).toBe('more than ordered: SKU-TEA (2 claimed, 1 ordered)');
  });
  test('a claim the order holds has none', () => {
    expect(unorderedClaims(items, [{ sku: 'SKU-TEA', quantity: 1 }, { sku: 'SKU-CUP', quantity: 3 }])).toEqual([]);
    expect(unorderedClaimsReason([])).toBeUndefined();
  });
});

