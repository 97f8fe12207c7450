/**
 * Issue 8, problems 1 and 2 at real durations: no external failure fails a case. A movement whose
 * retries run out holds the case in needs_attention (view names the step and error, staff told),
 * from which an automatic round or ops recover it with the same idempotency key; a refusal is never
 * retried on a timer; messages and look-ups degrade; a case waiting weeks on a failing system keeps a
 * bounded history. Every case here ends running or closed, never failed.
 */
import { retryStepUpdate, settleStepUpdate, withdrawUpdate, type CaseView } from '../../src/workflows/case/contract';
import { newWorld, reach, view, type CaseHandle, useCaseHarness } from '../support/case-harness';
import { effects, type FakeWorld } from '../support/fake-activities';
import { order } from '../support/orders';
import { carrierEvent, jacket, notRunningFailed, seafood, staffMessages } from './integrity-support';

const h = useCaseHarness();

const events = (v: CaseView) => v.timeline.map((t) => t.event);

/** A spoiled case whose refund was paid at the first try, every answer lost and its look-up down: held in needs_attention. */
async function refundPaidAnswersLost(world: FakeWorld): Promise<CaseHandle> {
  world.lostAnswers.issueRefund = Infinity;
  world.outages.lookupRefund = Infinity;
  const handle = await spoiledCase();
  await h.env.sleep('5 minutes');
  const v = await view(handle);
  expect(v.status).toBe('needs_attention');
  expect(events(v)).toContain('reconcile_failed');
  expect(effects(world, 'issueRefund')).toHaveLength(1);
  return handle;
}

async function spoiledCase(): Promise<CaseHandle> {
  return h.open({ orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: [{ url: 'https://img.example/c.jpg?score=0.95', kind: 'item' }] });
}

