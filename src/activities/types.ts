/**
 * The activity contract: every side effect a case workflow can ask for, one verb-noun function per
 * external call, each taking one input object. Workflows import only these types; the HTTP adapters
 * in the per-system folders implement them, and `createActivities(deps)` in ./index.ts wires them.
 *
 * Every call that moves money, stock or parcels carries an `idempotencyKey` built by
 * `idempotencyKey(caseId, step)` so a retried activity never refunds or reships twice.
 */
import type {
  Carrier,
  CaseType,
  ClaimedItem,
  EvidencePhoto,
  Fen,
  MemberTier,
  OrderSnapshot,
  Priority,
  Region,
} from '../domain/types';

/** `<caseId>:<step>`: the one way an idempotency key is made. Step names are stable forever. */
export function idempotencyKey(caseId: string, step: string): string {
  return `${caseId}:${step}`;
}

// ---- orders (OMS) --------------------------------------------------------------------------
export interface GetOrderInput { orderId: string }
/**
 * A step ops settled by hand, as the OMS records it against the order's lines: a refund (its lines
 * share `amount` by value) or a reshipment (each item worth what was paid for it). No free text: the
 * settlement's reference stays in the case.
 */
export type RecordSettledRemedyInput =
  | { caseId: string; orderId: string; kind: 'refund'; lines: ClaimedItem[]; amount: Fen; idempotencyKey: string }
  | { caseId: string; orderId: string; kind: 'reshipment'; lines: ClaimedItem[]; idempotencyKey: string };
/** `recorded: false` when a remedy was already recorded under the key (e.g. the system did the step too). */
export interface RemedyRecord { recorded: boolean }

// ---- agents (directory) --------------------------------------------------------------------
export interface FindSpecialistInput { caseId: string; region: Region; priority: Priority; dedicated: boolean }
export interface Assignee { agentId: string; team: string; role: 'specialist' | 'team_lead' | 'service_manager' | 'director' }
export interface FindEscalationContactInput { caseId: string; region: Region; role: Assignee['role'] }

// ---- notifications -------------------------------------------------------------------------
// The template names are shared with the sandbox: they live in src/domain/messages.ts.
export { CUSTOMER_MESSAGE_TEMPLATES, STAFF_MESSAGE_TEMPLATES, type CustomerMessageTemplate, type StaffMessageTemplate } from '../domain/messages';
import type { CustomerMessageTemplate, StaffMessageTemplate } from '../domain/messages';
export interface NotifyCustomerInput {
  caseId: string;
  customerRef: string;
  template: CustomerMessageTemplate;
  /** Template parameters: amounts, tracking numbers, expected times. Never personal data. */
  params: Record<string, string | number>;
  idempotencyKey: string;
}
export interface NotifyStaffInput {
  caseId: string;
  recipientId: string;
  template: StaffMessageTemplate;
  params: Record<string, string | number>;
  idempotencyKey: string;
}
export interface NotificationReceipt { messageId: string }

// ---- verification (photo scoring) ----------------------------------------------------------
export interface ScorePhotosInput { caseId: string; caseType: CaseType; photos: EvidencePhoto[] }
/** `score` in [0, 1]: how strongly the photos support the claim. */
export interface PhotoScore { score: number; reasons: string[] }

// ---- warehouse -----------------------------------------------------------------------------
export interface ReserveStockInput { caseId: string; region: Region; items: ClaimedItem[]; idempotencyKey: string }
export type StockReservation =
  | { reserved: true; reservationId: string; warehouseId: string }
  | { reserved: false; reason: 'out_of_stock' };
