/**
 * The zod schemas of the case endpoints: the single source of the request types (z.infer), of the
 * validation at the edge, and of the OpenAPI document. Response schemas are checked at compile
 * time against the workflow contract (CaseView), so the reference cannot drift from it.
 */
import { z } from 'zod';
import {
  CARRIERS,
  CASE_TYPES,
  CHANNELS,
  MEMBER_TIERS,
  PRIORITIES,
  REGIONS,
  RESOLUTIONS,
  URGENCIES,
} from '../../domain/types';
import { CASE_STATUSES, type CaseView, type OpenCaseInput } from '../../workflows/case/contract';
import { apiSchemas } from '../openapi-registry';

// ---- building blocks ------------------------------------------------------------------------------

const token = (what: string, max = 64) =>
  z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9][A-Za-z0-9_.:-]{0,${max - 1}}$`), `${what} is 1–${max} letters, digits, '_', '.', ':' or '-', starting with a letter or digit`);

/** A case id as the API hands it out (`AC-<16 hex>-<generation>`), or any id of the same alphabet. */
export const CaseIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "a case id is 1–100 letters, digits, '_', '.' or '-'")
  .meta({ description: 'Case id, as returned when the case was opened.', examples: ['AC-3F9A0C1B2D4E5F60-1'] });
export const OrderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "an order id is 1–64 letters, digits, '_' or '-'")
  .meta({ description: 'Order id in the order management system.', examples: ['ORD-10001'] });
const SkuSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "a SKU is 1–64 letters, digits, '_', '.' or '-'");
const AgentIdSchema = token('an agent id').meta({ description: 'Id of the agent in the agent directory.', examples: ['AG-EAST-01'] });
const isoInstant = z.iso.datetime({ offset: true });
const reason = (max = 500) => z.string().trim().min(1).max(max);

export const ClaimedItemSchema = apiSchemas.register(
  'ClaimedItem',
  z.strictObject({
    sku: SkuSchema,
    quantity: z.int().min(1).max(999),
  }),
);

export const EvidencePhotoSchema = apiSchemas.register(
  'EvidencePhoto',
  z.strictObject({
    url: z.url({ protocol: /^https?$/, error: 'a photo is an http(s) URL (object storage), never a data URI' }).max(2048),
    kind: z.enum(['parcel', 'item', 'label', 'other']).optional(),
  }),
);

// ---- opening a case -------------------------------------------------------------------------------

export const OpenCaseRequestSchema = apiSchemas.register(
  'OpenCaseRequest',
  z
    .strictObject({
      orderId: OrderIdSchema,
      channel: z.enum(CHANNELS),
      caseType: z.enum(CASE_TYPES),
      items: z
        .array(ClaimedItemSchema)
        .min(1)
        .max(50)
        .refine((items) => new Set(items.map((i) => i.sku)).size === items.length, 'each SKU appears once'),
      description: z.string().trim().min(1).max(2000).optional(),
      evidence: z.array(EvidencePhotoSchema).max(20).default([]),
      preferredResolution: z.enum(['reship', 'refund', 'replace']).optional(),
      urgency: z.enum(URGENCIES).default('normal'),
      parcelStuck: z.boolean().optional(),
    })
    .meta({
      description: 'What the customer reports. One open case per order and case type: opening it again returns the open case.',
      examples: [
        {
          orderId: 'ORD-10001',
          channel: 'app',
          caseType: 'damaged',
          items: [{ sku: 'SKU-MUG', quantity: 1 }],
          description: 'The mug arrived broken.',
          evidence: [{ url: 'https://photos.example.com/p/123.jpg', kind: 'item' }],
          preferredResolution: 'reship',
        },
      ],
    }),
);
export type OpenCaseRequest = z.output<typeof OpenCaseRequestSchema>;
// The request is the workflow input minus what the API decides (id, policy version, opening time).
const _openCaseFits: Omit<OpenCaseInput, 'caseId' | 'policyVersion' | 'openedAt'> = {} as OpenCaseRequest;
void _openCaseFits;

const CaseLinksSchema = apiSchemas.register(
  'CaseLinks',
  z.object({
    self: z.string().meta({ description: 'The case (GET).' }),
    actions: z.record(z.string(), z.string()).meta({ description: 'Action name → URL (POST).' }),
  }),
);

// ---- the case view (the workflow contract, documented) ---------------------------------------------

const TimelineEntrySchema = z.object({ at: z.string(), event: z.string(), detail: z.string().optional() });
const EscalationStepSchema = z.object({
  level: z.number(),
  role: z.string(),
  contactId: z.string(),
  at: z.string(),
  reason: z.enum(['sla_breach', 'manual', 'follow_up_overdue', 'refund_payment_failing']),
});
const ShipmentSchema = z.object({
  kind: z.enum(['reshipment', 'return_pickup']),
  carrier: z.enum(CARRIERS),
  trackingNumber: z.string(),
  status: z.enum(['created', 'picked_up', 'in_transit', 'delivered', 'exception', 'lost', 'overdue']),
  dueAt: z.string(),
});
const fen = z.number().meta({ description: 'Money in fen (0.01 CNY).' });

export const CaseViewSchema = apiSchemas.register(
  'CaseView',
  z
    .object({
      caseId: z.string(),
      orderId: z.string(),
      caseType: z.enum(CASE_TYPES),
      channel: z.enum(CHANNELS),
      status: z.enum(CASE_STATUSES),
      policyVersion: z.string(),
      openedAt: z.string(),
      closedAt: z.string().optional(),
      memberTier: z.enum(MEMBER_TIERS).optional(),
      region: z.enum(REGIONS).optional(),
      remote: z.boolean().optional(),
      priority: z.enum(PRIORITIES).optional(),
      claimValue: fen.optional(),
      assignee: z.string().optional(),
      acknowledgedAt: z.string().optional(),
      resolvedAt: z.string().optional(),
      closeReason: z.string().optional(),
      deadlines: z.object({ responseDueAt: z.string().optional(), resolutionDueAt: z.string().optional(), currentWaitDueAt: z.string().optional() }),
      sla: z.object({ responseBreached: z.boolean(), resolutionBreached: z.boolean(), resolutionPausedSince: z.string().optional() }),
      escalationLevel: z.number(),
      escalations: z.array(EscalationStepSchema),
      verification: z.object({
        evidence: z.array(EvidencePhotoSchema),
        photoScore: z.number().optional(),
        outcome: z.enum(['auto_approved', 'approved', 'rejected', 'human_review', 'not_required']).optional(),
        reviewedBy: z.string().optional(),
      }),
      decision: z.object({ resolution: z.enum(RESOLUTIONS), reasons: z.array(z.string()), decidedAt: z.string() }).optional(),
      shipments: z.array(ShipmentSchema),
      refund: z
        .object({
          amount: fen,
          status: z.enum(['granted', 'paid', 'failing']),
          attempts: z.number(),
          refundId: z.string().optional(),
          lastError: z.string().optional(),
        })
        .optional(),
      coupons: z.array(z.object({ couponId: z.string(), value: fen, reason: z.string() })),
      feedback: z.object({ rating: z.number(), comment: z.string().optional() }).optional(),
      notes: z.array(z.object({ at: z.string(), author: z.string(), text: z.string() })),
      timeline: z.array(TimelineEntrySchema),
    })
    .meta({ description: 'The live view of a case (the `caseView` query of its workflow); every action returns it.' }),
);
// Compile-time proof that the documented view is exactly the contract's CaseView.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _viewIsContract: Same<z.output<typeof CaseViewSchema>, CaseView> = true;
void _viewIsContract;

export const CaseOpenedSchema = apiSchemas.register(
  'CaseOpened',
  z.object({ caseId: z.string(), links: CaseLinksSchema }).meta({ description: 'A new case was opened (201, with Location).' }),
);
export const ExistingCaseSchema = apiSchemas.register(
  'ExistingCase',
  z
    .object({
      caseId: z.string(),
      links: CaseLinksSchema,
      case: CaseViewSchema.optional().meta({ description: 'The case as it stands; absent if it did not answer in time.' }),
    })
    .meta({ description: 'The request repeated an earlier one (same Idempotency-Key) or the order already has an open case of this type (200).' }),
);

// ---- reading and listing --------------------------------------------------------------------------

export const CaseParamsSchema = z.strictObject({ id: CaseIdSchema });

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ListCasesQuerySchema = z.strictObject({
  status: z.enum(CASE_STATUSES).optional().meta({ description: 'Where the case stands (CaseStatus).' }),
  type: z.enum(CASE_TYPES).optional().meta({ description: 'Case type (CaseType).' }),
  priority: z.enum(PRIORITIES).optional(),
  region: z.enum(REGIONS).optional(),
  carrier: z.enum(CARRIERS).optional().meta({ description: 'Carrier of the reshipment.' }),
  resolution: z.enum(RESOLUTIONS).optional().meta({ description: 'The decided resolution.' }),
  orderId: OrderIdSchema.optional(),
  assignee: AgentIdSchema.optional().meta({ description: 'Agent the case is assigned to.' }),
  breached: booleanFlag.optional().meta({ description: 'true: a response or resolution SLA was breached.' }),
  openedFrom: isoInstant.optional().meta({ description: 'Opened at or after this instant (ISO 8601).' }),
  openedTo: isoInstant.optional().meta({ description: 'Opened before this instant (ISO 8601).' }),
  pageSize: z
    .string()
    .regex(/^\d{1,3}$/, 'pageSize is a whole number from 1 to 100')
    .transform(Number)
    .pipe(z.int().min(1).max(100))
    .optional()
    .meta({ description: 'Items per page, 1–100 (default 20).' }),
  nextPageToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,4096}$/, 'nextPageToken is the opaque token of a previous page')
    .optional()
    .meta({ description: 'From the previous page, to get the next one.' }),
});
export type ListCasesQuery = z.output<typeof ListCasesQuerySchema>;

export const CaseSummarySchema = apiSchemas.register(
  'CaseSummary',
  z
    .object({
      caseId: z.string(),
      orderId: z.string().optional(),
      caseType: z.string().optional(),
      status: z.string().optional().meta({ description: 'CaseStatus search attribute.' }),
      priority: z.string().optional(),
      region: z.string().optional(),
      assignee: z.string().optional(),
      carrier: z.string().optional(),
      resolution: z.string().optional(),
      trackingNumbers: z.array(z.string()).optional(),
      escalationLevel: z.number().optional(),
      slaBreached: z.boolean().optional(),
      responseDueAt: z.string().optional(),
      openedAt: z.string(),
      closedAt: z.string().optional(),
      execution: z.string().meta({ description: 'Workflow execution status: RUNNING, COMPLETED, FAILED, TERMINATED, …' }),
      finishing: z.literal(true).optional().meta({ description: 'status is closed but the workflow still runs its last steps (or waits for a worker).' }),
      links: z.object({ self: z.string() }),
    })
    .meta({ description: 'A case as Temporal visibility knows it (search attributes); read the case for the full view.' }),
);
export type CaseSummary = z.output<typeof CaseSummarySchema>;
export const CaseListSchema = apiSchemas.register(
  'CaseList',
  z.object({ items: z.array(CaseSummarySchema), nextPageToken: z.string().optional().meta({ description: 'Absent on the last page.' }) }),
);

// ---- actions --------------------------------------------------------------------------------------

export const AcknowledgeRequestSchema = apiSchemas.register('AcknowledgeRequest', z.strictObject({ agentId: AgentIdSchema }));
export const EvidenceRequestSchema = apiSchemas.register('EvidenceRequest', z.strictObject({ photos: z.array(EvidencePhotoSchema).min(1).max(20) }));
export const ReviewRequestSchema = apiSchemas.register(
  'ReviewRequest',
  z.strictObject({
    agentId: AgentIdSchema,
    decision: z.enum(['approve', 'reject']),
    partialRefundAmount: z.int().min(1).max(100_000_000).optional().meta({ description: 'Approve a partial refund of this many fen.' }),
    reason: reason().optional(),
  }),
);
export const ResolutionRequestSchema = apiSchemas.register(
  'ResolutionRequest',
  z.strictObject({
    resolution: z.enum(['reship', 'refund', 'replace']),
    by: token('by').optional().meta({ description: "Who chose it; default 'customer' for the service role, 'agent' for agents." }),
  }),
);
export const NoteRequestSchema = apiSchemas.register(
  'NoteRequest',
  z.strictObject({
    author: AgentIdSchema,
    text: reason(4000),
    callbackDone: z.boolean().optional().meta({ description: 'The note records the follow-up callback a low rating asked for.' }),
  }),
);
export const EscalateRequestSchema = apiSchemas.register('EscalateRequest', z.strictObject({ by: token('by'), reason: reason() }));
export const WithdrawRequestSchema = apiSchemas.register('WithdrawRequest', z.strictObject({ reason: reason().optional() }));
export const FeedbackRequestSchema = apiSchemas.register(
  'FeedbackRequest',
  z.strictObject({ rating: z.int().min(1).max(5), comment: z.string().trim().min(1).max(2000).optional() }),
);
export const DisputeRequestSchema = apiSchemas.register('DisputeRequest', z.strictObject({ by: z.enum(['customer', 'merchant']), reason: reason() }));
export const ArbitrationRulingRequestSchema = apiSchemas.register(
  'ArbitrationRulingRequest',
  z.strictObject({ ruling: z.enum(['customer', 'merchant']), reference: token('reference', 100) }),
);
export const ReturnReceivedRequestSchema = apiSchemas.register('ReturnReceivedRequest', z.strictObject({ by: token('by') }));

// ---- headers --------------------------------------------------------------------------------------

export const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'an Idempotency-Key is 1–255 visible ASCII characters')
  .optional();
