/**
 * Intake, computed once: the order (held in `needs_attention` while the order system is down), and
 * from it one complete `Intake` value (region, remote flag, claimed lines and value, perishable,
 * triage, and why the claim is refused if it is). Later steps read it; none re-derives a default.
 */
import { ActivityFailure, ApplicationFailure, condition, log, patched } from '@temporalio/workflow';
import { failureType } from '../../activities/failures';
import type { ClaimedItem, Fen, OrderItem, OrderSnapshot, Region } from '../../domain/types';
import {
  claimableValue,
  claimWindow,
  refundAmount,
  regionOfDivision,
  remedyRefusal,
  triage as triageCase,
  unorderedClaims,
  unorderedClaimsReason,
  type PolicyConfig,
  type Triage,
} from '../../policy';
import { lookups } from './activities';
import { ATTENTION_RETRY_PAUSES, failureMessage, isRefusal } from './attention';
import { minutes } from './context';
import type { OpenCaseInput } from './contract';
import { CLAIM_QUANTITY_REASON, ORDER_REFUSAL_HELD, REJECT_UNKNOWN_ORDER, WITHDRAW_DURING_ORDER_OUTAGE } from './patches';
import { nowIso, type CaseState } from './state';

/** Everything a case knows once intake is done. */
export interface Intake {
  order: OrderSnapshot;
  region: Region;
  remote: boolean;
  /** The order lines the claim is about. */
  claimedLines: OrderItem[];
  /** The claim's value: each line at its price, capped (CASE_INTEGRITY) at what earlier cases left. */
  claimValue: Fen;
  perishable: boolean;
  triage: Triage;
  /** Exact days from delivery to the opening of the claim; null when the order is not delivered. */
  daysSinceDeliveryAtOpening: number | null;
  /** Why the claim cannot go on (window closed, items not in the order, already remedied). */
  refusal?: string;
}

/** Builds the Intake from the order and the claim. `integrity`: the CASE_INTEGRITY rules apply. */
export function buildIntake(input: OpenCaseInput, order: OrderSnapshot, policy: PolicyConfig, integrity: boolean): Intake {
  const region = regionOfDivision(order.destinationDivisionCode);
  const claimedLines = order.items.filter((i) => input.items.some((c) => c.sku === i.sku));
  const claimValue = integrity ? claimableValue(order.items, input.items) : claimedValue(order, input.items);
  const perishable = claimedLines.some((i) => i.category === 'fresh');
  const triage = triageCase(policy, {
    caseType: input.caseType,
    memberTier: order.memberTier,
    urgency: input.urgency,
    claimValue,
    perishable,
    parcelStuck: input.parcelStuck ?? false,
  });
  const openedAtMs = Date.parse(input.openedAt);
  const deliveredAtMs = order.deliveredAt ? Date.parse(order.deliveredAt) : undefined;
  const refusal = intakeRefusal(input, order, policy, openedAtMs, integrity);
  return {
    order,
    region: region.region,
    remote: region.remote,
    claimedLines,
    claimValue,
    perishable,
    triage,
    daysSinceDeliveryAtOpening: deliveredAtMs === undefined ? null : Math.max(0, openedAtMs - deliveredAtMs) / 86_400_000,
    ...(refusal ? { refusal } : {}),
  };
}

/** Why intake refuses the claim, or undefined. */
function intakeRefusal(input: OpenCaseInput, order: OrderSnapshot, policy: PolicyConfig, openedAtMs: number, integrity: boolean): string | undefined {
  const unordered = unorderedClaims(order.items, input.items);
  if (unordered.length > 0) {
    // Before CLAIM_QUANTITY_REASON a line claimed beyond its quantity was told "not in the order" too.
    const told = unordered.some((u) => u.ordered > 0) && patched(CLAIM_QUANTITY_REASON);
    return told ? unorderedClaimsReason(unordered) : `items not in the order: ${unordered.map((u) => u.sku).join(', ')}`;
  }
  const window = claimWindow(policy, {
    caseType: input.caseType,
    categories: order.items.filter((i) => input.items.some((c) => c.sku === i.sku)).map((i) => i.category),
    orderStatus: order.status,
    ...(order.deliveredAt ? { deliveredAtMs: Date.parse(order.deliveredAt) } : {}),
    openedAtMs,
  });
  if (!window.open) return window.reason;
  return integrity ? remedyRefusal(order.items, input.items) : undefined;
}