describe('problem 1: an outage never fails the case', () => {
  test('the warehouse is down for quarantine after the goods arrived: needs_attention, then ops retry with the same key and the refund is paid', async () => {
    const world = newWorld([jacket(await h.now())]);
    await h.run(world, async () => {
      const handle = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'return_no_reason', items: [{ sku: 'SKU-JACKET', quantity: 1 }] });
      await reach(handle, 'awaiting_return_shipment');
      await carrierEvent(handle, 'return_pickup', 'picked_up');
      await reach(handle, 'awaiting_return_receipt');
      world.outages.quarantineReturn = Infinity;
      await carrierEvent(handle, 'return_pickup', 'delivered');
      await h.env.sleep('2 minutes'); // the activity's own five attempts run out
      let v = await view(handle);
      expect(v.status).toBe('needs_attention');
      expect(v.attention).toMatchObject({ step: 'quarantine_return', from: 'awaiting_return_receipt', refused: false });
      expect(v.attention?.lastError).toContain('unavailable');
      expect(v.attention?.nextRetryAt).toBeDefined();
      expect(staffMessages(world).some((m) => m.params.step === 'quarantine_return')).toBe(true);
      expect(v.escalations.map((e) => e.reason)).toContain('step_needs_attention');
      // The assignee and the rung's contact are told a step needs a person, not that an SLA breached.
      const alerts = staffMessages(world).filter((m) => m.params.reason === 'needs_attention' || m.params.reason === 'step_needs_attention');
      expect(alerts.map((m) => [m.recipientId, m.template])).toEqual([
        [v.assignee, 'step_needs_attention'],
        [v.escalations[0]!.contactId, 'step_needs_attention'],
      ]);
      expect(v.escalationLevel).toBe(0); // an alert, not a climb
      await notRunningFailed(handle);

      world.outages.quarantineReturn = 0;
      await handle.executeUpdate(retryStepUpdate, { args: [{ by: 'OPS-1' }] });
      v = await reach(handle, 'awaiting_survey');
      expect(v.attention).toBeUndefined();
      expect(events(v)).toEqual(expect.arrayContaining(['needs_attention', 'retry_requested', 'attention_cleared', 'return_quarantined', 'refund_paid']));
      const keys = world.calls.filter((c) => c.name === 'quarantineReturn').map((c) => (c.input as { idempotencyKey: string }).idempotencyKey);
      expect(new Set(keys).size).toBe(1);
      expect(effects(world, 'quarantineReturn')).toHaveLength(1);
      expect(effects(world, 'issueRefund')).toHaveLength(1);
    });
  });

  test('an outage that ends by itself: the automatic round 30 minutes later pays the refund', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      world.outages.issueRefund = 5; // exactly the activity's attempts: one failed round
      const handle = await spoiledCase();
      await h.env.sleep('2 minutes');
      expect((await view(handle)).status).toBe('needs_attention');
      await h.env.sleep('30 minutes');
      const v = await view(handle);
      expect(v.status).toBe('awaiting_survey');
      expect(v.refund).toMatchObject({ status: 'paid' });
      expect(effects(world, 'issueRefund')).toHaveLength(1);
    });
  });

  test('payments down for four weeks: the history stays bounded and stops growing after the automatic week', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      world.outages.issueRefund = Infinity;
      const handle = await spoiledCase();
      await h.env.sleep('14 days');
      const atTwoWeeks = (await handle.fetchHistory()).events?.length ?? 0;
      await h.env.sleep('14 days');
      const atFourWeeks = (await handle.fetchHistory()).events?.length ?? 0;
      const v = await view(handle);
      expect(v.status).toBe('needs_attention');
      expect(v.attention?.nextRetryAt).toBeUndefined(); // only ops retry now
      process.stdout.write(`[figure] history events of a case with payments down: ${atTwoWeeks} at 2 weeks, ${atFourWeeks} at 4 weeks\n`);
      expect(atFourWeeks).toBe(atTwoWeeks);
      expect(atFourWeeks).toBeLessThan(600);
      await notRunningFailed(handle);
      // Ops retry once payments are back; the refund is paid exactly once.
      world.outages.issueRefund = 0;
      await handle.executeUpdate(retryStepUpdate, { args: [{ by: 'OPS-1' }] });
      expect((await reach(handle, 'awaiting_survey')).refund?.status).toBe('paid');
      expect(effects(world, 'issueRefund')).toHaveLength(1);
    });
  });

  test('payments down, the look-up of the refund too: needs_attention within three minutes (the look-up gives up after two), so ops can act', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      Object.assign(world.outages, { issueRefund: Infinity, lookupRefund: Infinity });
      const handle = await spoiledCase();
      await h.env.sleep('3 minutes');
      const v = await view(handle);
      expect(v.status).toBe('needs_attention');
      expect(v.attention).toMatchObject({ step: 'refund', refused: false });
      expect(events(v)).toContain('reconcile_failed');
      await notRunningFailed(handle);
    });
  });

  test('the order system is down at intake: the case waits in needs_attention on get_order, then goes on when ops retry', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      world.outages.getOrder = Infinity;
      const handle = await spoiledCase();
      await h.env.sleep('15 minutes'); // the look-up's own ten minutes of retries run out
      let v = await view(handle);
      expect(v.status).toBe('needs_attention');
      expect(v.attention).toMatchObject({ step: 'get_order', from: 'intake', refused: false });
      await notRunningFailed(handle);
      world.outages.getOrder = 0;
      await handle.executeUpdate(retryStepUpdate, { args: [{ by: 'OPS-1' }] });
      v = await reach(handle, 'awaiting_survey');
      expect(v.attention).toBeUndefined();
      expect(v.refund?.status).toBe('paid');
    });
  });

  test('the order system refuses the order at intake: held for ops as a refusal, not asked again on a timer; goes on when ops retry', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      world.refusals.getOrder = { type: 'OrdersRejected', message: 'order locked for audit' };
      const handle = await spoiledCase();
      await h.env.sleep('3 hours'); // an outage would have been asked again after 30 minutes and 2 hours
      const v = await view(handle);
      expect(v.status).toBe('needs_attention');
      expect(v.attention).toMatchObject({ step: 'get_order', from: 'intake', refused: true });
      expect(v.attention?.nextRetryAt).toBeUndefined();
      expect(world.calls.filter((c) => c.name === 'getOrder')).toHaveLength(1);
      await notRunningFailed(handle);
      delete world.refusals.getOrder;
      await handle.executeUpdate(retryStepUpdate, { args: [{ by: 'OPS-1' }] });
      expect((await reach(handle, 'awaiting_survey')).refund?.status).toBe('paid');
    });
  });

  test('the order system is down at intake and the customer withdraws: the case closes at once, withdrawn, having sent and moved nothing', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      world.outages.getOrder = Infinity;
      const handle = await spoiledCase();
      await h.env.sleep('15 minutes'); // the look-up's own ten minutes of retries run out
      expect((await view(handle)).attention).toMatchObject({ step: 'get_order', from: 'intake' });
      const withdrawal = await handle.startUpdate(withdrawUpdate, { args: [{ reason: 'bought it elsewhere' }], waitForStage: 'ACCEPTED' });
      // A minute on (the next automatic round is 30 minutes away): the case has closed.
      await h.env.sleep('1 minute');
      const v = await view(handle);
      expect(v.status).toBe('closed');
      expect(v.attention).toBeUndefined();
      expect(v.decision?.resolution).toBe('withdrawn');
      expect(v.closeReason).toBe('withdrawn by the customer');
      expect(events(v)).toEqual(expect.arrayContaining(['needs_attention', 'withdrawn', 'attention_cleared']));
      expect((await withdrawal.result()).status).toBe('closed');
      expect((await handle.result()).status).toBe('closed');
      // Nothing but the order look-up was called: no message, no photo scoring, no specialist.
      expect(new Set(world.calls.map((c) => c.name))).toEqual(new Set(['getOrder']));
    });
  });

  test('a notification outage at opening holds each message two minutes, not ten; once notifications work again the failed messages are sent again, each once', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      Object.assign(world.outages, { notifyCustomer: Infinity, notifyStaff: Infinity });
      const handle = await spoiledCase();
      // case_assigned, case_opened, refund_accepted, refund_paid: four messages of two minutes each
      // before the survey (forty minutes at ten each).
      await h.env.sleep('15 minutes');
      let v = await view(handle);
      expect(v.status).toBe('awaiting_survey');
      expect(v.refund?.status).toBe('paid');
      expect(events(v).filter((e) => e === 'notification_failed').length).toBeGreaterThanOrEqual(4);
      expect(events(v)).not.toContain('customer_notified:case_opened');

      Object.assign(world.outages, { notifyCustomer: 0, notifyStaff: 0 });
      await h.env.sleep('1 hour');
      v = await view(handle);
      expect(events(v)).toEqual(expect.arrayContaining(['notification_resent', 'customer_notified:case_opened', 'customer_notified:refund_paid']));
      // Every message went out once: one delivery per idempotency key.
      const sent = effects(world, 'notifyCustomer').length + effects(world, 'notifyStaff').length;
      const keys = new Set(world.calls.filter((c) => c.name === 'notifyCustomer' || c.name === 'notifyStaff').map((c) => (c.input as { idempotencyKey: string }).idempotencyKey));
      expect(sent).toBe(keys.size);
      expect(keys.size).toBeGreaterThanOrEqual(4);
      await notRunningFailed(handle);
    });
  });

  test('a directory outage routes a new case to the regional queue within two minutes, not ten', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      world.outages.findSpecialist = Infinity;
      const handle = await spoiledCase();
      await h.env.sleep('3 minutes');
      const v = await view(handle);
      expect(v.assignee).toBe('QUEUE-EAST-SPECIALIST');
      expect(events(v)).toContain('directory_failed');
      await notRunningFailed(handle);
    });
  });

  test('messages and look-ups degrade: no directory, no notifications, no photo scoring, the case still goes on', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      Object.assign(world.outages, { findSpecialist: Infinity, notifyCustomer: Infinity, notifyStaff: Infinity, scorePhotos: Infinity, findEscalationContact: Infinity });
      const handle = await spoiledCase();
      // Each failing look-up and message retries for up to ten minutes, in turn: about an hour of
      // server time in all, more or less by where the skips land (CI once read the case still in
      // intake at exactly one hour), so skip on in ten-minute steps until it gets there.
      await h.env.sleep('1 hour');
      const v = await h.skipUntil(handle, 'awaiting_review'); // no score: a human decides
      expect(v.assignee).toBe('QUEUE-EAST-SPECIALIST');
      expect(events(v)).toEqual(expect.arrayContaining(['directory_failed', 'notification_failed', 'photo_scoring_failed']));
      await notRunningFailed(handle);
    });
  });
});

