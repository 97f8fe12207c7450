/**
 * afterSalesCase: one execution per after-sales case, from intake to closure.
 *
 * intake (order, claim window, items, earlier remedies) → triage → regional specialist → [response
 * SLA + ladder and resolution SLA run alongside] → verification → decision → reship | refund |
 * return-then-refund | replace → survey (low rating → callback) → closed. Rejections stay open to
 * dispute and arbitration; the customer may withdraw until something has moved. A step that keeps
 * failing holds the case in needs_attention (see attention.ts); nothing external fails the run.
 * A case grown long continues as new at its closing or dispute waits and resumes from a checkpoint
 * (continue-as-new.ts; resumeCase here, beside the story it resumes: hence ~230 lines).
 */
import { allHandlersFinished, condition, patched } from '@temporalio/workflow';
import type { Carrier, OrderSnapshot, Resolution } from '../../domain/types';
import { chooseCarrier, planResolution, policyFor, regionalQueueId, type ResolutionPlan } from '../../policy';
import { waitedOnCalls } from './activities';
import { disputeWindow, runSurvey, type ResumePoint } from './closing';
import { installAttentionHandlers } from './attention-handlers';
import { followResolutionOnCalendar } from './calendar-sla';
import { installClockHandlers, pauseAtOpening } from './clock-handlers';
import { caseClocks } from './clocks';
import { addMinutes, failureText, notifyCustomer, notifyStaff, type CaseContext } from './context';
import type { CaseView, OpenCaseInput } from './contract';
import { collectReturn, payRefund, reship } from './fulfilment';
import { installHandlers } from './handlers';
import { buildIntake, intakeOrder, type Intake } from './intake';
import { recheckRemedies } from './remedy-recheck';
import { ASIDE_DRAINED, CASE_INTEGRITY, LEAN_HISTORY } from './patches';
import { payRefundOnce } from './refund';
import { reshipOnce } from './reshipment';
import { collectReturnOnce } from './returns';
import { watchResolutionSla, watchResponseSla } from './sla';
import type { CaseCheckpoint } from './checkpoint';
import { resumeFrom } from './continue-as-new';
import { CaseState } from './state';
import { verifyClaim } from './verification';

/**
 * Runs one after-sales case to closure and returns its final view. `resume`: this run continues a
 * case that grew long (continue-as-new) from the checkpoint the run before handed over.
 */
export async function afterSalesCase(input: OpenCaseInput, resume?: CaseCheckpoint): Promise<CaseView> {
  if (resume) return resumeCase(input, resume);
  const state = new CaseState(input);
  // LEAN_HISTORY implies CASE_INTEGRITY (patches.ts); older cases replay their own markers.
  state.lean = patched(LEAN_HISTORY);
  state.integrity = state.lean || patched(CASE_INTEGRITY);
  // Handlers are installed before the first await (so no early update is lost) and see the
  // context once intake has built it.
  const ref: { ctx?: CaseContext } = {};
  installHandlers(state, () => ref.ctx);
  installAttentionHandlers(state);
  installClockHandlers(state, () => ref.ctx);
  // The API's start set CaseStatus: a lean case's first upsert waits for its first change.
  if (state.lean) state.showDetails();
  else state.sync();

  const policy = policyFor(input.policyVersion);
  const order = await intakeOrder(state, input);
  if (!order) return finish(state);
  const intake = buildIntake(input, order, policy, state.integrity);
  const { triage } = intake;
  state.triaged(intake);
  state.view.deadlines.responseDueAt = addMinutes(input.openedAt, triage.responseMinutes).toISOString();
  const ctx: CaseContext = { input, state, policy, order, triage, intake, aside: [], messageSeq: 0 };
  ref.ctx = ctx;
  pauseAtOpening(ctx);

  if (intake.refusal) {
    await close(ctx, 'rejected', intake.refusal);
    return finish(state, ctx);
  }

  state.assigned(await findSpecialist(ctx));
  await notifyStaff(ctx, state.view.assignee ?? '', 'case_assigned', { priority: triage.priority, dueAt: state.view.deadlines.responseDueAt });
  await notifyCustomer(ctx, 'case_opened', { respondWithinMinutes: triage.responseMinutes });

  const response = watchResponseSla(ctx);
  const resolution = watchResolutionSla(ctx);
  // Continue-as-new waits until each clock has ended (or the resolution clock is parked): noted here.
  response.then(() => (ctx.responseEnded = true), () => undefined);
  resolution.then(() => (ctx.resolutionEnded = true), () => undefined);
  const clocks = Promise.all([response, resolution]);
  if (state.integrity) {
    // A clock that fails fails the run at once rather than when the story ends (no dangling rejection).
    const story = runCase(ctx);
    await Promise.race([story, clocks.then(() => story)]);
  } else {
    await runCase(ctx);
  }
  await clocks;
  return finish(state, ctx);
}

