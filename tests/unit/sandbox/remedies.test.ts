import { recordRemedy, refundLines, remediedByLine, reshipmentLines } from '../../../src/sandbox/remedies';
import { createState, type SandboxOrder } from '../../../src/sandbox/state';

const order = {
  orderId: 'ORD-T',
  items: [
    { sku: 'A', title: 'a', category: 'home', unitPrice: 1_000, quantity: 3 },
    { sku: 'B', title: 'b', category: 'home', unitPrice: 333, quantity: 1 },
  ],
} as SandboxOrder;

describe('refundLines', () => {
  it('splits by line value, floors each share and gives the remainder to the last line', () => {
    // values 2 000 and 333 (total 2 333): 1 000 × 2 000 / 2 333 = 857.27… → 857, the rest 143.
    expect(refundLines(order, [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }], 1_000)).toEqual([
      { sku: 'A', quantity: 2, amount: 857 },
      { sku: 'B', quantity: 1, amount: 143 },
    ]);
  });

  it.each([1, 7, 2_333, 9_999])('the shares of %i fen always add up to it', (amount) => {
    const lines = refundLines(order, [{ sku: 'B', quantity: 1 }, { sku: 'A', quantity: 3 }], amount);
    expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(amount);
    expect(lines.every((l) => l.amount >= 0)).toBe(true);
  });

  it('no lines, no shares', () => {
    expect(refundLines(order, [], 500)).toEqual([]);
  });
});

describe('the remedy record', () => {
  it('values a reshipment at the unit price paid', () => {
    expect(reshipmentLines(order, [{ sku: 'A', quantity: 2 }])).toEqual([{ sku: 'A', quantity: 2, amount: 2_000 }]);
  });

  it('counts one remedy per key, sums per line across keys, and ignores other orders', () => {
    const state = createState({});
    const remedy = { key: 'C1:refund', kind: 'refund' as const, orderId: 'ORD-T', caseId: 'C1', lines: [{ sku: 'A', quantity: 1, amount: 900 }] };
    recordRemedy(state, remedy);
    recordRemedy(state, remedy);
    recordRemedy(state, { ...remedy, key: 'C2:dispatch', kind: 'reshipment', caseId: 'C2', lines: [{ sku: 'A', quantity: 1, amount: 1_000 }, { sku: 'B', quantity: 1, amount: 333 }] });
    recordRemedy(state, { ...remedy, key: 'C3:refund', orderId: 'ORD-OTHER' });
    expect(remediedByLine(state, 'ORD-T')).toEqual({ A: { quantity: 2, amount: 1_900 }, B: { quantity: 1, amount: 333 } });
    expect(JSON.parse(JSON.stringify(state.remedies))).toEqual(state.remedies); // plain JSON: persists as is
  });
});
