import { Ledger, fingerprint, stableStringify } from '../../../src/sandbox/ledger';

const entry = (key: string, request: unknown) => ({
  key, kind: 'refund' as const, caseId: 'C1', request, result: { refundId: 'RF-1' }, status: 201, fingerprint: fingerprint('refund', request),
});

describe('ledger dedupe', () => {
  it('a new key is new; the same key and body is a replay; another body is a conflict', () => {
    const ledger = new Ledger();
    const body = { orderId: 'O1', amount: 100 };
    expect(ledger.lookup('C1:refund', fingerprint('refund', body))).toEqual({ outcome: 'new' });
    ledger.record(entry('C1:refund', body));
    expect(ledger.lookup('C1:refund', fingerprint('refund', { amount: 100, orderId: 'O1' }))).toMatchObject({ outcome: 'replay', entry: { result: { refundId: 'RF-1' } } });
    expect(ledger.lookup('C1:refund', fingerprint('refund', { ...body, amount: 200 }))).toMatchObject({ outcome: 'conflict' });
    expect(ledger.lookup('C1:refund', fingerprint('coupon', body))).toMatchObject({ outcome: 'conflict' });
    expect(ledger.list()).toHaveLength(1);
  });

  it('filters by kind, case and key, and clears', () => {
    const ledger = new Ledger();
    ledger.record(entry('C1:refund', { a: 1 }));
    ledger.record({ ...entry('C2:coupon', { a: 2 }), kind: 'coupon', caseId: 'C2' });
    expect(ledger.list({ kind: 'coupon' }).map((e) => e.key)).toEqual(['C2:coupon']);
    expect(ledger.list({ caseId: 'C1' }).map((e) => e.key)).toEqual(['C1:refund']);
    expect(ledger.list({ key: 'C2:coupon' })).toHaveLength(1);
    ledger.clear();
    expect(ledger.list()).toEqual([]);
  });

  it('stableStringify ignores key order and undefined fields', () => {
    expect(stableStringify({ b: [1, { d: 1, c: 2 }], a: 'x', u: undefined })).toBe('{"a":"x","b":[1,{"c":2,"d":1}]}');
  });
});
