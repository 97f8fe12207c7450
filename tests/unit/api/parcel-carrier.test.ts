import { carrierOfParcel, mismatchDetail } from '../../../src/api/webhooks/parcel-carrier';

describe('carrierOfParcel', () => {
  test("the case's view names every parcel's carrier, a return pickup's included", () => {
    const shipments = [
      { carrier: 'JD', trackingNumber: 'JDRT-1' },
      { carrier: 'SF', trackingNumber: 'SF100000000008' },
    ];
    expect(carrierOfParcel('JDRT-1', { carrier: 'SF', trackingNumbers: ['JDRT-1', 'SF100000000008'], shipments })).toBe('JD');
    expect(carrierOfParcel('SF100000000008', { shipments })).toBe('SF');
  });

  test("search attributes alone: the Carrier of a case whose only parcel is this one (its reshipment)", () => {
    expect(carrierOfParcel('SF100000000008', { carrier: 'SF', trackingNumbers: ['SF100000000008'] })).toBe('SF');
  });

  test('search attributes that do not tell: no Carrier (a pickup only), or two parcels', () => {
    expect(carrierOfParcel('ZTORT-1', { trackingNumbers: ['ZTORT-1'] })).toBeUndefined();
    expect(carrierOfParcel('JDRT-1', { carrier: 'SF', trackingNumbers: ['JDRT-1', 'SF100000000008'] })).toBeUndefined();
    expect(carrierOfParcel('SF100000000008', { carrier: 'SF', trackingNumbers: ['JDRT-1', 'SF100000000008'] })).toBeUndefined();
    expect(carrierOfParcel('SF100000000008', {})).toBeUndefined();
  });

  test('a number the view does not list falls back to the search attributes', () => {
    expect(carrierOfParcel('SF100000000008', { carrier: 'SF', trackingNumbers: ['SF100000000008'], shipments: [] })).toBe('SF');
  });
});

test("the refusal's detail names the number and the sender, not the parcel's carrier", () => {
  const detail = mismatchDetail('SF100000000008', 'ZTO');
  expect(detail).toContain('SF100000000008');
  expect(detail).toContain('not ZTO');
  expect(detail).toMatch(/another carrier/);
});
