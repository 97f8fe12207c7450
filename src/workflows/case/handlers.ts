/**
 * The case's message handlers. Each update has a synchronous validator that refuses what the case's
 * state does not allow (the API turns that into a 409); handlers only change state, and the main
 * story reacts. Updates the story is waiting for return once the story has moved on. Every update
 * answers a CaseActionResult (status and timeline position), never the whole view: results are
 * stored in the history, and the view is one query away.
 */
import { NOTE_BUDGET } from './checkpoint';
import { condition, setHandler } from '@temporalio/workflow';
import { setCaseUpdate } from './keyed-updates';
import {
  acknowledgeUpdate,
  addEvidenceUpdate,
  addNoteUpdate,
  arbitrationRulingUpdate,
  carrierEventSignal,
  caseViewQuery,
  chooseResolutionUpdate,
  confirmReturnReceivedUpdate,
  disputeUpdate,
  escalateUpdate,
  feedbackUpdate,
  reviewUpdate,
  withdrawUpdate,
  type CaseActionResult,
  type CaseStatus,
} from './contract';
import { escalate, refuse, type CaseContext } from './context';
import { nowIso, type CaseState } from './state';

const BEFORE_DECISION: CaseStatus[] = ['intake', 'awaiting_evidence', 'verifying', 'awaiting_review'];

function requireStatus(state: CaseState, allowed: CaseStatus[], action: string): void {
  if (!allowed.includes(state.status)) refuse(`cannot ${action} while the case is ${state.status}`);
}

/** Answers once the main story has left `from` (or at once if it was not waiting there). */
export async function resultAfter(state: CaseState, from: CaseStatus): Promise<CaseActionResult> {
  await condition(() => state.status !== from);
  return state.result();
}

