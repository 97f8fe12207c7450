/**
 * The actions on a case: one `POST /v1/cases/{id}/<name>` each, sent to the case workflow as an
 * update that returns the new case view. Each row holds its body schema (the `<Id>Request`
 * component of the OpenAPI document), permission, update, and how the body becomes the update's
 * argument (the contract's input type).
 */
import { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/client';
import type { Role } from '../../api-keys';
import type { Permission } from '../auth';
import * as contract from '../../workflows/case/contract';
import { knownDesks } from '../../policy/known-desks';
import { AgentIdSchema, EvidencePhotoSchema, reason, token } from './schemas';

export interface CaseAction<S extends z.ZodType = z.ZodType, A = unknown> {
  /** The path segment: `/v1/cases/{id}/<name>`. */
  name: string;
  operationId: string;
  summary: string;
  permission: Permission;
  body: S;
  update: UpdateDefinition<contract.CaseActionResult, [A]>;
  toArgument(body: z.output<S>, role: Role | undefined): A;
}

/**
 * One action, its body checked against its update's argument where it is declared: without
 * `toArgument` the body is the argument as it is, and the body's output must fit it.
 */
function action<S extends z.ZodType, A>(a: Omit<CaseAction<S, A>, 'toArgument'>, ..._bodyIsArgument: [z.output<S>] extends [A] ? [] : [never]): CaseAction;
function action<S extends z.ZodType, A>(a: CaseAction<S, A>): CaseAction;
function action(a: Omit<CaseAction, 'toArgument'> & Partial<CaseAction>): CaseAction {
  return { toArgument: (b: unknown) => b, ...a };
}

/** A strict body, named `<id>` among the document's schemas. */
/**
 * A request body's schema, named `id` in the document. `rule` says in JSON Schema what a refine
 * checks across fields (merged into the rendered schema), so clients and contract tests see it too.
 */
const body = <T extends z.ZodRawShape>(id: string, shape: T, rule?: Record<string, unknown>) =>
  z.strictObject(shape).meta({
    id,
    // On the component itself, not on each $ref to it.
    ...(rule && { override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => void (jsonSchema.$ref === undefined && Object.assign(jsonSchema, rule)) }),
  });
const party = z.enum(['customer', 'merchant']);

export const CASE_ACTIONS: CaseAction[] = [
  action({
    name: 'acknowledge',
    operationId: 'acknowledgeCase',
    summary: "The specialist's first response: stops the response SLA and the escalation ladder.",
    permission: 'cases:acknowledge',
    body: body('AcknowledgeRequest', { agentId: AgentIdSchema }),
    update: contract.acknowledgeUpdate,
  }),
  action({
    name: 'evidence',
    operationId: 'addEvidence',
    summary: 'The customer adds evidence photos (while evidence is awaited, or before verification).',
    permission: 'cases:evidence',
    body: body('EvidenceRequest', { photos: z.array(EvidencePhotoSchema).min(1).max(20) }),
    update: contract.addEvidenceUpdate,
  }),
  action({
    name: 'review',
    operationId: 'reviewCase',
    summary: "A human review of the evidence (for a missing item or a parcel not delivered, of the packing record or the carrier's trace): approve (optionally a partial refund) or reject. Allowed while the case awaits review.",
    permission: 'cases:review',
    body: body('ReviewRequest', {
      agentId: AgentIdSchema,
      decision: z.enum(['approve', 'reject']),
      partialRefundAmount: z.int().min(1).max(100_000_000).optional().meta({ description: 'Approve a partial refund of this many fen (only with `approve`).' }),
      reason: reason().optional(),
    }, { if: { required: ['partialRefundAmount'] }, then: { properties: { decision: { const: 'approve' } } } }).refine((b) => b.partialRefundAmount === undefined || b.decision === 'approve', {
      message: 'a partial refund goes only with decision "approve"',
      path: ['partialRefundAmount'],
    }),
    update: contract.reviewUpdate,
  }),
  action({
    name: 'resolution',
    operationId: 'chooseResolution',
    summary: 'The preferred resolution (reship, refund, replace), allowed until the decision is made.',
    permission: 'cases:resolution',
    body: body('ResolutionRequest', {
      resolution: z.enum(['reship', 'refund', 'replace']),
      by: token('by').optional().meta({ description: "Who chose it; default 'customer' for the service role, 'agent' for agents." }),
    }),
    update: contract.chooseResolutionUpdate,
    toArgument: (b, role) => ({ resolution: b.resolution, by: b.by ?? (role === 'service' ? 'customer' : 'agent') }),
  }),
  action({
    name: 'notes',
    operationId: 'addNote',
    summary: "An agent's note; with callbackDone it completes the follow-up callback a low rating opened.",
    permission: 'cases:notes',
    body: body('NoteRequest', {
      author: AgentIdSchema,
      text: reason(4000),
      callbackDone: z.boolean().optional().meta({ description: 'The note records the follow-up callback a low rating asked for.' }),
    }),
    update: contract.addNoteUpdate,
  }),
  action({
    name: 'escalate',
    operationId: 'escalateCase',
    summary: 'Escalates the case by hand to the next rung of the ladder (team lead, service manager, director).',
    permission: 'cases:escalate',
    body: body('EscalateRequest', { by: token('by'), reason: reason() }),
    update: contract.escalateUpdate,
  }),
  action({
    name: 'withdraw',
    operationId: 'withdrawCase',
    summary: 'The customer withdraws the case; allowed until the case starts to move money, stock or a parcel (from then the step may have taken effect: a held step is retried or settled by an agent). Returns the closed case.',
    permission: 'cases:withdraw',
    body: body('WithdrawRequest', { reason: reason().optional() }),
    update: contract.withdrawUpdate,
  }),
  action({
    name: 'feedback',
    operationId: 'giveFeedback',
    summary: "The customer's satisfaction rating (1–5) while the survey is open; a low rating opens a follow-up callback.",
    permission: 'cases:feedback',
    body: body('FeedbackRequest', { rating: z.int().min(1).max(5), comment: z.string().trim().min(1).max(2000).optional() }),
    update: contract.feedbackUpdate,
  }),
  action({
    name: 'dispute',
    operationId: 'disputeCase',
    summary: 'Either side asks the platform to arbitrate a rejected case (小二介入).',
    permission: 'cases:dispute',
    body: body('DisputeRequest', { by: party, reason: reason() }),
    update: contract.disputeUpdate,
  }),
  action({
    name: 'arbitration-ruling',
    operationId: 'recordArbitrationRuling',
    summary: "Records the platform's ruling on an arbitration.",
    permission: 'cases:arbitration-ruling',
    body: body('ArbitrationRulingRequest', { ruling: party, reference: token('reference', 100) }),
    update: contract.arbitrationRulingUpdate,
  }),
  action({
    name: 'return-received',
    operationId: 'confirmReturnReceived',
    summary: 'Confirms the returned goods arrived at the warehouse (when no carrier event said so).',
    permission: 'cases:return-received',
    body: body('ReturnReceivedRequest', { by: token('by') }),
    update: contract.confirmReturnReceivedUpdate,
  }),
  action({
    name: 'retry-step',
    operationId: 'retryStep',
    summary: 'Retries the step a case in needs_attention is held on (same idempotency key, so nothing moves twice).',
    permission: 'cases:attention',
    body: body('RetryStepRequest', { by: token('by') }),
    update: contract.retryStepUpdate,
  }),
  action({
    name: 'settle-step',
    operationId: 'settleStep',
    summary: 'Records that the step a case in needs_attention is held on was carried out by hand; the case moves on.',
    permission: 'cases:attention',
    body: body('SettleStepRequest', {
      by: token('by'),
      reference: token('reference', 100),
      stockUsed: z
        .boolean()
        .optional()
        .meta({ description: 'Only when settling dispatch_reshipment: whether the parcel sent by hand used the stock the case reserved. false releases the reservation; absent keeps it.' }),
    }),
    update: contract.settleStepUpdate,
  }),
  action({
    name: 'reprioritize',
    operationId: 'reprioritizeCase',
    summary: "A new priority (P1–P3) with a reason: the merchant's clocks take its SLAs, counted from the opening.",
    permission: 'cases:clocks',
    body: body('ReprioritizeRequest', { by: token('by'), priority: z.enum(['P1', 'P2', 'P3']), reason: reason() }),
    update: contract.reprioritizeUpdate,
  }),
  action({
    name: 'reassign',
    operationId: 'reassignCase',
    summary: "Another agent and/or desk with a reason: the rest of the merchant's clocks counts on that desk's calendar.",
    permission: 'cases:clocks',
    body: body('ReassignRequest', { by: token('by'), agentId: AgentIdSchema.optional(), desk: z.enum(knownDesks()).optional().meta({ description: 'A known desk: each region\'s desk, or a named one.' }), reason: reason() }, { anyOf: [{ required: ['agentId'] }, { required: ['desk'] }] }).refine(
      (b) => b.agentId !== undefined || b.desk !== undefined,
      { message: 'name an agent (agentId), a desk, or both' },
    ),
    update: contract.reassignUpdate,
  }),
];
