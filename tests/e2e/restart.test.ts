/**
 * A restart of the whole stack forgets nothing: an order added through the sandbox's /admin, a case
 * opened on it and the ledger of what the systems did survive Ctrl-C and a new start on the same data
 * directory, and the case finishes along its original path (a reshipment, not a switch to a refund)
 * with one ledger entry per movement. Then POST /admin/reset starts the sandbox afresh on purpose.
 */
import { call, killHard, launch, newDataDir, stackPorts, until, type Launcher, type StackPorts } from './launcher';

const KEY = { service: 'dev-service-key', agent: 'dev-agent-key' };
let ports: StackPorts;
let dataDir: string;
let stack: Launcher | undefined;

beforeAll(async () => {
  ports = await stackPorts();
  dataDir = newDataDir();
});
afterAll(() => killHard(stack));

const sandbox = (p: string) => `http://127.0.0.1:${ports.sandbox}${p}`;
const api = (p: string) => `http://127.0.0.1:${ports.api}${p}`;
const ledger = async (caseId: string) =>
  (await call('GET', sandbox(`/admin/ledger?caseId=${caseId}`), undefined)).body.entries as Array<{ key: string; kind: string }>;
const status = async (caseId: string, wanted: string) =>
  until(`case ${caseId} to reach ${wanted}`, async () => {
    const r = await call('GET', api(`/v1/cases/${caseId}`), KEY.service);
    return r.body?.status === wanted && !r.body.stale ? r.body : undefined;
  }, 120_000, () => stack?.output() ?? '');

async function restart(): Promise<void> {
  process.kill(stack!.child.pid!, 'SIGINT');
  expect((await stack!.exited).code).toBe(0);
  stack = launch(ports, dataDir);
  await stack.ready();
}

test('an order added through /admin and its case survive a restart of the whole stack; the case ends as it began', async () => {
  stack = launch(ports, dataDir);
  await stack.ready();
  const added = await call('POST', sandbox('/admin/orders'), undefined, {
    orderId: 'ORD-RESTART-1',
    customer: { name: 'Li Lei', phone: '13800000000', address: 'Room 1, Lane 2, Shanghai' },
    memberTier: 'gold',
    status: 'delivered',
    carrier: 'SF',
    items: [{ sku: 'SKU-LIPSTICK-999', title: 'Velvet matte lipstick #999', category: 'beauty', unitPrice: 32_000, quantity: 1 }],
    destinationDivisionCode: '310000',
  });
  expect(added.status).toBe(201);
  const opened = await call('POST', api('/v1/cases'), KEY.service, {
    orderId: 'ORD-RESTART-1',
    channel: 'app',
    caseType: 'damaged',
    items: [{ sku: 'SKU-LIPSTICK-999', quantity: 1 }],
    evidence: [{ url: 'https://img.example/lipstick-damaged.jpg', kind: 'item' }],
  });
  expect(opened.status).toBe(201);
  const caseId: string = opened.body.caseId;
  const assignee = await until('the specialist to be assigned', async () => (await call('GET', api(`/v1/cases/${caseId}`), KEY.service)).body?.assignee as string | undefined, 60_000);
  const before = await until('the case to have moved something in the sandbox', async () => {
    const entries = await ledger(caseId);
    return entries.length > 0 ? entries : undefined;
  }, 60_000);

  await restart();

  expect((await call('GET', sandbox('/admin/orders/ORD-RESTART-1'), undefined)).status).toBe(200);
  // What the systems did before the restart is still on the ledger (more may have come since).
  expect((await ledger(caseId)).map((e) => e.key)).toEqual(expect.arrayContaining(before.map((e) => e.key)));
  expect((await call('POST', api(`/v1/cases/${caseId}/acknowledge`), KEY.agent, { agentId: assignee })).status).toBe(200);
  const delivering = await status(caseId, 'awaiting_delivery');
  expect(delivering.decision.resolution).toBe('reship');
  // The sandbox's carrier advances the parcel on its own (npm start's auto-advance) to delivered.
  await status(caseId, 'awaiting_survey');
  expect((await call('POST', api(`/v1/cases/${caseId}/feedback`), KEY.service, { rating: 5 })).status).toBe(200);
  const closed = await status(caseId, 'closed');
  expect(closed.decision.resolution).toBe('reship');
  expect(closed.refund).toBeUndefined();

  const entries = await ledger(caseId);
  const count = (kind: string) => entries.filter((e) => e.kind === kind).length;
  expect(count('reservation')).toBe(1);
  expect(count('shipment')).toBe(1);
  expect(count('refund')).toBe(0);
  expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);

  // Reset on purpose: the admin-added order and the ledger are gone, and stay gone after a restart.
  expect((await call('POST', sandbox('/admin/reset'), undefined)).status).toBe(204);
  await restart();
  expect((await call('GET', sandbox('/admin/orders/ORD-RESTART-1'), undefined)).status).toBe(404);
  expect(await ledger(caseId)).toEqual([]);
  process.kill(stack!.child.pid!, 'SIGINT');
  expect((await stack!.exited).code).toBe(0);
}, 600_000);
