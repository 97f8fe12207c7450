/** Activity summaries for the Temporal UI: what they say, and that they carry no personal data. */
import { activitySummary, SUMMARISED_ACTIVITIES, yuan } from '../../../src/workflows/case/summaries';

const caseId = 'AC-ED97AAE27F92ACA2-1';
const items = [{ sku: 'SKU-KETTLE', quantity: 2 }, { sku: 'SKU-MUG', quantity: 1 }];

test('money reads in yuan with two decimals', () => {
  expect(yuan(5900)).toBe('¥59.00');
  expect(yuan(5)).toBe('¥0.05');
  expect(yuan(123456)).toBe('¥1234.56');
});

test('the calls ops look for say what moves, how much and where', () => {
  expect(activitySummary('issueRefund', { caseId, orderId: 'ORD-1', amount: 5900, reason: 'Lid cracked, customer upset', lines: items, idempotencyKey: 'k' }))
    .toBe(`refund ¥59.00 for ${caseId}`);
  expect(activitySummary('dispatchReshipment', { caseId, orderId: 'ORD-1', reservationId: 'R-1', carrier: 'EMS', items, idempotencyKey: 'k' }, { region: 'Northwest' }))
    .toBe(`EMS waybill for reshipment to Northwest (${caseId})`);
  expect(activitySummary('dispatchReshipment', { caseId, orderId: 'ORD-1', reservationId: 'R-1', carrier: 'SF', giftSku: 'SKU-GIFT', items, idempotencyKey: 'k' }))
    .toBe(`SF waybill for reshipment with a gift (${caseId})`);
  const photos = [{ url: 'https://img.example/a.jpg', kind: 'item' as const }, { url: 'https://img.example/b.jpg', kind: 'parcel' as const }];
  expect(activitySummary('scorePhotos', { caseId, caseType: 'damaged', photos })).toBe('score 2 photos');
  expect(activitySummary('scorePhotos', { caseId, caseType: 'damaged', photos: photos.slice(1) })).toBe('score 1 photo');
  expect(activitySummary('reserveStock', { caseId, region: 'East', items, idempotencyKey: 'k' })).toBe(`reserve 3 items in East for reshipment (${caseId})`);
  expect(activitySummary('grantCoupon', { caseId, customerRef: 'CUST-9', memberTier: 'gold', value: 1000, reason: 'sorry', idempotencyKey: 'k' }))
    .toBe(`coupon ¥10.00 for ${caseId}`);
  expect(activitySummary('findEscalationContact', { caseId, region: 'South', role: 'team_lead' })).toBe(`find the team lead for South (${caseId})`);
});

test('every activity type has a one-line summary without the personal data in its input', () => {
  const personal = { customerRef: 'CUST-SECRET-42', url: 'https://img.example/SECRET.jpg', reason: 'SECRET free text', params: { name: 'SECRET Wang', phone: '13800000000' } };
  const inputs: Record<string, object> = {
    getOrder: { orderId: 'ORD-1' },
    recordSettledRemedy: { caseId, orderId: 'ORD-1', kind: 'refund', lines: items, amount: 100, idempotencyKey: 'k' },
    findSpecialist: { caseId, region: 'East', priority: 'P1', dedicated: true },
    findEscalationContact: { caseId, region: 'East', role: 'director' },
    notifyCustomer: { caseId, customerRef: personal.customerRef, template: 'case_opened', params: personal.params, idempotencyKey: 'k' },
    notifyStaff: { caseId, recipientId: 'AG-1', template: 'case_assigned', params: personal.params, idempotencyKey: 'k' },
    scorePhotos: { caseId, caseType: 'damaged', photos: [{ url: personal.url, kind: 'item' }] },
    reserveStock: { caseId, region: 'East', items, idempotencyKey: 'k' },
    releaseStock: { caseId, reservationId: 'R-1', idempotencyKey: 'k' },
    dispatchReshipment: { caseId, orderId: 'ORD-1', reservationId: 'R-1', carrier: 'JD', items, idempotencyKey: 'k' },
    quarantineReturn: { caseId, orderId: 'ORD-1', items, idempotencyKey: 'k' },
    schedulePickup: { caseId, orderId: 'ORD-1', carrier: 'ZTO', items, idempotencyKey: 'k' },
    issueRefund: { caseId, orderId: 'ORD-1', amount: 100, reason: personal.reason, lines: items, idempotencyKey: 'k' },
    grantCoupon: { caseId, customerRef: personal.customerRef, memberTier: 'gold', value: 500, reason: personal.reason, idempotencyKey: 'k' },
    lookupRefund: { caseId, idempotencyKey: 'k' },
    lookupDispatch: { caseId, idempotencyKey: 'k' },
    lookupPickup: { caseId, idempotencyKey: 'k' },
    cancelPickup: { caseId, pickupId: 'P-1', idempotencyKey: 'k' },
  };
  expect([...SUMMARISED_ACTIVITIES].sort()).toEqual(Object.keys(inputs).sort());
  for (const type of SUMMARISED_ACTIVITIES) {
    const summary = activitySummary(type, inputs[type] as never);
    expect(summary).toMatch(/^[^\n]{5,120}$/);
    expect(summary).not.toMatch(/SECRET|13800000000|CUST-/);
  }
});
