/**
 * A settlement taken unverified (its look-up failed) is looked up again aside
 * (UNVERIFIED_SETTLEMENT_RECHECKED). Trial C: once payments recovered, nothing looked again, so a
 * refund both paid by the system and settled by hand was found only if ops went back to check.
 */
import { feedbackUpdate, settleStepUpdate, type CaseView } from '../../src/workflows/case/contract';
import { newWorld, reach, view, type CaseHandle, useCaseHarness } from '../support/case-harness';
import { effects, type FakeWorld } from '../support/fake-activities';
import { seafood, staffMessages } from './integrity-support';

const h = useCaseHarness();
const events = (v: CaseView) => v.timeline.map((t) => t.event);
const photo = [{ url: 'https://img.example/c.jpg?score=0.95', kind: 'item' as const }];

/** A spoiled claim whose refund fails (as `world` says) with its look-up down; ops settle it, taken unverified. */
async function settledUnverified(world: FakeWorld): Promise<CaseHandle> {
  world.outages.lookupRefund = Infinity;
  const handle = await h.open({ orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo });
  await h.env.sleep('5 minutes');
  await reach(handle, 'needs_attention');
  const settled = handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference: 'BANK-TRANSFER-80' }] });
  await h.env.sleep('3 minutes'); // the settlement's look-up: two minutes of retries
  await settled;
  const v = await reach(handle, 'awaiting_survey');
  expect(events(v)).toContain('settle_unverified');
  return handle;
}

test('paid by the system too: when payments answer again the look-up finds it, and the assignee and the settler are told to undo theirs', async () => {
  const world = newWorld([seafood(await h.now())], { omsMissesMovements: true }); // the OMS cannot tell it first
  world.lostAnswers.issueRefund = Infinity; // paid at the first try, every answer lost
  await h.run(world, async () => {
    const handle = await settledUnverified(world);
    world.outages.lookupRefund = 0;
    await h.env.sleep('31 minutes');
    const v = await reach(handle, 'awaiting_survey');
    expect(v.timeline.find((t) => t.event === 'settle_duplicated')?.detail).toMatch(/^refund was done by the system too \(found by its idempotency key\): the customer was refunded twice; undo the settlement by hand \(settled by OPS-1, BANK-TRANSFER-80\)$/);
    expect(staffMessages(world).filter((m) => m.params.reason === 'settlement_duplicated').map((m) => m.recipientId).sort()).toEqual(['AG-EAST-P1', 'OPS-1']);
    expect(effects(world, 'issueRefund')).toHaveLength(1);
  });
});

test('not done by the system: the later look-up says the settlement stands, and nobody is told to undo it', async () => {
  const world = newWorld([seafood(await h.now())]);
  world.outages.issueRefund = Infinity; // payments down: nothing paid
  await h.run(world, async () => {
    const handle = await settledUnverified(world);
    world.outages.lookupRefund = 0;
    await h.env.sleep('31 minutes');
    const v = await reach(handle, 'awaiting_survey');
    expect(v.timeline.find((t) => t.event === 'settle_verified')?.detail).toBe('refund: not done by the system (looked up by its idempotency key); the settlement by OPS-1 stands');
    expect(events(v)).not.toContain('settle_duplicated');
    expect(staffMessages(world).filter((m) => m.params.reason === 'settlement_duplicated')).toHaveLength(0);
    expect(effects(world, 'issueRefund')).toHaveLength(0);
  });
});

test('a look-up that stays down: tried after pauses of 30 min, 2 h, 8 h, a day and a day, then both are told to check by hand', async () => {
  const world = newWorld([seafood(await h.now())]);
  world.lostAnswers.issueRefund = Infinity;
  await h.run(world, async () => {
    const handle = await settledUnverified(world);
    const failedBefore = events(await view(handle)).filter((e) => e === 'reconcile_failed').length;
    await h.env.sleep('2 days');
    // 30 min + 2 h + 8 h + 1 day: four later look-ups so far, the fifth a day later.
    expect(events(await view(handle)).filter((e) => e === 'reconcile_failed').length - failedBefore).toBe(4);
    expect(events(await view(handle))).not.toContain('settle_still_unverified');
    await h.env.sleep('1 day');
    const v = await view(handle); // the survey may have closed the case meanwhile
    expect(events(v).filter((e) => e === 'reconcile_failed').length - failedBefore).toBe(5);
    expect(v.timeline.find((t) => t.event === 'settle_still_unverified')?.detail).toMatch(/still could not be looked up after 2\.5 days: check by hand/);
    expect(staffMessages(world).filter((m) => m.params.reason === 'settlement_unverified').map((m) => m.recipientId).sort()).toEqual(['AG-EAST-P1', 'OPS-1']);
    expect(staffMessages(world).filter((m) => m.params.reason === 'settlement_still_unverified').map((m) => m.recipientId).sort()).toEqual(['AG-EAST-P1', 'OPS-1']);
  });
});

test('the message telling them to undo theirs fails at first: the closed case waits for its resend before its run ends', async () => {
  const world = newWorld([seafood(await h.now())], { omsMissesMovements: true });
  world.lostAnswers.issueRefund = Infinity;
  await h.run(world, async () => {
    const handle = await settledUnverified(world);
    await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 5 }] });
    await reach(handle, 'closed'); // the run waits for the look-up left aside
    // Closed, its run still finishing aside: an action is refused as closed (the API's case_closed), not as a state conflict.
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const late = await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 4 }] }).catch((err: unknown) => err);
    expect((late as Error).cause).toMatchObject({ type: 'CaseClosed' });
    world.outages.lookupRefund = 0;
    world.outages.notifyStaff = Infinity; // the notification service is down when the look-up finds the refund
    await h.env.sleep('35 minutes');
    const duplicated = () => staffMessages(world).filter((m) => m.params.reason === 'settlement_duplicated').length;
    const failedTries = duplicated();
    expect(failedTries).toBeGreaterThan(0);
    world.outages.notifyStaff = 0;
    await h.env.sleep('15 minutes'); // the first resend pause is 10 minutes
    expect(duplicated()).toBeGreaterThan(failedTries);
    const v = await view(handle);
    expect(events(v)).toContain('notification_resent');
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });
});
