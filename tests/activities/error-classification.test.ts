import { createActivities, sandboxBaseUrls } from '../../src/activities';
import { startHarness, expectFailure, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, 400);
});
beforeEach(() => h.admin.reset());
afterAll(() => h.close());

const coupon = (key: string) => ({ caseId: 'CASE-E', customerRef: 'CUST-0002', memberTier: 'standard' as const, value: 1_000, reason: 'late', idempotencyKey: key });

describe('error classification over HTTP', () => {
  it.each([
    [400, 'CouponsRejected', true],
    [422, 'CouponsRejected', true],
    [403, 'CouponsRejected', true],
    [404, 'CouponsNotFound', true],
    [409, 'CouponsConflict', true],
    [408, 'CouponsUnavailable', false],
    [429, 'CouponsUnavailable', false],
    [500, 'CouponsUnavailable', false],
    [503, 'CouponsUnavailable', false],
  ])('an injected %i is %s (nonRetryable=%s)', async (status, type, nonRetryable) => {
    await h.admin.fault('coupons', { failNext: 1, status });
    await expectFailure(h.activities.grantCoupon(coupon(`K-${status}`)), type, nonRetryable);
    expect(await h.admin.ledger({ kind: 'coupon' })).toHaveLength(0);
  });

  it('a 429 carries Retry-After into the failure’s nextRetryDelay', async () => {
    await h.admin.fault('coupons', { failNext: 1, status: 429 });
    const failure = await expectFailure(h.activities.grantCoupon(coupon('K-429')), 'CouponsUnavailable', false);
    expect(failure.nextRetryDelay).toBe(1_000);
  });

  it('a hung call times out as a retryable CouponsTimeout', async () => {
    await h.admin.fault('coupons', { hangNext: 1 });
    const failure = await expectFailure(h.activities.grantCoupon(coupon('K-hang')), 'CouponsTimeout', false);
    expect(failure.message).toContain('within 400 ms');
    await expect(h.activities.grantCoupon(coupon('K-hang'))).resolves.toMatchObject({ value: 1_000 });
  });

  it('latency beyond the timeout is a retryable timeout too', async () => {
    await h.admin.fault('verification', { latencyMs: 800 });
    const photos = [{ url: 'https://img.example.com/damaged.jpg' }];
    await expectFailure(h.activities.scorePhotos({ caseId: 'CASE-E', caseType: 'damaged', photos }), 'VerificationTimeout', false);
  });

  it('timeoutRate 1 hangs every call', async () => {
    await h.admin.fault('agents', { timeoutRate: 1 });
    await expectFailure(h.activities.findSpecialist({ caseId: 'C', region: 'East', priority: 'P2', dedicated: false }), 'AgentsTimeout', false);
    const stats = await h.admin.call('GET', '/admin/stats');
    expect(stats.body.agents).toEqual({ calls: 1, faults: 0, timeouts: 1, lostAnswers: 0 });
  });

  it('errorRate 1 fails every call with the configured status', async () => {
    await h.admin.fault('orders', { errorRate: 1, status: 500 });
    for (let i = 0; i < 3; i++) await expectFailure(h.activities.getOrder({ orderId: 'ORD-RETURN-BJ' }), 'OrdersUnavailable', false);
    expect((await h.admin.call('GET', '/admin/stats')).body.orders).toMatchObject({ calls: 3, faults: 3 });
  });

  it('a system nobody answers at is a retryable Unreachable', async () => {
    const dead = createActivities({ baseUrls: sandboxBaseUrls('http://127.0.0.1:1'), timeoutMs: 400 });
    await expectFailure(dead.getOrder({ orderId: 'ORD-RETURN-BJ' }), 'OrdersUnreachable', false);
  });

  it('an answer outside the contract is a non-retryable BadResponse', async () => {
    const garbled: typeof fetch = async () => new Response(JSON.stringify({ couponId: 42 }), { status: 201 });
    const odd = createActivities({ ...h.deps, fetch: garbled });
    const failure = await expectFailure(odd.grantCoupon(coupon('K-bad')), 'CouponsBadResponse', true);
    expect(failure.message).toContain('couponId');
    const html: typeof fetch = async () => new Response('<html>gateway</html>', { status: 200 });
    await expectFailure(createActivities({ ...h.deps, fetch: html }).grantCoupon(coupon('K-html')), 'CouponsBadResponse', true);
  });

  it('validation errors from the system itself are Rejected and name no personal data', async () => {
    const failure = await expectFailure(h.activities.grantCoupon({ ...coupon('K-neg'), value: -5 }), 'CouponsRejected', true);
    expect(failure.message).toBe('coupons POST /coupons answered 400 invalid_request');
  });

  it('every base URL must be configured', () => {
    const { coupons: _omit, ...partial } = sandboxBaseUrls(h.sandbox.url);
    expect(() => createActivities({ baseUrls: partial as never })).toThrow('No base URL configured for the coupons system');
  });

  it('a malformed base URL is refused when the activities are built, not retried as an outage', () => {
    const urls = sandboxBaseUrls(h.sandbox.url);
    expect(() => createActivities({ baseUrls: { ...urls, payments: 'pay.example/api' } })).toThrow('The base URL of the payments system is not an absolute URL');
    expect(() => createActivities({ baseUrls: { ...urls, payments: 'ftp://user:secret@pay.example/api' } })).toThrow(/^The base URL of the payments system is not http\(s\) \(ftp:\)$/);
    expect(() => createActivities({ baseUrls: { ...urls, payments: 'https://pay.example/api/' } })).not.toThrow();
  });
});
