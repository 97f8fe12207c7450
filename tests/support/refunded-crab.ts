/**
 * The workflow tests' most used case: spoiled hairy crab in Shanghai with a clear photo, refunded at
 * once, acknowledged, and left awaiting its survey (the closing timers, the busy case).
 */
import { acknowledgeUpdate } from '../../src/workflows/case/contract';
import { newWorld, reach, type CaseHandle, type CaseHarness } from './case-harness';
import { order } from './orders';

export async function refundedCrab(h: CaseHarness, orderId = 'ORD-CRAB') {
  const now = await h.now();
  const world = newWorld([
    order(now, {
      orderId,
      items: [{ sku: 'SKU-CRAB', title: 'Hairy crab', category: 'fresh', unitPrice: 12_800, quantity: 1 }],
      deliveredAt: new Date(now - 2 * 3_600_000).toISOString(),
    }),
  ]);
  const open = async (memo?: Record<string, unknown>): Promise<CaseHandle> => {
    const handle = await h.open({
      orderId,
      caseType: 'spoiled',
      items: [{ sku: 'SKU-CRAB', quantity: 1 }],
      evidence: [{ url: 'https://img.example/crab.jpg?score=0.9', kind: 'item' }],
    }, memo);
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-EAST-P1' }] });
    await reach(handle, 'awaiting_survey');
    await h.settle();
    return handle;
  };
  return { world, open };
}