describe('compensation', () => {
  test('the carrier refuses the waybill and the warehouse is down for the stock release: the refund is paid at once, the release is retried aside until it goes through', async () => {
    const world = newWorld([order(await h.now(), { orderId: 'ORD-MUG' })], { dispatchRefused: true });
    await h.run(world, async () => {
      world.outages.releaseStock = 5; // one failed round of the activity's own attempts
      const handle = await h.open({ orderId: 'ORD-MUG', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }], evidence: [{ url: 'https://img.example/m.jpg?score=0.95', kind: 'item' }] });
      await h.env.sleep('2 minutes');
      let v = await view(handle);
      expect(v.status).toBe('awaiting_survey');
      expect(v.refund?.status).toBe('paid');
      expect(events(v)).toContain('side_effect_failing');
      expect(events(v)).not.toContain('stock_released');
      await h.env.sleep('31 minutes');
      v = await view(handle);
      expect(events(v)).toContain('stock_released');
      expect(effects(world, 'releaseStock')).toHaveLength(1);
      await notRunningFailed(handle);
    });
  });
});

describe('problem 2: a refusal is not an outage', () => {
  test('payments refuse the refund: needs_attention with the reason at once, no timed retries for days, the agent settles it by hand', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      world.refusals.issueRefund = { type: 'PaymentsRejected', message: 'payments refused: amount_exceeds_refundable' };
      const handle = await spoiledCase();
      await h.env.sleep('1 minute');
      let v = await view(handle);
      expect(v.status).toBe('needs_attention');
      expect(v.attention).toMatchObject({ step: 'refund', refused: true, lastError: 'payments refused: amount_exceeds_refundable' });
      expect(v.attention?.nextRetryAt).toBeUndefined();
      expect(staffMessages(world).some((m) => m.template === 'refund_payment_failing')).toBe(true);
      expect(staffMessages(world).map((m) => m.template)).not.toContain('sla_breached'); // nothing breached
      await h.env.sleep('3 days');
      expect(world.calls.filter((c) => c.name === 'issueRefund')).toHaveLength(1);
      await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'AG-EAST-01', reference: 'bank transfer BT-77' }] });
      v = await reach(handle, 'awaiting_survey');
      expect(v.refund).toMatchObject({ status: 'paid', refundId: 'manual:bank transfer BT-77' });
      expect(effects(world, 'issueRefund')).toHaveLength(0);
    });
  });

  test('a refund that went through with its answer lost, its look-up down too: ops settling it by hand are looked up first; the case keeps the real refund and ops are told to undo theirs', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      const handle = await refundPaidAnswersLost(world);
      world.outages.lookupRefund = 0; // the payment system answers again
      await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference: 'BANK-TRANSFER-77' }] });
      const v = await reach(handle, 'awaiting_survey');
      expect(v.refund).toMatchObject({ status: 'paid', refundId: expect.stringMatching(/^RF-/) });
      expect(v.timeline.find((t) => t.event === 'settle_not_needed')?.detail).toMatch(/settlement was not needed; undo it by hand \(settled by OPS-1, BANK-TRANSFER-77\)/);
      // The assignee and the one who settled (the settle update had already answered) are told.
      expect(staffMessages(world).filter((m) => m.params.reason === 'settlement_not_needed').map((m) => m.recipientId).sort()).toEqual(['AG-EAST-P1', 'OPS-1']);
      expect(effects(world, 'issueRefund')).toHaveLength(1);
    });
  });

  test('the same, with the look-up still down when ops settle: the settlement is taken, marked unverified, and both told to check', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      const handle = await refundPaidAnswersLost(world);
      const settled = handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference: 'BANK-TRANSFER-78' }] });
      await h.env.sleep('3 minutes'); // the look-up's two minutes
      await settled;
      const v = await reach(handle, 'awaiting_survey');
      expect(v.refund).toMatchObject({ status: 'paid', refundId: 'manual:BANK-TRANSFER-78' });
      expect(v.timeline.find((t) => t.event === 'settle_unverified')?.detail).toMatch(/could not be looked up: the system may have done it too/);
      expect(staffMessages(world).filter((m) => m.params.reason === 'settlement_unverified').map((m) => m.recipientId).sort()).toEqual(['AG-EAST-P1', 'OPS-1']);
      world.outages.lookupRefund = 0;
    });
  });

  test('ops settle the step the moment the case shows needs_attention, while staff are still being told: the action is not lost', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      world.refusals.issueRefund = { type: 'PaymentsRejected', message: 'payments refused: amount_exceeds_refundable' };
      const handle = await spoiledCase();
      await reach(handle, 'needs_attention');
      await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'AG-EAST-01', reference: 'BT-78' }] });
      const v = await reach(handle, 'awaiting_survey');
      expect(v.refund).toMatchObject({ status: 'paid', refundId: 'manual:BT-78' });
    });
  });

  test('the warehouse is down for the stock reservation and ops settle that step: the whole reshipment counts as done by hand, nothing dispatched', async () => {
    const world = newWorld([order(await h.now(), { orderId: 'ORD-MUG-SETTLED' })]);
    await h.run(world, async () => {
      world.outages.reserveStock = Infinity;
      const handle = await h.open({
        orderId: 'ORD-MUG-SETTLED',
        caseType: 'damaged',
        items: [{ sku: 'SKU-MUG', quantity: 1 }],
        evidence: [{ url: 'https://img.example/mug.jpg?score=0.95', kind: 'item' }, { url: 'https://img.example/box.jpg?score=0.95', kind: 'parcel' }],
      });
      let v = await reach(handle, 'needs_attention');
      expect(v.attention).toMatchObject({ step: 'reserve_stock', refused: false });
      await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference: 'RSV-MANUAL-1' }] });
      v = await reach(handle, 'awaiting_survey');
      expect(events(v)).toContain('reshipment_handled_by_hand');
      expect(v.shipments).toHaveLength(0);
      expect(world.calls.filter((c) => c.name === 'dispatchReshipment')).toHaveLength(0);
      expect(effects(world, 'reserveStock')).toHaveLength(0);
    });
  });

  test('retryStep and settleStep are refused while nothing needs attention', async () => {
    const world = newWorld([order(await h.now(), { orderId: 'ORD-MUG' })]);
    await h.run(world, async () => {
      const handle = await h.open({ orderId: 'ORD-MUG', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }] });
      await reach(handle, 'awaiting_evidence');
      const refused = await handle.executeUpdate(retryStepUpdate, { args: [{ by: 'OPS-1' }] }).catch((err: Error) => err);
      expect((refused as Error).cause).toMatchObject({ type: 'CaseStateConflict', message: expect.stringMatching(/nothing needs attention/) });
      const settle = await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference: 'x' }] }).catch((err: Error) => err);
      expect((settle as Error).cause).toMatchObject({ type: 'CaseStateConflict' });
    });
  });
});
