/**
 * afterSalesCase: one execution per after-sales case, from intake to closure.
 *
 * intake (order, claim window, items) → triage → regional specialist → [response SLA + ladder and
 * resolution SLA run alongside] → verification → decision → reship | refund | return-then-refund |
 * replace → survey (low rating → callback) → closed. Rejections stay open to dispute and arbitration;
 * the customer may withdraw until something has moved.
 */
import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, patched } from '@temporalio/workflow';
import { failureType } from '../../activities/failures';
import type { Carrier, ClaimedItem, OrderSnapshot, Resolution } from '../../domain/types';
import {
  chooseCarrier,
  claimWindow,
  planResolution,
  policyFor,
  refundAmount,
  regionOfDivision,
  triage as triageCase,
  type ResolutionPlan,
} from '../../policy';
import { lookups } from './activities';
import { disputeWindow, runSurvey } from './closing';
import { addMinutes, notifyCustomer, notifyStaff, type CaseContext } from './context';
import type { CaseView, OpenCaseInput } from './contract';
import { collectReturn, payRefund, reship } from './fulfilment';
import { installHandlers } from './handlers';
import { REJECT_UNKNOWN_ORDER } from './patches';
import { watchResolutionSla, watchResponseSla } from './sla';
import { CaseState, nowIso } from './state';
import { verifyClaim } from './verification';

/** Runs one after-sales case to closure and returns its final view. */
export async function afterSalesCase(input: OpenCaseInput): Promise<CaseView> {
  const state = new CaseState(input);
  // Handlers are installed before the first await (so no early update is lost) and see the
  // context once intake has built it.
  const ref: { ctx?: CaseContext } = {};
  installHandlers(state, () => ref.ctx);
  state.sync();

  const policy = policyFor(input.policyVersion);
  const order = await intakeOrder(state, input);
  if (!order) return finish(state);
  const refusal = intakeRefusal(input, order, policy);
  const region = regionOfDivision(order.destinationDivisionCode);
  const claimValue = claimedValue(order, input.items);
  const perishable = claimedItems(order, input.items).some((i) => i.category === 'fresh');
  const triage = triageCase(policy, {
    caseType: input.caseType,
    memberTier: order.memberTier,
    urgency: input.urgency,
    claimValue,
    perishable,
    parcelStuck: input.parcelStuck ?? false,
  });
  Object.assign(state.view, { memberTier: order.memberTier, region: region.region, remote: region.remote, priority: triage.priority, claimValue });
  state.view.deadlines.responseDueAt = addMinutes(input.openedAt, triage.responseMinutes).toISOString();
  state.record('triaged', `${triage.priority}: ${triage.reasons.join('; ')}`);
  const ctx: CaseContext = { input, state, policy, order, triage, messageSeq: 0 };
  ref.ctx = ctx;

  if (refusal) {
    await close(ctx, 'rejected', refusal);
    return finish(state);
  }

  const specialist = await lookups.findSpecialist({ caseId: input.caseId, region: region.region, priority: triage.priority, dedicated: triage.dedicatedSpecialist });
  state.view.assignee = specialist.agentId;
  state.sync();
  await notifyStaff(ctx, specialist.agentId, 'case_assigned', { priority: triage.priority, dueAt: state.view.deadlines.responseDueAt });
  await notifyCustomer(ctx, 'case_opened', { respondWithinMinutes: triage.responseMinutes });

  const clocks = Promise.all([watchResponseSla(ctx), watchResolutionSla(ctx)]);
  await runCase(ctx, perishable);
  await clocks;
  return finish(state);
}

/** Verification, decision and fulfilment; always ends with the case closed. */
async function runCase(ctx: CaseContext, perishable: boolean): Promise<void> {
  const { state } = ctx;
  let verdict = await verifyClaim(ctx);
  if (verdict === 'withdrawn' || state.withdrawn) return close(ctx, 'withdrawn', 'withdrawn by the customer');
  if (verdict === 'no_evidence') return close(ctx, 'rejected', 'no evidence arrived before the deadline');
  if (verdict === 'rejected') {
    decide(ctx, 'rejected', ['the evidence does not support the claim']);
    const customerWon = await disputeWindow(ctx);
    if (state.withdrawn) return close(ctx, 'withdrawn', 'withdrawn by the customer');
    if (!customerWon) return close(ctx, 'rejected', 'the rejection stands');
    verdict = 'approved';
  }

  const choice = chooseCarrier(ctx.policy, { region: state.view.region ?? 'East', remote: state.view.remote ?? false, perishable });
  const plan = planResolution(ctx.policy, {
    caseType: ctx.input.caseType,
    categories: claimedItems(ctx.order, ctx.input.items).map((i) => i.category),
    memberTier: ctx.order.memberTier,
    claimValue: state.view.claimValue ?? 0,
    daysSinceDelivery: daysSinceDelivery(ctx.order),
    reshipReachable: choice.carrier !== null,
    ...(choice.carrier === null ? { unreachableBecause: choice.reason } : {}),
    ...(state.chosenResolution ? { preferred: state.chosenResolution } : {}),
  });
  const amount = state.partialRefundAmount ?? state.view.claimValue ?? 0;
  if (state.partialRefundAmount !== undefined) {
    decide(ctx, 'partial_refund', [`reviewer granted ${amount} fen`]);
    await payRefund(ctx, amount, 'partial_refund');
  } else {
    await fulfil(ctx, plan, choice.carrier, amount);
  }
  if (!state.closed) {
    await runSurvey(ctx);
    await close(ctx, state.view.decision?.resolution ?? 'refund', 'resolved');
  }
}

