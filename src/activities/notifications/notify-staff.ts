import type { SystemClient } from '../http';
import type { NotificationReceipt, NotifyStaffInput } from '../types';
import { receiptSchema } from './notify-customer';

/** Tells an agent, lead or manager about a case (assignment, SLA warning or breach, review). */
export function notifyStaff(notifications: SystemClient) {
  return ({ idempotencyKey, ...body }: NotifyStaffInput): Promise<NotificationReceipt> =>
    notifications({ method: 'POST', path: '/staff-messages', body, idempotencyKey }, receiptSchema);
}
