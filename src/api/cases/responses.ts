/**
 * What the case endpoints answer: the case view (the workflow contract's CaseView, documented and
 * checked against it at compile time), the opened/existing case, the list from visibility and the
 * stale and stopped reads (checked against the case service's CaseSummary, StaleCase and StoppedCase
 * the same way).
 */
import { z } from 'zod';
import { CARRIERS, CASE_TYPES, CHANNELS, MEMBER_TIERS, PRIORITIES, REGIONS, RESOLUTIONS } from '../../domain/types';
import type { CaseSummary } from '../../cases/listing';
import { STOPPED_EXECUTIONS, type StaleCase, type StoppedCase } from '../../cases/reading';
import { ATTENTION_STEPS, CASE_STATUSES, type CaseActionResult, type CaseView, type ClockView } from '../../workflows/case/contract';
import { EvidencePhotoSchema } from './schemas';

const instant = z.string();
const fen = z.number().meta({ description: 'Money in fen (0.01 CNY).' });

const PauseHoldSchema = z.object({ pauseId: z.string(), by: z.string(), reason: z.string(), since: instant });

export const CaseViewSchema = z
  .object({
    caseId: z.string(),
    orderId: z.string(),
    caseType: z.enum(CASE_TYPES),
    channel: z.enum(CHANNELS),
    status: z.enum(CASE_STATUSES),
    policyVersion: z.string(),
    openedAt: instant,
    closedAt: instant.optional(),
    memberTier: z.enum(MEMBER_TIERS).optional(),
    region: z.enum(REGIONS).optional(),
    remote: z.boolean().optional(),
    priority: z.enum(PRIORITIES).optional(),
    claimValue: fen.optional(),
    assignee: z.string().optional(),
    acknowledgedAt: instant.optional(),
    resolvedAt: instant.optional(),
    closeReason: z.string().optional(),
    deadlines: z.object({ responseDueAt: instant.optional(), resolutionDueAt: instant.optional(), currentWaitDueAt: instant.optional() }),
    sla: z.object({ responseBreached: z.boolean(), resolutionBreached: z.boolean(), resolutionPausedSince: instant.optional() }),
    clocks: z
      .record(
        z.string(),
        z.object({
          desk: z.string(),
          calendar: z.string(),
          slaMinutes: z.number().meta({ description: 'SLA in force, in working minutes.' }),
          running: z.boolean(),
          breached: z.boolean(),
          remainingWorkingMinutes: z.number().meta({ description: 'Working minutes left as of `asOf` (frozen while paused).' }),
          dueAt: instant.optional().meta({ description: 'Absent while paused before reaching it.' }),
          warnAt: instant.optional(),
          asOf: instant,
        }),
      )
      .optional()
      .meta({ description: "The merchant's working-time clocks by name (response, resolution, review, rung-N), each on its desk's calendar." }),
    clocksPaused: PauseHoldSchema.optional().meta({ description: 'A platform-wide pause in force on this case\'s merchant clocks.' }),
    otherClockPauses: z
      .array(PauseHoldSchema)
      .optional()
      .meta({ description: 'Further platform pauses in force on this case: its clocks run again only once every pause it holds has ended.' }),
    escalationLevel: z.number(),
    escalations: z.array(
      z.object({
        level: z.number(),
        role: z.string(),
        contactId: z.string(),
        at: instant,
        reason: z.enum(['sla_breach', 'manual', 'follow_up_overdue', 'refund_payment_failing', 'step_needs_attention']),
      }),
    ),
    verification: z.object({
      evidence: z.array(EvidencePhotoSchema),
      photoScore: z.number().optional(),
      outcome: z.enum(['auto_approved', 'approved', 'rejected', 'human_review', 'not_required']).optional(),
      reviewedBy: z.string().optional(),
    }),
    decision: z.object({ resolution: z.enum(RESOLUTIONS), reasons: z.array(z.string()), decidedAt: instant }).optional(),
    shipments: z.array(
      z.object({
        kind: z.enum(['reshipment', 'return_pickup']),
        carrier: z.enum(CARRIERS),
        trackingNumber: z.string(),
        status: z.enum(['created', 'picked_up', 'in_transit', 'delivered', 'exception', 'lost', 'overdue', 'cancelled']),
        dueAt: instant,
        lastEventAt: instant.optional(),
        pickupId: z.string().optional(),
      }),
    ),
    refund: z
      .object({ amount: fen, status: z.enum(['granted', 'paid', 'failing', 'refused']), attempts: z.number(), refundId: z.string().optional(), lastError: z.string().optional() })
      .optional(),
    coupons: z.array(z.object({ couponId: z.string(), value: fen, reason: z.string() })),
    feedback: z.object({ rating: z.number(), comment: z.string().optional() }).optional(),
    notes: z.array(z.object({ at: instant, author: z.string(), text: z.string() })),
    timeline: z.array(z.object({ at: instant, event: z.string(), detail: z.string().optional() })),
    attention: z
      .object({
        step: z.enum(ATTENTION_STEPS),
        from: z.enum(CASE_STATUSES),
        since: instant,
        lastError: z.string(),
        refused: z.boolean(),
        rounds: z.number(),
        nextRetryAt: instant.optional(),
      })
      .optional()
      .meta({ description: 'Set while a step that moves money, stock or parcels needs a person (status needs_attention).' }),
    currentWait: z
      .object({ state: z.string(), party: z.string(), dueAt: instant, onDeadline: z.string(), merchantClock: z.enum(['running', 'paused']) })
      .optional()
      .meta({ description: 'The wait the case is in: who owes the next step, by when, and what happens at the deadline.' }),
    earlier: z
      .object({ runs: z.number(), timelineEntries: z.number(), notes: z.number() })
      .optional()
      .meta({ description: 'A long case continued as new: earlier runs, and the timeline entries and notes only their histories hold.' }),
  })
  .meta({ id: 'CaseView', description: 'The live view of a case (the `caseView` query of its workflow); every action returns it, unless asked for its minimal answer.' });

