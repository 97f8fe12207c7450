/**
 * The API request that opened a case is named in the case's first log line (the workflow logger,
 * routed by installRuntime to the one pino logger as component "worker"), with the workflow's ids.
 */
import { Writable } from 'node:stream';
import { createLogger, useRootLogger } from '../../src/observability/logger';
import { installRuntime } from '../../src/worker';
import { newWorld, reach, useCaseHarness } from '../support/case-harness';
import { order } from '../support/orders';

const lines: string[] = [];
useRootLogger(createLogger({
  pretty: false,
  level: 'info',
  destination: new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  }),
}));
installRuntime('INFO'); // before the harness builds the runtime (it would install WARN)

const h = useCaseHarness();

test('the first log line of a case names the request that opened it', async () => {
  const world = newWorld([order(await h.now(), { orderId: 'ORD-REQ-LOG' })]);
  const workflowId = await h.run(world, async () => {
    const handle = await h.open({ orderId: 'ORD-REQ-LOG', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }], requestId: 'req-7f3a-trace', description: 'my phone is 13800000000' });
    await reach(handle, 'awaiting_evidence');
    return handle.workflowId;
  });
  const ofCase = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.workflowId === workflowId && l.sdkComponent === 'workflow');
  expect(ofCase[0]).toMatchObject({ level: 'info', component: 'worker', msg: 'case intake started', requestId: 'req-7f3a-trace', workflowType: 'afterSalesCase' });
  expect(lines.join('\n')).not.toContain('13800000000');
});
