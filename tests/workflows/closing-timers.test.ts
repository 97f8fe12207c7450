/**
 * Closing at real durations: the 3-day survey, the 1-day callback a low rating opens (escalating
 * when it lapses), and for a rejection the 7-day dispute window and the platform's 7 days to rule.
 */
import { CURRENT_POLICY_VERSION, policyFor } from '../../src/policy';
import {
  acknowledgeUpdate,
  addNoteUpdate,
  arbitrationRulingUpdate,
  disputeUpdate,
  feedbackUpdate,
  type CaseView,
} from '../../src/workflows/case/contract';
import { newWorld, reach, view, type CaseHandle, useCaseHarness } from '../support/case-harness';
import { effects } from '../support/fake-activities';
import { order } from '../support/orders';
import { refundedCrab } from '../support/refunded-crab';

const policy = policyFor(CURRENT_POLICY_VERSION);
const rule = (state: string) => policy.waiting.find((w) => w.state === state);
const events = (v: CaseView) => v.timeline.map((t) => t.event);

const h = useCaseHarness();

/** Spoiled crab in Shanghai with a clear photo: refunded at once, then surveyed. */
const refundedCase = () => refundedCrab(h);

/** A damaged jacket whose photo the model rejects (0.1): rejected, open to dispute. */
async function rejectedCase() {
  const world = newWorld([
    order(await h.now(), { orderId: 'ORD-JACKET', items: [{ sku: 'SKU-JACKET', title: 'Jacket', category: 'apparel', unitPrice: 45_900, quantity: 1 }] }),
  ]);
  const open = async (): Promise<CaseHandle> => {
    const handle = await h.open({
      orderId: 'ORD-JACKET',
      caseType: 'damaged',
      items: [{ sku: 'SKU-JACKET', quantity: 1 }],
      evidence: [{ url: 'https://img.example/jacket.jpg?score=0.1', kind: 'item' }],
    });
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-EAST-P1' }] });
    await reach(handle, 'rejected_open_to_dispute');
    await h.settle();
    return handle;
  };
  return { world, open };
}

test('the policy under test: survey 3 days, callback 1 day, dispute and ruling 7 days each, ratings up to 2 are low', () => {
  expect(rule('awaiting_survey')).toMatchObject({ deadlineMinutes: 3 * 24 * 60, onDeadline: 'close' });
  expect(rule('awaiting_callback')).toMatchObject({ deadlineMinutes: 24 * 60, onDeadline: 'escalate' });
  expect(rule('awaiting_arbitration')).toMatchObject({ deadlineMinutes: 7 * 24 * 60, onDeadline: 'close' });
  expect(policy.lowRatingAtMost).toBe(2);
});

test('no survey answer within 3 days: closed with its resolution', async () => {
  const { world, open } = await refundedCase();
  await h.run(world, async () => {
    const handle = await open();
    await h.env.sleep('71 hours');
    expect((await view(handle)).status).toBe('awaiting_survey');
    await h.env.sleep('2 hours');
    const v = await view(handle);
    expect(events(v)).toContain('survey_expired');
    expect(v).toMatchObject({ status: 'closed', closeReason: 'resolved', decision: { resolution: 'refund' } });
  });
});

test('a good rating closes the case at once', async () => {
  const { world, open } = await refundedCase();
  await h.run(world, async () => {
    const handle = await open();
    await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 3 }] });
    const v = await reach(handle, 'closed');
    expect(v.feedback?.rating).toBe(3);
  });
});

