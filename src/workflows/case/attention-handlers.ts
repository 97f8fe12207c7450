/**
 * The updates ops use on a case that needs attention (see attention.ts): retry the failing step with
 * the same idempotency key, or settle it by hand with a reference. Refused unless the case needs
 * attention.
 */
import { setCaseUpdate } from './keyed-updates';
import { refuse } from './context';
import { retryStepUpdate, settleStepUpdate } from './contract';
import { resultAfter } from './handlers';
import { nowIso, type CaseState } from './state';
/** Ops act on a case that needs attention: retry its step (same idempotency key) or settle it by hand. */
export function installAttentionHandlers(state: CaseState): void {
  const heldStep = () => state.view.attention?.step ?? '?';
  const validator = (_input: unknown): void => {
    if (state.status !== 'needs_attention' || !state.view.attention) {
      const last = state.lastAttentionAction;
      const taken = last ? `; the last action was a ${last.kind === 'retry' ? 'retry' : 'settlement'} of ${last.step} by ${last.by} at ${last.at}` : '';
      refuse(`nothing needs attention while the case is ${state.status}${taken}`);
    }
    // One action per round: a second one sent with the first (same workflow task) would silently replace it.
    const taken = state.attentionAction;
    if (taken) refuse(`a ${taken.kind === 'retry' ? 'retry' : 'settlement'} of ${state.view.attention.step} was already asked by ${taken.by}; wait for its outcome`);
  };
  setCaseUpdate(
    state,
    retryStepUpdate,
    async ({ by }) => {
      state.record('retry_requested', `${heldStep()} by ${by}`);
      state.attentionAction = { kind: 'retry', by };
      state.lastAttentionAction = { kind: 'retry', by, step: heldStep(), at: nowIso() };
      return resultAfter(state, 'needs_attention');
    },
    { validator, description: 'Retry the failing step with the same idempotency key.' },
  );
  setCaseUpdate(
    state,
    settleStepUpdate,
    async ({ by, reference, stockUsed }) => {
      // On the timeline at once: a settlement may wait for its look-up before the case records its outcome.
      const stock = stockUsed === undefined ? '' : stockUsed ? '; the reserved stock was used' : '; the reserved stock was not used';
      state.record('settle_requested', `${heldStep()} by ${by} (${reference})${stock}`);
      state.attentionAction = { kind: 'settle', by, reference, ...(stockUsed !== undefined && { stockUsed }) };
      state.lastAttentionAction = { kind: 'settle', by, step: heldStep(), at: nowIso() };
      return resultAfter(state, 'needs_attention');
    },
    {
      validator: ({ reference, stockUsed }) => {
        validator(reference);
        if (reference.trim().length === 0) refuse('a settlement needs the reference of what was done by hand');
        if (stockUsed !== undefined && heldStep() !== 'dispatch_reshipment') refuse(`stockUsed applies to a settled dispatch_reshipment only, not to ${heldStep()}`);
      },
      description: 'The failing step was carried out by hand; the case moves on.',
    },
  );
}
