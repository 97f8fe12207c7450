/**
 * Every saved view (src/temporal/saved-views.ts) run against a real dev server's visibility finds
 * exactly the cases it should. Two cases are real, opened through the API and worked by the case
 * workflow (one waits for photos, one for review). States the workflow cannot reach here in seconds
 * (an SLA breach takes 15 real minutes; `needs_attention` is new) are seeded as case workflows
 * started with those search attributes on a task queue no worker polls — visibility indexes them
 * exactly as it indexes running cases; one is terminated to prove the open-case views skip closed ones.
 */
import type { SearchAttributePair } from '@temporalio/common';
import { casesInRegion, casesWithCarrier, savedViews, type SavedView } from '../../src/temporal/saved-views';
import { caseIdFromWorkflowId, caseWorkflowId } from '../../src/workflows/case/contract';
import { CARRIER, CASE_STATUS, OPENED_AT, PRIORITY, REGION, SLA_BREACHED } from '../../src/workflows/case/search-attributes';
import { auth, eventually, startApiHarness, testOrder, type ApiHarness } from './support';

let h: ApiHarness;
const real: Record<'evidence' | 'review', string> = { evidence: '', review: '' };

interface Seed {
  id: string;
  priority: string;
  breached: boolean;
  status: string;
  region: string;
  carrier: string;
  /** OpenedAt, days before now (a case that continued as new keeps its first run's); none = StartTime. */
  openedDaysAgo?: number;
  close?: boolean;
}
const SEEDS: Seed[] = [
  { id: 'S1', priority: 'P1', breached: true, status: 'needs_attention', region: 'Northwest', carrier: 'EMS' },
  { id: 'S2', priority: 'P1', breached: false, status: 'awaiting_review', region: 'Northwest', carrier: 'SF' },
  { id: 'S3', priority: 'P2', breached: true, status: 'awaiting_survey', region: 'South', carrier: 'EMS' },
  { id: 'S4', priority: 'P1', breached: true, status: 'awaiting_evidence', region: 'Northwest', carrier: 'EMS', close: true },
  // Breached P1 runs started today: S5 opened three days ago (it continued as new today), S6 today.
  { id: 'S5', priority: 'P1', breached: true, status: 'awaiting_callback', region: 'Southwest', carrier: 'YTO', openedDaysAgo: 3 },
  { id: 'S6', priority: 'P1', breached: true, status: 'awaiting_callback', region: 'Southwest', carrier: 'YTO', openedDaysAgo: 0 },
];

beforeAll(async () => {
  h = await startApiHarness({ orders: [testOrder('ORD-SV-1'), testOrder('ORD-SV-2')] });
  const open = async (orderId: string, evidence: unknown[]) => {
    const r = await h.http.post('/v1/cases').set(auth('service')).send({ orderId, channel: 'app', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }], evidence });
    expect(r.status).toBe(201);
    return r.body.caseId as string;
  };
  real.evidence = await open('ORD-SV-1', []);
  real.review = await open('ORD-SV-2', [{ url: 'https://photos.example.com/mug.jpg?score=0.7', kind: 'item' }]);
  for (const [caseId, status] of [[real.evidence, 'awaiting_evidence'], [real.review, 'awaiting_review']] as const) {
    await eventually(() => h.http.get(`/v1/cases/${caseId}`).set(auth('ops')), (r) => r.body?.status === status, 30_000);
  }
  for (const s of SEEDS) {
    const typedSearchAttributes: SearchAttributePair[] = [
      { key: PRIORITY, value: s.priority },
      { key: SLA_BREACHED, value: s.breached },
      { key: CASE_STATUS, value: s.status },
      { key: REGION, value: s.region },
      { key: CARRIER, value: s.carrier },
      ...(s.openedDaysAgo === undefined ? [] : [{ key: OPENED_AT, value: new Date(Date.now() - s.openedDaysAgo * 86_400_000) }]),
    ];
    const handle = await h.env.client.workflow.start('afterSalesCase', { workflowId: caseWorkflowId(s.id), taskQueue: 'saved-views-no-worker', args: [], typedSearchAttributes });
    if (s.close) await handle.terminate('seeded as closed');
  }
}, 180_000);
afterAll(async () => {
  await h?.teardown();
});

async function found(view: SavedView): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of h.env.client.workflow.list({ query: view.query })) ids.push(caseIdFromWorkflowId(wf.workflowId) ?? wf.workflowId);
  return ids.sort();
}

/** Visibility lags writes a little: poll until the view shows exactly `expected`. */
async function expectView(view: SavedView, expected: string[]): Promise<void> {
  const want = [...expected].sort();
  const got = await eventually(() => found(view), (ids) => JSON.stringify(ids) === JSON.stringify(want), 15_000).catch(() => found(view));
  expect({ view: view.name, ids: got }).toEqual({ view: view.name, ids: want });
}

test('each fixed view finds exactly its cases', async () => {
  const views = Object.fromEntries(savedViews().map((v) => [v.name, v]));
  expect(Object.keys(views)).toEqual(['breached-p1-today', 'waiting-on-customer', 'awaiting-review', 'needs-attention']);
  await expectView(views['breached-p1-today']!, ['S1', 'S4', 'S6']); // open or closed; S5 opened before today
  await expectView(views['waiting-on-customer']!, ['S3', real.evidence]); // S4 is closed
  await expectView(views['awaiting-review']!, ['S2', real.review]);
  await expectView(views['needs-attention']!, ['S1']);
});

test('"today" is the floor’s day: tomorrow the breached-P1 view is empty', async () => {
  const tomorrow = savedViews(new Date(Date.now() + 86_400_000)).find((v) => v.name === 'breached-p1-today')!;
  await expectView(tomorrow, []);
});

test('by region and by carrier find the open cases there', async () => {
  await expectView(casesInRegion('Northwest'), ['S1', 'S2']);
  await expectView(casesInRegion('East'), [real.evidence, real.review]); // testOrder ships to Shanghai
  await expectView(casesWithCarrier('EMS'), ['S1', 'S3']);
  await expectView(casesWithCarrier('JD'), []);
});

test('the API list’s view= filter finds exactly what the view’s query finds, and other filters narrow it', async () => {
  const listed = async (query: string) => {
    const r = await h.http.get(`/v1/cases?${query}`).set(auth('ops'));
    expect(r.status).toBe(200);
    return (r.body.items as { caseId: string }[]).map((c) => c.caseId).sort();
  };
  for (const v of savedViews()) {
    const want = await found(v);
    const got = await eventually(() => listed(`view=${v.name}`), (ids) => JSON.stringify(ids) === JSON.stringify(want), 15_000).catch(() => listed(`view=${v.name}`));
    expect({ view: v.name, ids: got }).toEqual({ view: v.name, ids: want });
  }
  expect(await listed('view=breached-p1-today&region=Northwest')).toEqual(['S1', 'S4']);
  expect(await listed('view=waiting-on-customer&region=South')).toEqual(['S3']);
  expect((await h.http.get('/v1/cases?view=my-own-view').set(auth('ops'))).status).toBe(400);
});