/**
 * A run resumed from a checkpoint (continue-as-new): handlers first (no early update lost), a parked
 * resolution clock's watch restarted, then the rest of the story from the wait it left. Nothing
 * before that wait runs again, no activity is called for it, and nothing is upserted until the case
 * changes (the search attributes came along).
 */
async function resumeCase(input: OpenCaseInput, cp: CaseCheckpoint): Promise<CaseView> {
  const ctx = resumeFrom(input, cp);
  const { state } = ctx;
  installHandlers(state, () => ctx);
  installAttentionHandlers(state);
  installClockHandlers(state, () => ctx);
  state.showDetails();
  const from = { at: cp.at, dueAt: cp.dueAt };
  const cc = cp.resolutionParked ? caseClocks(ctx) : undefined;
  const clocks = cc ? followResolutionOnCalendar(ctx, cc) : Promise.resolve();
  clocks.then(() => (ctx.resolutionEnded = true), () => undefined);
  const story = from.at === 'dispute' || from.at === 'arbitration' ? afterRejection(ctx, from) : closingStory(ctx, from);
  await Promise.race([story, clocks.then(() => story)]);
  await clocks;
  return finish(state, ctx);
}

async function closingStory(ctx: CaseContext, from: ResumePoint): Promise<void> {
  await runSurvey(ctx, from);
  await close(ctx, ctx.state.view.decision?.resolution ?? 'refund', 'resolved');
}

/**
 * The case's specialist; since CASE_INTEGRITY a directory that stays down routes to the regional
 * queue, after two minutes of retries (quickCalls): before, ten, with the new case unassigned and its
 * response clock not yet watched (a P1 answers in 15). Only activity options differ; replay ignores them.
 */
async function findSpecialist(ctx: CaseContext): Promise<string> {
  const { input, intake } = ctx;
  const find = async () => (await waitedOnCalls(ctx.state.integrity).findSpecialist({ caseId: input.caseId, region: intake.region, priority: intake.triage.priority, dedicated: intake.triage.dedicatedSpecialist })).agentId;
  if (!ctx.state.integrity) return find();
  try {
    return await find();
  } catch (err) {
    const queue = regionalQueueId(intake.region);
    ctx.state.record('directory_failed', `specialist: ${failureText(err)}; routed to ${queue}`);
    return queue;
  }
}

/** Verification, decision and fulfilment; always ends with the case closed. */
async function runCase(ctx: CaseContext): Promise<void> {
  const { state } = ctx;
  const verdict = await verifyClaim(ctx);
  if (verdict === 'withdrawn' || state.withdrawn) return close(ctx, 'withdrawn', 'withdrawn by the customer');
  if (verdict === 'no_evidence') return close(ctx, 'rejected', 'no evidence arrived before the deadline');
  if (verdict === 'rejected') {
    // A review with no evidence is a claim no photo decides (policy 2026-12-v2): a person checked the facts.
    const facts = state.view.verification.evidence.length === 0;
    decide(ctx, 'rejected', [facts ? "the packing record or the carrier's trace does not support the claim" : 'the evidence does not support the claim']);
    return afterRejection(ctx);
  }
  return resolveClaim(ctx);
}

/** A rejected claim: the dispute window and arbitration (a resumed run starts at `from`); if the customer won, resolution. */
async function afterRejection(ctx: CaseContext, from?: ResumePoint): Promise<void> {
  const { state } = ctx;
  const customerWon = await disputeWindow(ctx, from);
  if (state.withdrawn) return close(ctx, 'withdrawn', 'withdrawn by the customer');
  if (!customerWon) return close(ctx, 'rejected', 'the rejection stands');
  return resolveClaim(ctx);
}

/** An approved claim: plan, fulfilment, survey, close; refused if its lines were remedied meanwhile (remedy-recheck.ts). */
async function resolveClaim(ctx: CaseContext): Promise<void> {
  const { state, intake } = ctx;
  const remedied = await recheckRemedies(ctx);
  // Nothing has moved yet, so a withdrawal could be taken while the order was read again.
  if (state.withdrawn) return close(ctx, 'withdrawn', 'withdrawn by the customer');
  if (remedied) {
    decide(ctx, 'rejected', [remedied]); // also after a dispute the customer won: the reason is this one
    return close(ctx, 'rejected', remedied);
  }
  const choice = chooseCarrier(ctx.policy, { region: intake.region, remote: intake.remote, perishable: intake.perishable });
  const plan = planResolution(ctx.policy, {
    caseType: ctx.input.caseType,
    categories: intake.claimedLines.map((i) => i.category),
    memberTier: ctx.order.memberTier,
    claimValue: intake.claimValue,
    // Since CASE_INTEGRITY entitlements (replace within 180 days…) are judged at the claim's opening.
    daysSinceDelivery: state.integrity ? intake.daysSinceDeliveryAtOpening : daysSinceDelivery(ctx.order),
    reshipReachable: choice.carrier !== null,
    ...(choice.carrier === null ? { unreachableBecause: choice.reason } : {}),
    ...(state.chosenResolution ? { preferred: state.chosenResolution } : {}),
  });
  const amount = state.partialRefundAmount ?? intake.claimValue;
  if (state.partialRefundAmount !== undefined) {
    decide(ctx, 'partial_refund', [`reviewer granted ${amount} fen`]);
    await pay(ctx, amount, 'partial_refund', true);
  } else {
    await fulfil(ctx, plan, choice.carrier, amount);
  }
  if (!state.closed) {
    await runSurvey(ctx);
    await close(ctx, state.view.decision?.resolution ?? 'refund', 'resolved');
  }
}

