import { itemsDetailLine, itemsInDetails, itemsText, sameItems } from '../../../src/cases/claimed-items';

const A = { sku: 'SKU-A', quantity: 1 };
const B = { sku: 'SKU-B', quantity: 2 };

test('the details line reads back as the items it was written from', () => {
  const details = ['**damaged** after-sales case `AC-1`', '', '- order: `ORD-1`', itemsDetailLine([A, B]), '- evidence at opening: 0 photo(s)'].join('\n');
  expect(itemsDetailLine([A, B])).toBe('- items: `SKU-A` × 1, `SKU-B` × 2');
  expect(itemsInDetails(details)).toEqual([A, B]);
});

test.each([undefined, '', 'no items line here', '- items: none'])('details naming no items (%j) read as undefined, not as an empty claim', (details) => {
  expect(itemsInDetails(details)).toBeUndefined();
});

test.each([
  [[A, B], [B, A], true],
  [[A], [A], true],
  [[A], [B], false],
  [[A], [A, B], false],
  [[A, B], [A], false],
  [[A], [{ sku: 'SKU-A', quantity: 2 }], false],
])('sameItems(%j, %j) = %s (order does not matter, quantities do)', (a, b, same) => {
  expect(sameItems(a, b)).toBe(same);
  expect(sameItems(b, a)).toBe(same);
});

test('itemsText names SKUs and quantities only', () => {
  expect(itemsText([A, B])).toBe('SKU-A × 1, SKU-B × 2');
});