test('a low rating opens a callback; not done within a day it escalates, and the case closes a day later', async () => {
  const { world, open } = await refundedCase();
  await h.run(world, async () => {
    const handle = await open();
    await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 1, comment: 'took too long' }] });
    await reach(handle, 'awaiting_callback');
    expect(world.calls.filter((c) => c.name === 'notifyStaff').map((c) => (c.input as { template: string }).template)).toContain('follow_up_requested');

    await h.env.sleep('23 hours');
    expect((await view(handle)).escalations).toEqual([]);
    await h.env.sleep('2 hours');
    let v = await view(handle);
    expect(events(v)).toContain('follow_up_overdue');
    expect(v.escalations.map((e) => e.reason)).toEqual(['follow_up_overdue']);
    expect(v.status).toBe('awaiting_callback');

    await h.env.sleep('1 day');
    v = await view(handle);
    expect(v.status).toBe('closed');
  });
});

test('a low rating called back in time: closed, nothing escalated', async () => {
  const { world, open } = await refundedCase();
  await h.run(world, async () => {
    const handle = await open();
    await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 2 }] });
    await reach(handle, 'awaiting_callback');
    await h.env.sleep('3 hours');
    await handle.executeUpdate(addNoteUpdate, { args: [{ author: 'AG-EAST-P1', text: 'called back, customer satisfied', callbackDone: true }] });
    const v = await reach(handle, 'closed');
    expect(v.escalations).toEqual([]);
    expect(effects(world, 'issueRefund')).toHaveLength(1);
  });
});

test('a rejection nobody disputes within 7 days stands', async () => {
  const { world, open } = await rejectedCase();
  await h.run(world, async () => {
    const handle = await open();
    await h.env.sleep('167 hours');
    expect((await view(handle)).status).toBe('rejected_open_to_dispute');
    await h.env.sleep('2 hours');
    const v = await view(handle);
    expect(v).toMatchObject({ status: 'closed', closeReason: 'the rejection stands', decision: { resolution: 'rejected' } });
  });
});

test('disputed, and the platform does not rule within 7 days: the rejection stands', async () => {
  const { world, open } = await rejectedCase();
  await h.run(world, async () => {
    const handle = await open();
    await h.env.sleep('2 days');
    await handle.executeUpdate(disputeUpdate, { args: [{ by: 'customer', reason: 'the jacket was torn on arrival' }] });
    await reach(handle, 'in_arbitration');
    await h.env.sleep('167 hours');
    expect((await view(handle)).status).toBe('in_arbitration');
    await h.env.sleep('2 hours');
    const v = await view(handle);
    expect(events(v)).toContain('arbitration_lapsed');
    expect(v).toMatchObject({ status: 'closed', decision: { resolution: 'rejected' } });
    expect(effects(world, 'issueRefund')).toHaveLength(0);
  });
});

test('disputed and ruled for the customer: the claim is approved and resolved', async () => {
  const { world, open } = await rejectedCase();
  await h.run(world, async () => {
    const handle = await open();
    await handle.executeUpdate(disputeUpdate, { args: [{ by: 'customer', reason: 'the jacket was torn on arrival' }] });
    await reach(handle, 'in_arbitration');
    await h.env.sleep('3 days');
    await handle.executeUpdate(arbitrationRulingUpdate, { args: [{ ruling: 'customer', reference: 'ARB-2026-0042' }] });
    await h.settle();
    const v = await view(handle);
    expect(events(v)).toContain('arbitration_ruled');
    expect(v.decision?.resolution).not.toBe('rejected');
    expect(['awaiting_delivery', 'awaiting_survey']).toContain(v.status);
  });
});

test('disputed and ruled for the merchant: closed as rejected', async () => {
  const { world, open } = await rejectedCase();
  await h.run(world, async () => {
    const handle = await open();
    await handle.executeUpdate(disputeUpdate, { args: [{ by: 'customer', reason: 'torn' }] });
    await reach(handle, 'in_arbitration');
    await handle.executeUpdate(arbitrationRulingUpdate, { args: [{ ruling: 'merchant', reference: 'ARB-2026-0043' }] });
    const v = await reach(handle, 'closed');
    expect(v).toMatchObject({ closeReason: 'the rejection stands', decision: { resolution: 'rejected' } });
  });
});
