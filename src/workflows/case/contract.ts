/**
 * The public contract of the after-sales case workflow: task queue, workflow ids, input, the case
 * view, and every signal, query and update. The API, the worker, the tests and the workflow itself
 * import these definitions; nobody else names a message by string.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActiveClockPause, ClockPauseFilter } from '../pauses/contract';
import type {
  Carrier,
  CaseType,
  Channel,
  ClaimedItem,
  EvidencePhoto,
  Fen,
  MemberTier,
  Priority,
  Region,
  Resolution,
  Urgency,
} from '../../domain/types';

/** The task queue case workers poll. */
export const CASE_TASK_QUEUE = 'aftercase-cases';
/** The workflow type name (the exported function name in ./workflow.ts). */
export const CASE_WORKFLOW_TYPE = 'afterSalesCase';

const ID_PREFIX = 'case-';
/** Workflow id of a case: `case-<caseId>`. Case ids never carry personal data. */
export function caseWorkflowId(caseId: string): string {
  return `${ID_PREFIX}${caseId}`;
}
/** Inverse of caseWorkflowId; undefined for ids that are not case workflows. */
export function caseIdFromWorkflowId(workflowId: string): string | undefined {
  return workflowId.startsWith(ID_PREFIX) ? workflowId.slice(ID_PREFIX.length) : undefined;
}

/** What opens a case. Already validated at the API edge; the workflow trusts its shape. */
export interface OpenCaseInput {
  caseId: string;
  orderId: string;
  channel: Channel;
  caseType: CaseType;
  urgency: Urgency;
  items: ClaimedItem[];
  description?: string;
  evidence: EvidencePhoto[];
  preferredResolution?: 'reship' | 'refund' | 'replace';
  /** The customer reports the parcel stuck in logistics (raises priority for not_delivered). */
  parcelStuck?: boolean;
  /** Policy version the case runs under, chosen when it is opened and fixed for its life. */
  policyVersion: string;
  /** When the customer opened the case (ISO 8601), the start of every SLA clock. */
  openedAt: string;
  /** The API request that opened the case (its X-Request-Id), named in the case's first log line. */
  requestId?: string;
  /** Platform-wide pauses in force at opening (issue 9): the case starts paused if one covers it. */
  clockPauses?: ActiveClockPause[];
}

