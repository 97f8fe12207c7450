/**
 * The actions on a case: one `POST /v1/cases/{id}/<name>` each, sent to the case workflow as an
 * update that returns the new case view. Each row names its permission, body schema, update and
 * how the body becomes the update's argument (the contract's input type).
 */
import type { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/client';
import type { Permission, Role } from '../auth';
import {
  acknowledgeUpdate,
  addEvidenceUpdate,
  addNoteUpdate,
  arbitrationRulingUpdate,
  chooseResolutionUpdate,
  confirmReturnReceivedUpdate,
  disputeUpdate,
  escalateUpdate,
  feedbackUpdate,
  reviewUpdate,
  withdrawUpdate,
  type CaseView,
} from '../../workflows/case/contract';
import {
  AcknowledgeRequestSchema,
  ArbitrationRulingRequestSchema,
  DisputeRequestSchema,
  EscalateRequestSchema,
  EvidenceRequestSchema,
  FeedbackRequestSchema,
  NoteRequestSchema,
  ResolutionRequestSchema,
  ReturnReceivedRequestSchema,
  ReviewRequestSchema,
  WithdrawRequestSchema,
} from './schemas';

export interface CaseAction<S extends z.ZodType = z.ZodType, A = unknown> {
  /** The path segment: `/v1/cases/{id}/<name>`. */
  name: string;
  operationId: string;
  summary: string;
  permission: Permission;
  body: S;
  update: UpdateDefinition<CaseView, [A]>;
  toArgument(body: z.output<S>, role: Role | undefined): A;
}

function action<S extends z.ZodType, A>(a: CaseAction<S, A>): CaseAction {
  return a as unknown as CaseAction;
}

const same = <T>(body: T) => body;

export const CASE_ACTIONS: CaseAction[] = [
  action({
    name: 'acknowledge',
    operationId: 'acknowledgeCase',
    summary: "The specialist's first response: stops the response SLA and the escalation ladder.",
    permission: 'cases:acknowledge',
    body: AcknowledgeRequestSchema,
    update: acknowledgeUpdate,
    toArgument: same,
  }),
  action({
    name: 'evidence',
    operationId: 'addEvidence',
    summary: 'The customer adds evidence photos (while evidence is awaited, or before verification).',
    permission: 'cases:evidence',
    body: EvidenceRequestSchema,
    update: addEvidenceUpdate,
    toArgument: same,
  }),
  action({
    name: 'review',
    operationId: 'reviewCase',
    summary: 'A human review of the evidence: approve (optionally a partial refund) or reject. Allowed while the case awaits review.',
    permission: 'cases:review',
    body: ReviewRequestSchema,
    update: reviewUpdate,
    toArgument: same,
  }),
  action({
    name: 'resolution',
    operationId: 'chooseResolution',
    summary: 'The preferred resolution (reship, refund, replace), allowed until the decision is made.',
    permission: 'cases:resolution',
    body: ResolutionRequestSchema,
    update: chooseResolutionUpdate,
    toArgument: (b, role) => ({ resolution: b.resolution, by: b.by ?? (role === 'service' ? 'customer' : 'agent') }),
  }),
  action({
    name: 'notes',
    operationId: 'addNote',
    summary: "An agent's note; with callbackDone it completes the follow-up callback a low rating opened.",
    permission: 'cases:notes',
    body: NoteRequestSchema,
    update: addNoteUpdate,
    toArgument: same,
  }),
  action({
    name: 'escalate',
    operationId: 'escalateCase',
    summary: 'Escalates the case by hand to the next rung of the ladder (team lead, service manager, director).',
    permission: 'cases:escalate',
    body: EscalateRequestSchema,
    update: escalateUpdate,
    toArgument: same,
  }),
  action({
    name: 'withdraw',
    operationId: 'withdrawCase',
    summary: 'The customer withdraws the case; allowed until money, stock or a parcel has moved. Returns the closed case.',
    permission: 'cases:withdraw',
    body: WithdrawRequestSchema,
    update: withdrawUpdate,
    toArgument: same,
  }),
  action({
    name: 'feedback',
    operationId: 'giveFeedback',
    summary: "The customer's satisfaction rating (1–5) while the survey is open; a low rating opens a follow-up callback.",
    permission: 'cases:feedback',
    body: FeedbackRequestSchema,
    update: feedbackUpdate,
    toArgument: same,
  }),
  action({
    name: 'dispute',
    operationId: 'disputeCase',
    summary: 'Either side asks the platform to arbitrate a rejected case (小二介入).',
    permission: 'cases:dispute',
    body: DisputeRequestSchema,
    update: disputeUpdate,
    toArgument: same,
  }),
  action({
    name: 'arbitration-ruling',
    operationId: 'recordArbitrationRuling',
    summary: "Records the platform's ruling on an arbitration.",
    permission: 'cases:arbitration-ruling',
    body: ArbitrationRulingRequestSchema,
    update: arbitrationRulingUpdate,
    toArgument: same,
  }),
  action({
    name: 'return-received',
    operationId: 'confirmReturnReceived',
    summary: 'Confirms the returned goods arrived at the warehouse (when no carrier event said so).',
    permission: 'cases:return-received',
    body: ReturnReceivedRequestSchema,
    update: confirmReturnReceivedUpdate,
    toArgument: same,
  }),
];

export const ACTION_NAMES = CASE_ACTIONS.map((a) => a.name);