export function installHandlers(state: CaseState, getContext: () => CaseContext | undefined): void {
  setHandler(caseViewQuery, () => state.snapshot(), { description: 'The whole live view of the case.' });

  setHandler(
    carrierEventSignal,
    (e) => {
      const parcel = state.view.shipments.find((s) => s.trackingNumber === e.trackingNumber);
      if (!parcel) return;
      if (state.integrity && e.occurredAt) {
        // Webhooks arrive out of order: an event older than the last one applied never moves a parcel back.
        if (parcel.lastEventAt && Date.parse(e.occurredAt) < Date.parse(parcel.lastEventAt)) {
          state.record(`carrier_stale:${e.event}`, `${parcel.carrier} ${e.trackingNumber}`);
          return;
        }
        parcel.lastEventAt = e.occurredAt;
      }
      if (parcel.status !== 'delivered' && parcel.status !== 'lost') parcel.status = e.event;
      state.record(`carrier:${e.event}`, `${parcel.carrier} ${e.trackingNumber}`);
    },
    { description: 'A carrier tracking event for one of the case parcels.' },
  );

  setCaseUpdate(
    state,
    acknowledgeUpdate,
    ({ agentId }) => {
      state.view.acknowledgedAt = nowIso();
      state.view.assignee = state.view.assignee ?? agentId;
      state.record('acknowledged', agentId);
      state.sync();
      return state.result();
    },
    {
      validator: (_input) => {
        if (state.closed) refuse('the case is closed');
        if (state.view.acknowledgedAt) refuse('the case was already acknowledged');
      },
      description: 'First human response; stops the response SLA and the ladder.',
    },
  );

  setCaseUpdate(
    state,
    addEvidenceUpdate,
    async ({ photos }) => {
      const waiting = state.status === 'awaiting_evidence';
      state.view.verification.evidence.push(...photos);
      state.record('evidence_added', `${photos.length} photo(s)`);
      return waiting ? resultAfter(state, 'awaiting_evidence') : state.result();
    },
    {
      validator: ({ photos }) => {
        requireStatus(state, ['intake', 'awaiting_evidence'], 'add evidence');
        if (photos.length === 0) refuse('no photos given');
      },
      description: 'The customer adds evidence photos.',
    },
  );

  setCaseUpdate(
    state,
    reviewUpdate,
    async (r) => {
      state.reviewDecision = r.decision;
      state.partialRefundAmount = r.partialRefundAmount;
      state.view.verification.reviewedBy = r.agentId;
      state.record('reviewed', `${r.decision} by ${r.agentId}${r.reason ? `: ${r.reason}` : ''}`);
      return resultAfter(state, 'awaiting_review');
    },
    {
      validator: (r) => {
        requireStatus(state, ['awaiting_review'], 'review');
        const claim = state.view.claimValue ?? 0;
        if (r.partialRefundAmount !== undefined && (r.decision !== 'approve' || r.partialRefundAmount <= 0 || r.partialRefundAmount > claim)) {
          refuse(`a partial refund must approve an amount between 1 and ${claim} fen`);
        }
      },
      description: "A human review of the evidence, or of the packing record or carrier's trace for a claim no photo decides: approve (optionally a partial refund) or reject.",
    },
  );

  setCaseUpdate(
    state,
    chooseResolutionUpdate,
    ({ by, resolution }) => {
      state.chosenResolution = resolution;
      state.record('resolution_chosen', `${resolution} by ${by}`);
      return state.result();
    },
    { validator: (_input) => requireStatus(state, BEFORE_DECISION, 'choose a resolution'), description: 'Preferred resolution before the decision.' },
  );

  setCaseUpdate(
    state,
    addNoteUpdate,
    async ({ author, text, callbackDone }) => {
      state.view.notes.push({ at: nowIso(), author, text });
      state.record('note', author);
      if (!callbackDone) return state.result();
      state.callbackDone = true;
      return resultAfter(state, 'awaiting_callback');
    },
    {
      validator: ({ text, callbackDone }) => {
        if (state.closed) refuse('the case is closed');
        if (text.trim().length === 0) refuse('empty note');
        if (!callbackDone && state.updatesAnswered >= NOTE_BUDGET) {
          refuse(`this run of the case has answered ${state.updatesAnswered} actions; it takes no more notes in this run (a case continues as new only at its survey, callback or dispute waits), keeping the rest for the actions that move it`);
        }
        if (callbackDone && state.status !== 'awaiting_callback') refuse('no follow-up callback is open');
      },
      description: 'An agent note; callbackDone completes a follow-up callback.',
    },
  );

  setCaseUpdate(
    state,
    escalateUpdate,
    async ({ by, reason }) => {
      const ctx = getContext();
      if (!ctx) return refuse('the case is still in intake');
      state.record('manual_escalation', `${by}: ${reason}`);
      await escalate(ctx, 'manual');
      return state.result();
    },
    {
      validator: (_input) => {
        if (state.closed) refuse('the case is closed');
        if (state.status === 'intake') refuse('the case is still in intake');
        if (state.view.escalationLevel >= 3) refuse('the case is already with the director');
      },
      description: 'Escalate by hand to the next rung.',
    },
  );

  setCaseUpdate(
    state,
    withdrawUpdate,
    async ({ reason }) => {
      state.withdrawn = true;
      state.record('withdrawn', reason);
      await condition(() => state.closed);
      return state.result();
    },
    {
      validator: (_input) => {
        if (state.closed) refuse('the case is closed');
        if (state.committed) refuse('the case has started to move money, stock or a parcel, which may already have moved');
        if (state.withdrawn) refuse('the case is already being withdrawn');
      },
      description: 'The customer withdraws the case before it starts to move money, stock or a parcel.',
    },
  );

  setCaseUpdate(
    state,
    feedbackUpdate,
    async (f) => {
      state.view.feedback = { rating: f.rating, ...(f.comment ? { comment: f.comment } : {}) };
      state.record('feedback', `rating ${f.rating}`);
      return resultAfter(state, 'awaiting_survey');
    },
    {
      validator: (f) => {
        requireStatus(state, ['awaiting_survey'], 'give feedback');
        if (!Number.isInteger(f.rating) || f.rating < 1 || f.rating > 5) refuse('rating must be an integer from 1 to 5');
      },
      description: 'The satisfaction survey answer.',
    },
  );

  setCaseUpdate(
    state,
    disputeUpdate,
    async ({ by, reason }) => {
      state.disputeRequested = true;
      state.record('dispute', `${by}: ${reason}`);
      return resultAfter(state, 'rejected_open_to_dispute');
    },
    { validator: (_input) => requireStatus(state, ['rejected_open_to_dispute'], 'dispute'), description: 'Ask the platform to arbitrate.' },
  );

  setCaseUpdate(
    state,
    arbitrationRulingUpdate,
    async ({ ruling, reference }) => {
      state.arbitrationRuling = ruling;
      state.record('arbitration_ruling', `${ruling} (${reference})`);
      return resultAfter(state, 'in_arbitration');
    },
    { validator: (_input) => requireStatus(state, ['in_arbitration'], 'record a ruling'), description: "The platform's ruling." },
  );

  setCaseUpdate(
    state,
    confirmReturnReceivedUpdate,
    async ({ by }) => {
      state.returnReceived = true;
      state.record('return_receipt_confirmed', by);
      return resultAfter(state, 'awaiting_return_receipt');
    },
    { validator: (_input) => requireStatus(state, ['awaiting_return_receipt'], 'confirm the return'), description: 'Warehouse confirms the return arrived.' },
  );
}
