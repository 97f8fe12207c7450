import { carrierOfParcel, judgeHolders, mismatchDetail } from '../../../src/api/webhooks/parcel-carrier';

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

test('judging the holders: a genuine event is never turned away by a closed case or a case sharing the number', () => {
  const sf = { caseId: 'AC-SF', running: true, carrier: 'SF' };
  // The parcel is another carrier's and no open case may take it: refused.
  expect(judgeHolders([sf], 'ZTO')).toEqual({ take: [], refuse: { caseId: 'AC-SF', carrier: 'SF' } });
  expect(judgeHolders([sf], 'SF')).toEqual({ take: ['AC-SF'] });
  // A closed case of another carrier with the same (all-digit) number refuses nothing and takes nothing.
  expect(judgeHolders([{ caseId: 'AC-OLD', running: false, carrier: 'EMS' }, { caseId: 'AC-NEW', running: true, carrier: 'ZTO' }], 'ZTO')).toEqual({ take: ['AC-NEW'] });
  expect(judgeHolders([{ caseId: 'AC-OLD', running: false, carrier: 'EMS' }], 'ZTO')).toEqual({ take: [] });
  // Two open cases share the number: the one of the posting carrier takes it, the other is left out.
  expect(judgeHolders([sf, { caseId: 'AC-ZTO', running: true, carrier: 'ZTO' }], 'ZTO')).toEqual({ take: ['AC-ZTO'] });
  // A parcel whose carrier is not known (no worker answered for a pickup) takes it, unchecked.
  expect(judgeHolders([{ caseId: 'AC-PICKUP', running: true }], 'ZTO')).toEqual({ take: ['AC-PICKUP'] });
});

