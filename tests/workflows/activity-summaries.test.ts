/**
 * Every activity the case schedules carries its UI summary in the history (user_metadata of
 * ActivityTaskScheduled, encrypted by the codec like any payload): a refused waybill case shows the
 * stock reserved in its region, the waybill, the release and the refund with its amount.
 */
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { acknowledgeUpdate } from '../../src/workflows/case/contract';
import { newWorld, reach, useCaseHarness, type CaseHandle } from '../support/case-harness';
import { testCodec } from '../support/codec';
import { order } from '../support/orders';

const h = useCaseHarness();

/** [activity type, decoded summary] of every scheduled activity, in history order. */
async function scheduledSummaries(handle: CaseHandle): Promise<[string, string | undefined][]> {
  const events = (await handle.fetchHistory()).events ?? [];
  const out: [string, string | undefined][] = [];
  for (const e of events) {
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (!scheduled) continue;
    const raw = e.userMetadata?.summary as Payload | undefined;
    const summary = raw ? defaultPayloadConverter.fromPayload<string>((await testCodec.decode([raw]))[0]!) : undefined;
    out.push([scheduled.activityType?.name ?? '?', summary]);
  }
  return out;
}

test('a refused waybill case: every scheduled activity has its summary, amounts in yuan, region named', async () => {
  const world = newWorld([order(await h.now(), { orderId: 'ORD-SUMMARY' })], { dispatchRefused: true });
  await h.run(world, async () => {
    const handle = await h.open({
      orderId: 'ORD-SUMMARY',
      caseType: 'damaged',
      items: [{ sku: 'SKU-MUG', quantity: 1 }],
      evidence: [{ url: 'https://img.example/mug.jpg?score=0.95', kind: 'item' }, { url: 'https://img.example/box.jpg?score=0.95', kind: 'parcel' }],
      description: 'The mug arrived broken, call me on 13800000000',
    });
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-EAST-P1' }] });
    const v = await reach(handle, 'awaiting_survey');
    const caseId = v.caseId;
    const summaries = await scheduledSummaries(handle);

    expect(summaries.length).toBeGreaterThan(5);
    for (const [type, summary] of summaries) {
      expect([type, summary]).toEqual([type, expect.stringMatching(/\S/)]);
      expect(summary).not.toMatch(/13800000000|CUST-|img\.example|broken/);
    }
    const of = (type: string) => summaries.filter(([t]) => t === type).map(([, s]) => s);
    expect(of('getOrder')).toEqual(['look up order ORD-SUMMARY']);
    expect(of('scorePhotos')).toEqual(['score 2 photos']);
    expect(of('reserveStock')).toEqual([`reserve 1 item in East for reshipment (${caseId})`]);
    expect(of('dispatchReshipment')).toEqual([`SF waybill for reshipment to East (${caseId})`]);
    expect(of('releaseStock')[0]).toMatch(new RegExp(`^release reservation \\S+ \\(${caseId}\\)$`));
    expect(of('issueRefund')).toEqual([`refund ¥${(v.refund!.amount / 100).toFixed(2)} for ${caseId}`]);
  });
});
