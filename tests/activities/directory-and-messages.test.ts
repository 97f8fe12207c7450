import { startHarness, expectFailure, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.admin.reset());
afterAll(() => h.close());

describe('findSpecialist and findEscalationContact', () => {
  it('gives a regional specialist, the same one for the same case', async () => {
    const input = { caseId: 'CASE-D1', region: 'East' as const, priority: 'P2' as const, dedicated: false };
    const a = await h.activities.findSpecialist(input);
    expect(a).toEqual({ agentId: expect.stringMatching(/^AG-EAST-0[1-3]$/), team: 'east-aftersales', role: 'specialist' });
    await expect(h.activities.findSpecialist(input)).resolves.toEqual(a);
  });

  it('a dedicated request goes to the region’s P1 desk', async () => {
    const a = await h.activities.findSpecialist({ caseId: 'CASE-D2', region: 'Northwest', priority: 'P1', dedicated: true });
    expect(a).toMatchObject({ agentId: expect.stringMatching(/^AG-NORTHWEST-P1-0[12]$/), team: 'northwest-p1-desk' });
  });

  it.each([
    ['team_lead', 'TL-SOUTH-01'],
    ['service_manager', 'SM-SOUTH-01'],
    ['director', 'DR-SOUTH-01'],
  ] as const)('the %s of a region is %s', async (role, agentId) => {
    await expect(h.activities.findEscalationContact({ caseId: 'CASE-D3', region: 'South', role })).resolves.toMatchObject({ agentId, role });
  });

  it('an unknown region is AgentsRejected', async () => {
    await expectFailure(h.activities.findSpecialist({ caseId: 'C', region: 'Atlantis' as never, priority: 'P2', dedicated: false }), 'AgentsRejected', true);
  });
});

describe('notifyCustomer and notifyStaff', () => {
  it('sends once per key and records the message in the ledger', async () => {
    const input = { caseId: 'CASE-N1', customerRef: 'CUST-0002', template: 'refund_accepted' as const, params: { amount: 45_800, expectedWithinHours: 2 }, idempotencyKey: 'CASE-N1:notify-refund-accepted' };
    const a = await h.activities.notifyCustomer(input);
    expect(a).toEqual({ messageId: expect.stringMatching(/^MSG-/) });
    await expect(h.activities.notifyCustomer(input)).resolves.toEqual(a);
    const entries = await h.admin.ledger({ kind: 'notification' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ request: { template: 'refund_accepted', params: { amount: 45_800 } }, result: { channel: 'sms' } });
  });

  it('an unknown customer is NotificationsNotFound', async () => {
    const input = { caseId: 'CASE-N2', customerRef: 'CUST-9999', template: 'case_opened' as const, params: {}, idempotencyKey: 'CASE-N2:notify-opened' };
    await expectFailure(h.activities.notifyCustomer(input), 'NotificationsNotFound', true);
  });

  it('notifies staff in their console', async () => {
    const input = { caseId: 'CASE-N3', recipientId: 'TL-EAST-01', template: 'sla_breached' as const, params: { priority: 'P1' }, idempotencyKey: 'CASE-N3:notify-breach-1' };
    await expect(h.activities.notifyStaff(input)).resolves.toEqual({ messageId: expect.stringMatching(/^MSG-/) });
    expect((await h.admin.ledger({ caseId: 'CASE-N3' }))[0]).toMatchObject({ kind: 'notification', result: { channel: 'console' } });
  });
});

describe('grantCoupon', () => {
  it('grants once per key', async () => {
    const input = { caseId: 'CASE-G1', customerRef: 'CUST-0001', memberTier: 'platinum' as const, value: 2_000, reason: 'sla_breach', idempotencyKey: 'CASE-G1:grant-coupon' };
    const a = await h.activities.grantCoupon(input);
    expect(a).toEqual({ couponId: expect.stringMatching(/^CPN-/), value: 2_000 });
    await expect(h.activities.grantCoupon(input)).resolves.toEqual(a);
    expect(await h.admin.ledger({ kind: 'coupon' })).toHaveLength(1);
  });

  it('a coupon above the cap is CouponsRejected', async () => {
    const input = { caseId: 'CASE-G2', customerRef: 'CUST-0001', memberTier: 'platinum' as const, value: 60_000, reason: 'x', idempotencyKey: 'CASE-G2:grant-coupon' };
    await expectFailure(h.activities.grantCoupon(input), 'CouponsRejected', true);
  });
});

describe('scorePhotos', () => {
  const score = (...urls: string[]) =>
    h.activities.scorePhotos({ caseId: 'CASE-V1', caseType: 'damaged', photos: urls.map((url) => ({ url, kind: 'item' as const })) });

  it('the score follows the photo', async () => {
    await expect(score('https://oss.example.com/case/1.jpg?score=0.83')).resolves.toEqual({ score: 0.83, reasons: ['explicit_score'] });
    await expect(score('https://oss.example.com/case/blurry.jpg')).resolves.toMatchObject({ score: 0.4 });
    await expect(score('https://oss.example.com/case/spoiled-crab.jpg')).resolves.toMatchObject({ score: 0.9 });
    await expect(score('https://oss.example.com/case/damaged.jpg', 'https://oss.example.com/stock-photo.jpg')).resolves.toMatchObject({ score: 0.1 });
  });

  it('no photos, or a data URI, is VerificationRejected', async () => {
    await expectFailure(score(), 'VerificationRejected', true);
    await expectFailure(score('data:image/png;base64,AAAA'), 'VerificationRejected', true);
  });
});