async function fulfil(ctx: CaseContext, plan: ResolutionPlan, carrier: Carrier | null, amount: number): Promise<void> {
  decide(ctx, plan.resolution, plan.reasons);
  const pickupCarrier = carrier ?? ctx.order.carrier ?? 'SF';
  if (plan.resolution === 'refund') return payRefund(ctx, amount, ctx.input.caseType);
  if (plan.returnRequired) {
    const returned = await collectReturn(ctx, pickupCarrier);
    if (returned === 'not_shipped') return close(ctx, 'rejected', 'the return was not handed over before the deadline');
  }
  if (plan.resolution === 'return_and_refund') return payRefund(ctx, amount, 'return_and_refund');
  const shipped = carrier ? await reship(ctx, carrier, plan.gift) : false;
  if (!shipped) {
    decide(ctx, 'refund', ['could not reship: refunding instead']);
    await payRefund(ctx, amount, 'reship_fallback');
  }
}

function decide(ctx: CaseContext, resolution: Resolution, reasons: string[]): void {
  ctx.state.view.decision = { resolution, reasons, decidedAt: nowIso() };
  ctx.state.record('decided', `${resolution}: ${reasons.join('; ')}`);
  ctx.state.sync();
}

async function close(ctx: CaseContext, resolution: Resolution, reason: string): Promise<void> {
  const { state } = ctx;
  if (!state.view.decision || state.view.decision.resolution !== resolution) decide(ctx, resolution, [reason]);
  state.view.closeReason = reason;
  state.view.closedAt = nowIso();
  state.moveTo('closed');
  await notifyCustomer(ctx, 'case_closed', { resolution });
}

async function finish(state: CaseState): Promise<CaseView> {
  await condition(allHandlersFinished);
  return state.snapshot();
}

/**
 * The order the claim is about. An order the order system does not know closes the case as
 * rejected, with the reason in the view (before REJECT_UNKNOWN_ORDER the workflow failed).
 */
async function intakeOrder(state: CaseState, input: OpenCaseInput): Promise<OrderSnapshot | undefined> {
  try {
    return await lookups.getOrder({ orderId: input.orderId });
  } catch (err) {
    const notFound = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === failureType('orders', 'NotFound');
    if (!notFound || !patched(REJECT_UNKNOWN_ORDER)) throw err;
    const reason = `order ${input.orderId} is not known to the order system`;
    state.view.decision = { resolution: 'rejected', reasons: [reason], decidedAt: nowIso() };
    state.record('decided', `rejected: ${reason}`);
    state.view.closeReason = reason;
    state.view.closedAt = nowIso();
    state.moveTo('closed');
    return undefined;
  }
}

/** Why intake refuses the claim (window closed, items not in the order), or undefined. */
function intakeRefusal(input: OpenCaseInput, order: OrderSnapshot, policy: ReturnType<typeof policyFor>): string | undefined {
  const missing = input.items.filter((c) => !order.items.some((i) => i.sku === c.sku && i.quantity >= c.quantity));
  if (missing.length > 0) return `items not in the order: ${missing.map((m) => m.sku).join(', ')}`;
  const window = claimWindow(policy, {
    caseType: input.caseType,
    categories: claimedItems(order, input.items).map((i) => i.category),
    orderStatus: order.status,
    ...(order.deliveredAt ? { deliveredAtMs: Date.parse(order.deliveredAt) } : {}),
    openedAtMs: Date.parse(input.openedAt),
  });
  return window.open ? undefined : window.reason;
}

function claimedItems(order: OrderSnapshot, claimed: ClaimedItem[]) {
  return order.items.filter((i) => claimed.some((c) => c.sku === i.sku));
}

function claimedValue(order: OrderSnapshot, claimed: ClaimedItem[]): number {
  return refundAmount(claimed.flatMap((c) => {
    const item = order.items.find((i) => i.sku === c.sku);
    return item ? [{ unitPrice: item.unitPrice, quantity: c.quantity }] : [];
  }));
}

function daysSinceDelivery(order: OrderSnapshot): number | null {
  return order.deliveredAt ? (Date.now() - Date.parse(order.deliveredAt)) / 86_400_000 : null;
}
