/**
 * The activities: HTTP adapters to the external systems, one folder per system, wired here.
 * `createActivities(deps)` is what the worker registers; each system gets its own base URL.
 */
import { getOrder } from './orders/get-order';
import { recordSettledRemedy } from './orders/record-settled-remedy';
import { issueRefund } from './payments/issue-refund';
import { reserveStock } from './warehouse/reserve-stock';
import { releaseStock } from './warehouse/release-stock';
import { dispatchReshipment } from './warehouse/dispatch-reshipment';
import { quarantineReturn } from './warehouse/quarantine-return';
import { schedulePickup } from './carriers/schedule-pickup';
import { lookupPickup } from './carriers/lookup-pickup';
import { cancelPickup } from './carriers/cancel-pickup';
import { lookupRefund } from './payments/lookup-refund';
import { lookupDispatch } from './warehouse/lookup-dispatch';
import { scorePhotos } from './verification/score-photos';
import { findSpecialist } from './agents/find-specialist';
import { findEscalationContact } from './agents/find-escalation-contact';
import { notifyCustomer } from './notifications/notify-customer';
import { notifyStaff } from './notifications/notify-staff';
import { grantCoupon } from './coupons/grant-coupon';
import { systemClient, type ActivityDeps } from './http';
import type { AfterSalesActivities } from './types';

export type { ActivityDeps } from './http';
export { DEFAULT_TIMEOUT_MS } from './http';
export * from './failures';
export * from './systems';

/** Every activity a case workflow may call, each talking to its system at `deps.baseUrls[system]`. */
export function createActivities(deps: ActivityDeps): AfterSalesActivities {
  const orders = systemClient('orders', deps);
  const payments = systemClient('payments', deps);
  const warehouse = systemClient('warehouse', deps);
  const carriers = systemClient('carriers', deps);
  const verification = systemClient('verification', deps);
  const agents = systemClient('agents', deps);
  const notifications = systemClient('notifications', deps);
  const coupons = systemClient('coupons', deps);
  return {
    getOrder: getOrder(orders),
    recordSettledRemedy: recordSettledRemedy(orders),
    findSpecialist: findSpecialist(agents),
    findEscalationContact: findEscalationContact(agents),
    notifyCustomer: notifyCustomer(notifications),
    notifyStaff: notifyStaff(notifications),
    scorePhotos: scorePhotos(verification),
    reserveStock: reserveStock(warehouse),
    releaseStock: releaseStock(warehouse),
    dispatchReshipment: dispatchReshipment(warehouse),
    quarantineReturn: quarantineReturn(warehouse),
    schedulePickup: schedulePickup(carriers),
    issueRefund: issueRefund(payments),
    grantCoupon: grantCoupon(coupons),
    lookupRefund: lookupRefund(payments),
    lookupDispatch: lookupDispatch(warehouse),
    lookupPickup: lookupPickup(carriers),
    cancelPickup: cancelPickup(carriers),
  };
}