export const CaseActionResultSchema = z
  .object({
    caseId: z.string(),
    status: z.enum(CASE_STATUSES),
    seq: z.number().meta({ description: "Timeline entries so far (earlier runs' included): grows with every recorded event." }),
  })
  .meta({ id: 'CaseActionResult', description: "An action's minimal answer (asked for with `Prefer: return=minimal`): the case's status after it, without the view." });

/** What an action answers: the view after it, or with `Prefer: return=minimal` the minimal answer. */
export const CaseActionReplySchema = z
  .union([CaseViewSchema, CaseActionResultSchema])
  .meta({ id: 'CaseActionReply', description: 'The case view after the action; with `Prefer: return=minimal`, only its status (CaseActionResult).' });

// Compile-time proof that each documented answer is exactly what the code returns: assignable both
// ways AND the same keys, since a missing optional field would pass assignability (the view's
// clocks once went undocumented that way). Keys are compared at the top level, in the view's direct
// object fields and in a clock's fields; not inside arrays or deeper (the ajv test in
// tests/api/stale-reads.test.ts checks real answers against the served document).
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? SameKeys<Required<A>, Required<B>> : false) : false;
type Nested<A, B> = false extends { [K in keyof A & keyof B]: Same<NonNullable<A[K]>, NonNullable<B[K]>> }[keyof A & keyof B] ? false : true;
const _documented: [
  Same<z.output<typeof CaseViewSchema>, CaseView>,
  Same<z.output<typeof CaseSummarySchema>, CaseSummary>,
  Same<z.output<typeof StaleCaseSchema>, StaleCase>,
  Same<z.output<typeof StoppedCaseSchema>, StoppedCase>,
  Same<z.output<typeof CaseActionResultSchema>, CaseActionResult>,
] = [true, true, true, true, true];
void _documented;
const _documentedFields: [Nested<z.output<typeof CaseViewSchema>, CaseView>, Same<NonNullable<z.output<typeof CaseViewSchema>['clocks']>[string], ClockView>] = [true, true];
void _documentedFields;

const CaseLinksSchema = z
  .object({
    self: z.string().meta({ description: 'The case (GET).' }),
    actions: z.record(z.string(), z.string()).meta({ description: 'Action name → URL (POST).' }),
  })
  .meta({ id: 'CaseLinks' });

export const CaseOpenedSchema = z
  .object({ caseId: z.string(), links: CaseLinksSchema })
  .meta({ id: 'CaseOpened', description: 'A new case was opened (201, with Location).' });

export const ExistingCaseSchema = z
  .object({
    caseId: z.string(),
    links: CaseLinksSchema,
    case: CaseViewSchema.optional().meta({ description: 'The case as it stands; absent if it did not answer in time.' }),
  })
  .meta({
    id: 'ExistingCase',
    description: 'The request repeated an earlier one (same Idempotency-Key) or the order already has an open case of this type (200).',
  });

export const CaseSummarySchema = z
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
    responseDueAt: z.string().optional().meta({ description: 'ResponseDueAt search attribute: the first response\'s deadline while one is owed; absent once it was given or the case was decided or closed without it.' }),
    openedAt: z.string(),
    closedAt: z.string().optional(),
    execution: z.string().meta({ description: 'Workflow execution status: RUNNING, COMPLETED, FAILED, TERMINATED, …' }),
    finishing: z.literal(true).optional().meta({ description: 'status is closed but the workflow still runs its last steps (or waits for a worker).' }),
    links: z.object({ self: z.string() }),
  })
  .meta({ id: 'CaseSummary', description: 'A case as its search attributes show it: in a list, as Temporal visibility knows them (moments behind); from GET /v1/cases/{id}/summary, as the case\'s last completed workflow task left them. Read the case for the full view.' });

export const StaleCaseSchema = CaseSummarySchema.extend({
  stale: z.literal(true).meta({ description: 'No worker answered in time: this is the last view Temporal holds, not the live one.' }),
  asOf: z.string().meta({ description: 'When the case was last like this: its last completed workflow task (ISO 8601).' }),
}).meta({ id: 'StaleCase', description: 'The last known view of a case whose worker did not answer in time (search attributes only).' });
export const StoppedCaseSchema = CaseViewSchema.extend({
  stopped: z
    .object({
      execution: z.enum(STOPPED_EXECUTIONS).meta({ description: 'How its workflow ended: TERMINATED (by an operator), CANCELLED, TIMED_OUT, or FAILED (a bug).' }),
      at: instant.meta({ description: 'When it ended.' }),
    })
    .meta({ description: 'The case did not close: its workflow was stopped from outside. This is its view as it stood then; it takes no more actions and its clocks no longer run.' }),
}).meta({ id: 'StoppedCase', description: 'The view of a case whose workflow was stopped before the case closed.' });

/** What a read answers: the live (or final) view, the last known one, or the view of a stopped case. */
export const CaseReadSchema = z
  .union([CaseViewSchema, StaleCaseSchema, StoppedCaseSchema])
  .meta({ id: 'CaseRead', description: 'The live view of the case, its last known view (`stale: true`), or the view of a case whose workflow was stopped (`stopped`).' });

export const CaseListSchema = z
  .object({ items: z.array(CaseSummarySchema), nextPageToken: z.string().optional().meta({ description: 'Absent on the last page.' }) })
  .meta({ id: 'CaseList' });
