/**
 * Exactly once, for real: a dev server, the worker as its own process with the real activities, the
 * sandbox over HTTP. The system that moves the money (or the parcel) fails its first calls, then the
 * worker process is killed (SIGKILL) while the call that succeeds is still in flight, so the worker
 * never reports it. Temporal times that attempt out (30 s start-to-close) and a fresh worker retries
 * with the same idempotency key: the ledger holds exactly one refund (one reservation, one
 * shipment), and shows the retry was answered from the first one.
 */
import type { SystemName } from '../../src/activities/systems';
import type { FaultConfig } from '../../src/sandbox/faults';
import { Stack, waitFor, type WorkerProcess } from '../support/stack';

let s: Stack;
beforeAll(async () => {
  s = await Stack.start('exactly-once');
}, 120_000);
afterAll(async () => {
  await s?.teardown();
});

const LATENCY_MS = 2_500;
// start-to-close 30 s for the lost attempt, its retry backoff, and the failing calls before it.
const SCENARIO_TIMEOUT_MS = 180_000;

function faults(system: SystemName, config: Partial<FaultConfig>): void {
  s.sandbox.state.faults.set(system, { errorRate: 0, status: 503, latencyMs: 0, timeoutRate: 0, failNext: 0, hangNext: 0, ...config });
}

const calls = (system: SystemName) => s.sandbox.state.stats[system].calls;

/** Waits until `system` has received call number `n` (it is then in flight: `latencyMs` long). */
async function untilCall(system: SystemName, n: number, worker: WorkerProcess): Promise<void> {
  await waitFor(`call ${n} to ${system}`, async () => (calls(system) >= n ? true : undefined), 60_000, () => worker.output().slice(-2000));
}

test(
  'payments fail twice, then the worker dies mid-refund: exactly one refund, the retry answered from it',
  async () => {
    // Every refund call takes 2.5 s; the first two answer 503 (retried 2 s and 4 s later).
    faults('payments', { latencyMs: LATENCY_MS, failNext: 2 });
    const before = calls('payments');
    const first = await s.spawnWorker();
    const caseId = await s.openCase({
      orderId: 'ORD-SEAFOOD-SH',
      caseType: 'spoiled',
      items: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }],
      evidence: [{ url: 'https://img.example/crab-spoiled.jpg', kind: 'item' }],
    });

    await untilCall('payments', before + 3, first);
    await first.kill(); // the third call, the one that pays, is still in flight
    expect(s.ledger('refund', caseId)).toHaveLength(0);
    // The sandbox finishes the call nobody is waiting for: the money has moved.
    await waitFor('the orphaned refund', async () => (s.ledger('refund', caseId).length ? true : undefined), 10_000);
    s.sandbox.state.faults.delete('payments');

    const second = await s.spawnWorker();
    const v = await s.reach(caseId, 'awaiting_survey', 120_000);
    await second.kill();

    expect(v.refund).toMatchObject({ status: 'paid', attempts: 1 });
    const refunds = s.ledger('refund', caseId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.key).toContain(caseId);
    expect(refunds[0]!.replays).toBeGreaterThanOrEqual(1); // the retry got the first answer back
    expect(v.refund?.refundId).toBe((refunds[0]!.result as { refundId: string }).refundId);
    expect(calls('payments') - before).toBeGreaterThanOrEqual(4);
  },
  SCENARIO_TIMEOUT_MS,
);

test(
  'the warehouse fails twice, then the worker dies mid-dispatch: one reservation, one parcel, the retry answered from it',
  async () => {
    // Reserve: 503, 503, ok; then the dispatch is in flight when the worker dies.
    faults('warehouse', { latencyMs: LATENCY_MS, failNext: 2 });
    const before = calls('warehouse');
    const first = await s.spawnWorker();
    const caseId = await s.openCase({
      orderId: 'ORD-LIPSTICK-XJ',
      caseType: 'damaged',
      items: [{ sku: 'SKU-LIPSTICK-999', quantity: 1 }],
      evidence: [{ url: 'https://img.example/lipstick-damaged.jpg', kind: 'item' }],
    });

    await untilCall('warehouse', before + 4, first);
    await first.kill(); // the dispatch (the fourth call) is in flight
    expect(s.ledger('reservation', caseId)).toHaveLength(1);
    expect(s.ledger('shipment', caseId)).toHaveLength(0);
    await waitFor('the orphaned dispatch', async () => (s.ledger('shipment', caseId).length ? true : undefined), 10_000);
    s.sandbox.state.faults.delete('warehouse');

    const second = await s.spawnWorker();
    const v = await s.reach(caseId, 'awaiting_delivery', 120_000);
    await second.kill();

    expect(s.ledger('reservation', caseId)).toHaveLength(1);
    const shipments = s.ledger('shipment', caseId);
    expect(shipments).toHaveLength(1);
    expect(shipments[0]!.replays).toBeGreaterThanOrEqual(1);
    expect(v.shipments).toEqual([
      expect.objectContaining({ kind: 'reshipment', carrier: 'EMS', trackingNumber: (shipments[0]!.result as { trackingNumber: string }).trackingNumber }),
    ]);
    expect(s.ledger('refund', caseId)).toHaveLength(0);
  },
  SCENARIO_TIMEOUT_MS,
);