/**
 * Pays a refund on the path the case runs (hardened since CASE_INTEGRITY). When the refund is the
 * claim's only movement (`onlyMovement`: no parcel left or came back, e.g. a reshipment out of
 * stock), one refused because other cases remedied the lines meanwhile closes the claim as rejected
 * (refund.ts); after a return or a lost reshipment such a refusal holds for ops, who know what came back.
 */
async function pay(ctx: CaseContext, amount: number, reason: string, onlyMovement = false): Promise<void> {
  if (!ctx.state.integrity) return payRefund(ctx, amount, reason);
  const remedied = await payRefundOnce(ctx, amount, reason, onlyMovement);
  if (remedied) return close(ctx, 'rejected', remedied);
}

async function fulfil(ctx: CaseContext, plan: ResolutionPlan, carrier: Carrier | null, amount: number): Promise<void> {
  decide(ctx, plan.resolution, plan.reasons);
  const pickupCarrier = carrier ?? ctx.order.carrier ?? 'SF';
  if (plan.resolution === 'refund') return pay(ctx, amount, ctx.input.caseType, true);
  if (plan.returnRequired) {
    const returned = ctx.state.integrity ? await collectReturnOnce(ctx, pickupCarrier) : await collectReturn(ctx, pickupCarrier);
    if (returned === 'withdrawn') return close(ctx, 'withdrawn', 'withdrawn by the customer before handing the return over');
    if (returned === 'not_shipped') return close(ctx, 'rejected', 'the return was not handed over before the deadline');
  }
  if (plan.resolution === 'return_and_refund') return pay(ctx, amount, 'return_and_refund');
  const shipped = carrier ? await reshipOnPath(ctx, carrier, plan.gift) : false;
  if (!shipped) {
    decide(ctx, 'refund', ['could not reship: refunding instead']);
    // Out of stock, the dispatch refused, no carrier: nothing left or came back, so the refund is the only movement.
    await pay(ctx, amount, 'reship_fallback', ctx.state.view.shipments.length === 0);
  }
}

async function reshipOnPath(ctx: CaseContext, carrier: Carrier, gift: boolean): Promise<boolean> {
  if (!ctx.state.integrity) return reship(ctx, carrier, gift);
  return (await reshipOnce(ctx, carrier, gift)) !== 'failed';
}

function decide(ctx: CaseContext, resolution: Resolution, reasons: string[]): void {
  ctx.state.decided(resolution, reasons);
}

async function close(ctx: CaseContext, resolution: Resolution, reason: string): Promise<void> {
  const { state } = ctx;
  if (!state.view.decision || state.view.decision.resolution !== resolution) decide(ctx, resolution, [reason]);
  state.closedWith(reason);
  await notifyCustomer(ctx, 'case_closed', { resolution });
}

async function finish(state: CaseState, ctx?: CaseContext): Promise<CaseView> {
  if (ctx && state.integrity) await drainAside(ctx);
  await condition(allHandlersFinished);
  return state.snapshot();
}

/**
 * Waits for the work left aside. A step aside may leave more (a message it sent that failed is resent
 * aside): since ASIDE_DRAINED that is waited for too. Before, the run ended without it, so a late
 * staff message that failed (e.g. "undo the manual refund") was never sent again. The patch is asked
 * only when the work aside grew while it was waited for.
 */
async function drainAside(ctx: CaseContext): Promise<void> {
  let count = ctx.aside.length;
  await Promise.all(ctx.aside);
  while (ctx.aside.length !== count && patched(ASIDE_DRAINED)) {
    count = ctx.aside.length;
    await Promise.all(ctx.aside);
  }
}

function daysSinceDelivery(order: OrderSnapshot): number | null {
  return order.deliveredAt ? (Date.now() - Date.parse(order.deliveredAt)) / 86_400_000 : null;
}

export type { Intake };