/** Where a case stands. Every `awaiting_*` status has one obligated party and one deadline. */
export const CASE_STATUSES = [
  'intake',
  'awaiting_evidence',
  'verifying',
  'awaiting_review',
  'rejected_open_to_dispute',
  'in_arbitration',
  'resolving',
  'awaiting_delivery',
  'awaiting_return_shipment',
  'awaiting_return_receipt',
  'refund_pending',
  'awaiting_survey',
  'awaiting_callback',
  /** A step that moves money, stock or parcels keeps failing (or was refused): ops retry or settle it. */
  'needs_attention',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface TimelineEntry {
  at: string;
  event: string;
  detail?: string;
}

export interface EscalationStep {
  level: number;
  role: string;
  contactId: string;
  at: string;
  reason: EscalationReason;
}
/** Why a case is escalated; each reason's effect on the ladder is defined in policy (escalationEffect). */
export type EscalationReason = 'sla_breach' | 'manual' | 'follow_up_overdue' | 'refund_payment_failing' | 'step_needs_attention';

/** The steps that can hold the case in `needs_attention`: intake's order look-up and every movement. */
export const ATTENTION_STEPS = [
  'get_order',
  'refund',
  'reserve_stock',
  'dispatch_reshipment',
  'schedule_pickup',
  'quarantine_return',
  'grant_coupon',
] as const;
export type AttentionStep = (typeof ATTENTION_STEPS)[number];

/** Why the case needs attention: the failing step, its last error, and where the case returns to. */
export interface AttentionState {
  step: AttentionStep;
  /** The status the case was in when the step failed. */
  from: CaseStatus;
  since: string;
  lastError: string;
  /** A refusal (the other system said no) rather than an outage: an automatic retry cannot help. */
  refused: boolean;
  /** Rounds of retries so far (each round is the activity's own bounded attempts). */
  rounds: number;
  /** When the workflow retries on its own next; absent once it only waits for ops. */
  nextRetryAt?: string;
}

/** The wait the case is in: read from the policy's waiting table. */
export interface CurrentWait {
  state: string;
  party: string;
  dueAt: string;
  onDeadline: string;
  /** Whether the merchant's resolution clock runs during this wait. */
  merchantClock: 'running' | 'paused';
}

export interface RefundState {
  amount: Fen;
  /** `refused`: payments refused it and the claimed lines were remedied by other cases; the claim closed rejected. */
  status: 'granted' | 'paid' | 'failing' | 'refused';
  attempts: number;
  refundId?: string;
  lastError?: string;
}

export interface ShipmentState {
  kind: 'reshipment' | 'return_pickup';
  carrier: Carrier;
  trackingNumber: string;
  status: 'created' | 'picked_up' | 'in_transit' | 'delivered' | 'exception' | 'lost' | 'overdue' | 'cancelled';
  dueAt: string;
  /** Event time of the latest carrier event applied; older events are ignored. */
  lastEventAt?: string;
  /** The carrier's pickup id, for cancelling a return pickup. */
  pickupId?: string;
}

/** The live view of a case, answered by the `caseView` query (and the workflow's result once closed). */
export interface CaseView {
  caseId: string;
  orderId: string;
  caseType: CaseType;
  channel: Channel;
  status: CaseStatus;
  policyVersion: string;
  openedAt: string;
  closedAt?: string;
  memberTier?: MemberTier;
  region?: Region;
  remote?: boolean;
  priority?: Priority;
  claimValue?: Fen;
  assignee?: string;
  acknowledgedAt?: string;
  /** When the refund was paid or the replacement dispatched: what the resolution SLA measures. */
  resolvedAt?: string;
  closeReason?: string;
  deadlines: { responseDueAt?: string; resolutionDueAt?: string; currentWaitDueAt?: string };
  sla: { responseBreached: boolean; resolutionBreached: boolean; resolutionPausedSince?: string };
  /** The merchant's working-time clocks by name (response, resolution, review, rung-N), since WORKING_CALENDAR. */
  clocks?: Record<string, ClockView>;
  /** A platform-wide pause in force on this case's merchant clocks (pauseClocks signal). */
  clocksPaused?: PlatformPauseHold;
  /** Further platform pauses in force on this case (since OVERLAPPING_PAUSES): the clocks run again once every one has ended. */
  otherClockPauses?: PlatformPauseHold[];
  escalationLevel: number;
  escalations: EscalationStep[];
  verification: {
    evidence: EvidencePhoto[];
    photoScore?: number;
    outcome?: 'auto_approved' | 'approved' | 'rejected' | 'human_review' | 'not_required';
    reviewedBy?: string;
  };
  decision?: { resolution: Resolution; reasons: string[]; decidedAt: string };
  shipments: ShipmentState[];
  refund?: RefundState;
  coupons: { couponId: string; value: Fen; reason: string }[];
  feedback?: { rating: number; comment?: string };
  notes: { at: string; author: string; text: string }[];
  timeline: TimelineEntry[];
  /** Present while (and after) a movement needed attention; cleared on recovery. */
  attention?: AttentionState;
  /** The wait the case is in now, from the waiting table (party, deadline, default). */
  currentWait?: CurrentWait;
  /**
   * Present once the case has continued as new (a long case, see checkpoint.ts): the runs before this
   * one, and how many timeline entries and notes are only in their histories (the view keeps the newest).
   */
  earlier?: { runs: number; timelineEntries: number; notes: number };
}

// ---- messages ---------------------------------------------------------------------------------

/**
 * What every update answers: where the case stands after it, not the whole view. An update's result
 * is stored in the history, so a view (timeline included) per update made a busy case's history
 * grow with the square of its actions (issue 14); callers read the view by query.
 */
export interface CaseActionResult {
  caseId: string;
  status: CaseStatus;
  /** Timeline entries so far (earlier runs' included): grows with every recorded event, so a caller can tell changes apart. */
  seq: number;
}

/** The whole live view of the case. */
export const caseViewQuery = defineQuery<CaseView>('caseView');

export type CarrierEventKind = 'picked_up' | 'in_transit' | 'delivered' | 'exception' | 'lost';
export interface CarrierEvent {
  trackingNumber: string;
  event: CarrierEventKind;
  /** When the carrier saw it; optional because signals in older histories may lack it. */
  occurredAt?: string;
}
/** A tracking event from a carrier's webhook, delivered to the case that owns the tracking number. */
export const carrierEventSignal = defineSignal<[CarrierEvent]>('carrierEvent');

export interface AcknowledgeInput { agentId: string }
/** The specialist's first response; stops the response-SLA clock and the escalation ladder. */
export const acknowledgeUpdate = defineUpdate<CaseActionResult, [AcknowledgeInput]>('acknowledge');

export interface EvidenceInput { photos: EvidencePhoto[] }
/** The customer adds evidence photos (while evidence is awaited, or before verification). */
export const addEvidenceUpdate = defineUpdate<CaseActionResult, [EvidenceInput]>('addEvidence');

export interface ReviewInput {
  agentId: string;
  decision: 'approve' | 'reject';
  /** For a partial refund: the amount granted instead of the full claim. */
  partialRefundAmount?: Fen;
  reason?: string;
}
/** A human review of the evidence, allowed while the case awaits review. */
export const reviewUpdate = defineUpdate<CaseActionResult, [ReviewInput]>('review');

export interface ChooseResolutionInput { by: string; resolution: 'reship' | 'refund' | 'replace' }
/** The customer's or agent's preferred resolution, allowed until the decision is made. */
export const chooseResolutionUpdate = defineUpdate<CaseActionResult, [ChooseResolutionInput]>('chooseResolution');

export interface NoteInput { author: string; text: string; callbackDone?: boolean }
/** An agent's note; with callbackDone it completes a low-rating follow-up callback. */
export const addNoteUpdate = defineUpdate<CaseActionResult, [NoteInput]>('addNote');

export interface EscalateInput { by: string; reason: string }
/** An agent escalates the case by hand to the next rung of the ladder. */
export const escalateUpdate = defineUpdate<CaseActionResult, [EscalateInput]>('escalate');

export interface WithdrawInput { reason?: string }
/** The customer withdraws the case; allowed until the case starts to move money, stock or parcels (a started step may have taken effect). */
export const withdrawUpdate = defineUpdate<CaseActionResult, [WithdrawInput]>('withdraw');

export interface FeedbackInput { rating: number; comment?: string }
/** The customer's satisfaction survey answer (rating 1–5), allowed while the survey is open. */
export const feedbackUpdate = defineUpdate<CaseActionResult, [FeedbackInput]>('feedback');

export interface DisputeInput { by: 'customer' | 'merchant'; reason: string }
/** Either side asks the platform to arbitrate a rejected case (小二介入). */
export const disputeUpdate = defineUpdate<CaseActionResult, [DisputeInput]>('dispute');

export interface ArbitrationRulingInput { ruling: 'customer' | 'merchant'; reference: string }
/** The platform's ruling on an arbitration. */
export const arbitrationRulingUpdate = defineUpdate<CaseActionResult, [ArbitrationRulingInput]>('arbitrationRuling');

/** Confirms the returned goods arrived at the warehouse (when no carrier event says so). */
export const confirmReturnReceivedUpdate = defineUpdate<CaseActionResult, [{ by: string }]>('confirmReturnReceived');

export interface RetryStepInput { by: string }
/** Ops retry the step the case needs attention for, with the same idempotency key. */
export const retryStepUpdate = defineUpdate<CaseActionResult, [RetryStepInput]>('retryStep');

export interface SettleStepInput {
  by: string;
  reference: string;
  /**
   * Only for a settled `dispatch_reshipment`: whether the parcel sent by hand used the stock the case
   * had reserved. `false` releases the reservation; absent, it is kept (ops consume it by hand).
   */
  stockUsed?: boolean;
}
/** Ops carried the failing step out by hand (reference: their record of it); the case moves on. */
export const settleStepUpdate = defineUpdate<CaseActionResult, [SettleStepInput]>('settleStep');

/** One merchant clock as the view shows it (WORKING_CALENDAR): its desk, calendar and what is left. */
/** A platform-wide pause a case holds: which, who, why, since when (on this case). */
export interface PlatformPauseHold {
  pauseId: string;
  by: string;
  reason: string;
  since: string;
}

export interface ClockView {
  desk: string;
  calendar: string;
  /** SLA in force, in working minutes. */
  slaMinutes: number;
  running: boolean;
  breached: boolean;
  /** Working minutes left as of `asOf` (frozen while paused). */
  remainingWorkingMinutes: number;
  /** Due and warning instants; absent while paused before reaching them. */
  dueAt?: string;
  warnAt?: string;
  asOf: string;
}

export interface ReprioritizeInput { by: string; priority: 'P1' | 'P2' | 'P3'; reason: string }
/** A new priority: the merchant's clocks take its SLAs, counted from opening. */
export const reprioritizeUpdate = defineUpdate<CaseActionResult, [ReprioritizeInput]>('reprioritize');

export interface ReassignInput { by: string; reason: string; agentId?: string; desk?: string }
/** Another agent and/or desk: the rest of the merchant's clocks counts on the new desk's calendar. */
export const reassignUpdate = defineUpdate<CaseActionResult, [ReassignInput]>('reassign');

export interface ClockPauseInput {
  pauseId: string;
  by: string;
  reason: string;
  /** The pause's filter (issue 9, registry): the case judges it itself, at intake if the signal comes before. */
  filter?: ClockPauseFilter;
}
/** Platform-wide pause of the merchant's clocks (ops); the same pause again changes nothing. */
export const pauseClocksSignal = defineSignal<[ClockPauseInput]>('pauseClocks');
/** Ends the pause with this id: every merchant deadline moves by the paused working time. */
export const resumeClocksSignal = defineSignal<[ClockPauseInput]>('resumeClocks');
