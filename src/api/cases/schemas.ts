/**
 * What the case endpoints accept: the building blocks of ids and photos, the body that opens a
 * case, the path and the list's query, the Idempotency-Key header. The single source of the
 * request types (z.infer), of the validation at the edge and of the OpenAPI document. Each
 * action's body sits beside its action (actions.ts); the answers are in responses.ts.
 */
import { z } from 'zod';
import { CARRIERS, CASE_TYPES, CHANNELS, PRIORITIES, REGIONS, RESOLUTIONS, URGENCIES } from '../../domain/types';
import type { CaseReport } from '../../cases/opening';
import { CASE_STATUSES } from '../../workflows/case/contract';
import { SAVED_VIEW_NAMES } from '../../temporal/saved-views';


export const token = (what: string, max = 64) =>
  z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9][A-Za-z0-9_.:-]{0,${max - 1}}$`), `${what} is 1–${max} letters, digits, '_', '.', ':' or '-', starting with a letter or digit`);
export const reason = (max = 500) => z.string().trim().min(1).max(max);

/** A case id as the API hands it out (`AC-<16 hex>-<generation>`), or any id of the same alphabet. */
export const CaseIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "a case id is 1–100 letters, digits, '_', '.' or '-'")
  .meta({ description: 'Case id, as returned when the case was opened.', examples: ['AC-3F9A0C1B2D4E5F60-1'] });
export const OrderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "an order id is 1–64 letters, digits, '_' or '-'")
  .meta({ description: 'Order id in the order management system.', examples: ['ORD-10001'] });
export const AgentIdSchema = token('an agent id').meta({ description: 'Id of the agent in the agent directory.', examples: ['AG-EAST-01'] });
const SkuSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "a SKU is 1–64 letters, digits, '_', '.' or '-'");
const isoInstant = z.iso.datetime({ offset: true });

export const ClaimedItemSchema = z.strictObject({ sku: SkuSchema, quantity: z.int().min(1).max(999) }).meta({ id: 'ClaimedItem' });

export const EvidencePhotoSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/, error: 'a photo is an http(s) URL (object storage), never a data URI' }).max(2048),
    kind: z.enum(['parcel', 'item', 'label', 'other']).optional(),
  })
  .meta({ id: 'EvidencePhoto' });


export const OpenCaseRequestSchema = z
  .strictObject({
    orderId: OrderIdSchema,
    channel: z.enum(CHANNELS),
    caseType: z.enum(CASE_TYPES),
    items: z
      .array(ClaimedItemSchema)
      .min(1)
      .max(50)
      .refine((items) => new Set(items.map((i) => i.sku)).size === items.length, 'each SKU appears once')
      .meta({ description: 'The claimed order lines; each SKU appears once (more units of one SKU go in its quantity).' }),
    description: z.string().trim().min(1).max(2000).optional(),
    evidence: z.array(EvidencePhotoSchema).max(20).default([]),
    preferredResolution: z.enum(['reship', 'refund', 'replace']).optional(),
    urgency: z.enum(URGENCIES).default('normal'),
    parcelStuck: z.boolean().optional(),
  })
  .meta({
    id: 'OpenCaseRequest',
    description: 'What the customer reports. One open case per order and case type: opening it again for the same items returns the open case; for other items it is a 409.',
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
  });
export type OpenCaseRequest = z.output<typeof OpenCaseRequestSchema>;
// The request is what the customer reports: the workflow input minus what opening decides.
const _openCaseFits: CaseReport = {} as OpenCaseRequest;
void _openCaseFits;


export const CaseParamsSchema = z.strictObject({ id: CaseIdSchema });

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ListCasesQuerySchema = z.strictObject({
  view: z.enum(SAVED_VIEW_NAMES).optional().meta({ description: 'A saved view of the floor (README, "Saved views"); other filters narrow it.' }),
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
    .regex(/^(100|[1-9]\d?)$/, 'pageSize is a whole number from 1 to 100')
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


export const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'an Idempotency-Key is 1–255 visible ASCII characters')
  .optional();

/**
 * The `Prefer` request header (RFC 7240): preferences separated by commas, each `token[=value]`
 * with optional `;` parameters. Only `return=minimal` means anything here; the others are ignored,
 * as the RFC asks of a server that does not support them.
 */
export const PreferHeaderSchema = z.string().max(1000, 'a Prefer header is at most 1000 characters').optional();

/** Whether a Prefer header asks for the minimal answer (`return=minimal`, any case, quotes allowed; the first `return` counts). */
export function prefersMinimal(prefer: string | undefined): boolean {
  if (!prefer) return false;
  for (const preference of prefer.split(',')) {
    const [token, value] = (preference.split(';')[0] ?? '').split('=').map((part) => part.trim().replace(/^"(.*)"$/, '$1').toLowerCase());
    // RFC 7240 §2: a preference given more than once counts by its first occurrence.
    if (token === 'return') return value === 'minimal';
  }
  return false;
}
