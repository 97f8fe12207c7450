/**
 * The messages a case can send: template names the notification system renders. The workflow picks
 * them, the adapters send them, the sandbox checks them. Plain constants only (workflow-safe).
 */

/** Messages the customer can be sent; the notification system renders each template. */
export const CUSTOMER_MESSAGE_TEMPLATES = [
  'case_opened',
  'evidence_requested',
  'refund_accepted',
  'refund_paid',
  'reship_dispatched',
  'reship_delivered',
  'pickup_scheduled',
  'return_received',
  'case_rejected',
  'coupon_granted',
  'survey',
  'case_closed',
] as const;
export type CustomerMessageTemplate = (typeof CUSTOMER_MESSAGE_TEMPLATES)[number];

/** Messages staff can be sent. */
export const STAFF_MESSAGE_TEMPLATES = [
  'case_assigned',
  'sla_warning',
  'sla_breached',
  'case_escalated',
  'step_needs_attention',
  'review_requested',
  'refund_payment_failing',
  'follow_up_requested',
] as const;
export type StaffMessageTemplate = (typeof STAFF_MESSAGE_TEMPLATES)[number];
