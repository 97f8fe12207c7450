/**
 * The in-memory state of one case and the few ways it changes: status moves (mirrored to search
 * attributes and the UI's current details), timeline entries, and the view handed to queries.
 * Workflow code: time comes from the workflow clock (Date.now() is deterministic in the sandbox).
 *
 * Since LEAN_HISTORY (patches.ts) the changes of one activation are mirrored by one upsert: sync()
 * marks the state dirty and the next round of condition checks flushes it, still inside the
 * activation that changed it.
 */
import { CancellationScope, condition, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { AttentionState, CaseActionResult, CaseStatus, CaseView, CurrentWait, OpenCaseInput } from './contract';
import type { AttentionAction } from './attention';
import { clockEnded, showEndedClocks } from './clock-ended';
import type { CaseCheckpoint, CaseFlags } from './checkpoint';
import type { Intake } from './intake';
import { KeyedAnswers } from './keyed-answers';
import { uiDetails } from './ui-details';
import { currentUpdateId } from './keyed-updates';
import { CaseKpis } from './kpis';
import type { Resolution } from '../../domain/types';
import {
  ASSIGNEE,
  CARRIER,
  CASE_STATUS,
  ESCALATION_LEVEL,
  PRIORITY,
  REGION,
  RESOLUTION,
  RESPONSE_DUE_AT,
  SLA_BREACHED,
  TRACKING_NUMBERS,
} from './search-attributes';

/** ISO timestamp of the workflow clock. */
export function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

export class CaseState {
  readonly view: CaseView;
  /** Set when the customer withdraws; every wait watches it. */
  withdrawn = false;
  /** Preference chosen through the chooseResolution update, consulted at decision time. */
  chosenResolution?: 'reship' | 'refund' | 'replace';
  partialRefundAmount?: number;
  reviewDecision?: 'approve' | 'reject';
  callbackDone = false;
  returnReceived = false;
  disputeRequested = false;
  arbitrationRuling?: 'customer' | 'merchant';
  /** Once money, stock or parcels move, the case can no longer be withdrawn. */
  committed = false;
  /** Cases opened after CASE_INTEGRITY: the hardened paths (see patches.ts). */
  integrity = false;
  /** Cases opened after LEAN_HISTORY: one search-attribute upsert per activation (see sync()). */
  lean = false;
  /** A flush of the search attributes is queued for the end of this activation's microtasks. */
  private flushQueued = false;
  /** What ops asked for while the case needs attention; consumed by the waiting step. */
  attentionAction?: AttentionAction;
  /** The last action ops took on a step (named when a later one is refused); in memory, this run only. */
  lastAttentionAction?: { kind: AttentionAction['kind']; by: string; step: string; at: string };
  /** Updates answered in this run (each answers through result()): the server limits them per run. */
  updatesAnswered = 0;
  /** The answers of the keyed actions applied (keyed-answers.ts): remembered by result(), carried across runs. */
  keyedAnswers: KeyedAnswers;
  /** This run was resumed with keyed answers carried (a run under KEYED_ANSWERS_CARRIED): it hands them on. */
  keyedAnswersResumed = false;
  private readonly kpis = new CaseKpis();

  /** The state of a run resumed from a checkpoint (continue-as-new): its view and flags, its KPIs already counted. */
  static resumed(input: OpenCaseInput, cp: CaseCheckpoint): CaseState {
    const state = new CaseState(input);
    Object.assign(state.view, cp.view);
    Object.assign(state, cp.flags);
    if (cp.keyedAnswers) {
      state.keyedAnswers = new KeyedAnswers(input.caseId, cp.keyedAnswers);
      state.keyedAnswersResumed = true;
    }
    state.kpis.seen(state.view);
    return state;
  }

  /** The flags beside the view that a checkpoint carries. */
  flags(): CaseFlags {
    const { withdrawn, chosenResolution, partialRefundAmount, reviewDecision, callbackDone, returnReceived, disputeRequested, arbitrationRuling, committed, integrity, lean } = this;
    return JSON.parse(
      JSON.stringify({ withdrawn, chosenResolution, partialRefundAmount, reviewDecision, callbackDone, returnReceived, disputeRequested, arbitrationRuling, committed, integrity, lean }),
    ) as CaseFlags;
  }

  /** A search-attribute flush is queued and not yet done (lean cases). */
  get syncPending(): boolean {
    return this.flushQueued;
  }

  constructor(input: OpenCaseInput) {
    this.view = {
      caseId: input.caseId,
      orderId: input.orderId,
      caseType: input.caseType,
      channel: input.channel,
      status: 'intake',
      policyVersion: input.policyVersion,
      openedAt: input.openedAt,
      deadlines: {},
      sla: { responseBreached: false, resolutionBreached: false },
      escalationLevel: 0,
      escalations: [],
      verification: { evidence: [...input.evidence] },
      shipments: [],
      coupons: [],
      notes: [],
      timeline: [],
    };
    this.chosenResolution = input.preferredResolution;
    this.keyedAnswers = new KeyedAnswers(input.caseId);
  }

  get status(): CaseStatus {
    return this.view.status;
  }

  get resolvedAt(): string | undefined {
    return this.view.resolvedAt;
  }

  markResolved(): void {
    if (!this.view.resolvedAt) this.view.resolvedAt = nowIso();
  }

  get closed(): boolean {
    return this.view.status === 'closed';
  }

  record(event: string, detail?: string): void {
    this.view.timeline.push({ at: nowIso(), event, ...(detail ? { detail } : {}) });
  }

  /** Moves the case to a status; `waitDueAt` is the deadline of the wait it now enters, if any. */
  moveTo(status: CaseStatus, waitDueAt?: Date): void {
    this.view.status = status;
    this.view.deadlines.currentWaitDueAt = waitDueAt?.toISOString();
    this.record(`status:${status}`, waitDueAt ? `due ${waitDueAt.toISOString()}` : undefined);
    this.sync();
  }

  /** Intake's facts, shown in the view. */
  triaged(intake: Intake): void {
    Object.assign(this.view, {
      memberTier: intake.order.memberTier,
      region: intake.region,
      remote: intake.remote,
      priority: intake.triage.priority,
      claimValue: intake.claimValue,
    });
    this.record('triaged', `${intake.triage.priority}: ${intake.triage.reasons.join('; ')}`);
  }

  /** The specialist (or regional queue) the case is assigned to. */
  assigned(agentId: string): void {
    this.view.assignee = agentId;
    this.sync();
  }

  /** The decision on the claim. */
  decided(resolution: Resolution, reasons: string[]): void {
    this.view.decision = { resolution, reasons, decidedAt: nowIso() };
    this.record('decided', `${resolution}: ${reasons.join('; ')}`);
    this.sync();
  }

  /** Closes the case with its reason. */
  closedWith(reason: string): void {
    this.view.closeReason = reason;
    this.view.closedAt = nowIso();
    this.moveTo('closed');
  }

  /** A movement keeps failing or was refused: the case shows it and waits (see attention.ts). */
  needsAttention(attention: AttentionState): void {
    this.view.attention = attention;
    this.record('needs_attention', `${attention.step}: ${attention.lastError}`);
    if (this.view.status !== 'needs_attention') this.moveTo('needs_attention');
    else this.sync();
  }

  /** The step that needed attention went through (or was settled); the view keeps no stale error. */
  attentionCleared(detail: string): void {
    this.view.attention = undefined;
    this.record('attention_cleared', detail);
    this.sync();
  }

  /** Back to the status the case was in before a hold, to retry the step there. */
  resumeFrom(status: CaseStatus): void {
    if (this.view.status === 'needs_attention') this.moveTo(status);
  }

  /** Enters a wait from the waiting table: the status, its deadline, and who owes the next step. */
  enterWait(status: CaseStatus, wait: CurrentWait): void {
    this.view.currentWait = wait;
    this.moveTo(status, new Date(wait.dueAt));
  }

  /** The wait ended (met or defaulted). */
  leaveWait(): void {
    this.view.currentWait = undefined;
  }

  /**
   * Mirrors the findable facts to search attributes and the readable ones to the UI details. Lean
   * cases batch: every change of one activation ends in one upsert of the state as it is then.
   */
  sync(): void {
    if (!this.lean) return this.flush();
    if (this.flushQueued) return;
    this.flushQueued = true;
    // A condition is checked only once the microtasks of the current job have run (a plain microtask
    // would flush between two awaits of the story), still inside the activation; not cancellable, so a
    // cancelled wait around the change cannot drop the flush.
    void CancellationScope.nonCancellable(() => condition(() => true)).then(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  /** Only the UI's current details (not a command): the start of a lean case, whose status the start set. */
  showDetails(): void {
    setCurrentDetails(this.details());
  }

  private flush(): void {
    const v = this.view;
    const pairs: SearchAttributeUpdatePair[] = [
      { key: CASE_STATUS, value: v.status },
      { key: ESCALATION_LEVEL, value: v.escalationLevel },
      { key: SLA_BREACHED, value: v.sla.responseBreached || v.sla.resolutionBreached },
    ];
    if (v.priority) pairs.push({ key: PRIORITY, value: v.priority });
    if (v.region) pairs.push({ key: REGION, value: v.region });
    if (v.assignee) pairs.push({ key: ASSIGNEE, value: v.assignee });
    if (v.decision) pairs.push({ key: RESOLUTION, value: v.decision.resolution });
    const reship = v.shipments.find((s) => s.kind === 'reshipment');
    if (reship) pairs.push({ key: CARRIER, value: reship.carrier });
    if (v.shipments.length > 0) pairs.push({ key: TRACKING_NUMBERS, value: v.shipments.map((s) => s.trackingNumber) });
    // Only while a first response is owed: not once given, nor once the case is decided or closed
    // without one (clockEnded; the ladder stops at a decision). A value, not a command: replay ignores it.
    pairs.push({
      key: RESPONSE_DUE_AT,
      value: v.deadlines.responseDueAt && !clockEnded(v, 'response') ? new Date(v.deadlines.responseDueAt) : null,
    });
    upsertSearchAttributes(pairs);
    setCurrentDetails(this.details());
    this.kpis.observe(v);
  }

  /** The Temporal UI's current details (ui-details.ts). */
  private details(): string {
    return uiDetails(this.view);
  }

  /**
   * What an update answers: where the case stands, not the whole view (see CaseActionResult). A
   * keyed action's answer is remembered, so a retry of it is answered, not applied (keyed-updates.ts).
   */
  result(): CaseActionResult {
    this.updatesAnswered += 1;
    const seq = (this.view.earlier?.timelineEntries ?? 0) + this.view.timeline.length;
    const answer: CaseActionResult = { caseId: this.view.caseId, status: this.view.status, seq };
    this.keyedAnswers.remember(currentUpdateId(), answer);
    return answer;
  }

  /** A copy of the view, each clock whose watch has ended shown stopped (clock-ended.ts). */
  snapshot(): CaseView {
    return showEndedClocks(structuredCloneView(this.view));
  }
}

/** Queries and updates hand out a copy so callers never hold live workflow state. */
function structuredCloneView(view: CaseView): CaseView {
  return JSON.parse(JSON.stringify(view)) as CaseView;
}