export interface ReleaseStockInput { caseId: string; reservationId: string; idempotencyKey: string }
export interface DispatchReshipmentInput {
  caseId: string;
  orderId: string;
  reservationId: string;
  carrier: Carrier;
  /** Courtesy gift SKU added to the parcel, if policy grants one. */
  giftSku?: string;
  /** The order lines this parcel remedies (quantities), recorded by the OMS against later claims. */
  items: ClaimedItem[];
  idempotencyKey: string;
}
export interface Shipment { shipmentId: string; carrier: Carrier; trackingNumber: string }
export interface QuarantineReturnInput { caseId: string; orderId: string; items: ClaimedItem[]; idempotencyKey: string }
export interface QuarantineReceipt { quarantineId: string }

// ---- carriers ------------------------------------------------------------------------------
export interface SchedulePickupInput { caseId: string; orderId: string; carrier: Carrier; items: ClaimedItem[]; idempotencyKey: string }
export interface Pickup { pickupId: string; carrier: Carrier; trackingNumber: string }

// ---- payments ------------------------------------------------------------------------------
export interface IssueRefundInput {
  caseId: string;
  orderId: string;
  amount: Fen;
  reason: string;
  /** The order lines this refund remedies (quantities), so the OMS can bound later claims. */
  lines: ClaimedItem[];
  idempotencyKey: string;
}
export interface Refund { refundId: string; amount: Fen; status: 'succeeded' }

// ---- look-ups of ambiguous outcomes --------------------------------------------------------
/** Which movement to look up: the one made under this idempotency key, when its answer was lost. */
export interface LookupMovementInput { caseId: string; idempotencyKey: string }
export type RefundLookup = { found: true; refund: Refund } | { found: false };
export type ShipmentLookup = { found: true; shipment: Shipment } | { found: false };
export type PickupLookup = { found: true; pickup: Pickup } | { found: false };
export interface CancelPickupInput { caseId: string; pickupId: string; idempotencyKey: string }

// ---- coupons -------------------------------------------------------------------------------
export interface GrantCouponInput { caseId: string; customerRef: string; memberTier: MemberTier; value: Fen; reason: string; idempotencyKey: string }
export interface Coupon { couponId: string; value: Fen }

/** Everything a case workflow may call. `createActivities(deps)` returns exactly this shape. */
export interface AfterSalesActivities {
  getOrder(input: GetOrderInput): Promise<OrderSnapshot>;
  /** OMS: record what a step settled by hand remedied, once per idempotency key. */
  recordSettledRemedy(input: RecordSettledRemedyInput): Promise<RemedyRecord>;
  findSpecialist(input: FindSpecialistInput): Promise<Assignee>;
  findEscalationContact(input: FindEscalationContactInput): Promise<Assignee>;
  notifyCustomer(input: NotifyCustomerInput): Promise<NotificationReceipt>;
  notifyStaff(input: NotifyStaffInput): Promise<NotificationReceipt>;
  scorePhotos(input: ScorePhotosInput): Promise<PhotoScore>;
  reserveStock(input: ReserveStockInput): Promise<StockReservation>;
  releaseStock(input: ReleaseStockInput): Promise<void>;
  dispatchReshipment(input: DispatchReshipmentInput): Promise<Shipment>;
  quarantineReturn(input: QuarantineReturnInput): Promise<QuarantineReceipt>;
  schedulePickup(input: SchedulePickupInput): Promise<Pickup>;
  issueRefund(input: IssueRefundInput): Promise<Refund>;
  grantCoupon(input: GrantCouponInput): Promise<Coupon>;
  /** Payments: the refund made under this idempotency key, if any. */
  lookupRefund(input: LookupMovementInput): Promise<RefundLookup>;
  /** Warehouse: the reshipment dispatched under this idempotency key, if any. */
  lookupDispatch(input: LookupMovementInput): Promise<ShipmentLookup>;
  /** Carriers: the pickup booked under this idempotency key, if any. */
  lookupPickup(input: LookupMovementInput): Promise<PickupLookup>;
  /** Carriers: cancel a booked door pickup (idempotent; cancelling a cancelled pickup succeeds). */
  cancelPickup(input: CancelPickupInput): Promise<void>;
}