function claimedValue(order: OrderSnapshot, claimed: ClaimedItem[]): number {
  return refundAmount(
    claimed.flatMap((c) => {
      const item = order.items.find((i) => i.sku === c.sku);
      return item ? [{ unitPrice: item.unitPrice, quantity: c.quantity }] : [];
    }),
  );
}

/**
 * The order the claim is about. An unknown order closes the case as rejected (REJECT_UNKNOWN_ORDER);
 * since CASE_INTEGRITY an order system that stays down holds the case in `needs_attention` and is
 * asked again at growing pauses or when ops retry.
 */
export async function intakeOrder(state: CaseState, input: OpenCaseInput): Promise<OrderSnapshot | undefined> {
  // The case's first log line names the API request that opened it (a sink call: not replayed, no command).
  log.info('case intake started', { caseId: input.caseId, ...(input.requestId && { requestId: input.requestId }) });
  for (let round = 0; ; round++) {
    try {
      const order = await lookups.getOrder({ orderId: input.orderId });
      if (state.view.attention) {
        state.attentionCleared('get_order succeeded');
        state.resumeFrom('intake');
      }
      return order;
    } catch (err) {
      const notFound = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === failureType('orders', 'NotFound');
      if (notFound && patched(REJECT_UNKNOWN_ORDER)) return rejectUnknownOrder(state, input);
      if (!state.integrity || notFound) throw err;
      // A refusal waits for ops (ORDER_REFUSAL_HELD): a timer would only be answered the same.
      const refused = isRefusal(err) && patched(ORDER_REFUSAL_HELD);
      const pause = refused ? undefined : ATTENTION_RETRY_PAUSES[round];
      state.needsAttention({
        step: 'get_order',
        from: 'intake',
        since: state.view.attention?.since ?? nowIso(),
        lastError: failureMessage(err),
        refused,
        rounds: round + 1,
        ...(pause !== undefined ? { nextRetryAt: new Date(Date.now() + minutes(pause)).toISOString() } : {}),
      });
      const acted = () => state.attentionAction !== undefined || withdrawnMeanwhile(state);
      if (pause === undefined) await condition(acted);
      else await condition(acted, minutes(pause), { summary: 'get_order needs attention: next automatic retry' });
      if (withdrawnMeanwhile(state)) return closeWithdrawn(state);
      const action = state.attentionAction;
      state.attentionAction = undefined;
      if (action?.kind === 'settle') {
        state.attentionCleared(`get_order settled by hand by ${action.by} (${action.reference})`);
        return rejectUnknownOrder(state, input, `the order could not be read; closed by ${action.by} (${action.reference})`);
      }
    }
  }
}

/** The customer withdrew while intake waited on the order system (WITHDRAW_DURING_ORDER_OUTAGE). */
function withdrawnMeanwhile(state: CaseState): boolean {
  return state.withdrawn && patched(WITHDRAW_DURING_ORDER_OUTAGE);
}

/** Closes the case as withdrawn during intake: nothing was moved or sent, and the order is unread. */
function closeWithdrawn(state: CaseState): undefined {
  state.attentionAction = undefined;
  state.attentionCleared('get_order: the customer withdrew the case');
  state.decided('withdrawn', ['withdrawn by the customer while the order could not be read']);
  state.closedWith('withdrawn by the customer');
  return undefined;
}

function rejectUnknownOrder(state: CaseState, input: OpenCaseInput, why?: string): undefined {
  const reason = why ?? `order ${input.orderId} is not known to the order system`;
  state.view.decision = { resolution: 'rejected', reasons: [reason], decidedAt: nowIso() };
  state.record('decided', `rejected: ${reason}`);
  state.view.closeReason = reason;
  state.view.closedAt = nowIso();
  state.moveTo('closed');
  return undefined;
}
