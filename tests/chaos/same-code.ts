/**
 * Same code, settings only: one spoiled-seafood case driven by the same function through `npm start`
 * on its embedded default (the CLI's dev server, SQLite; no TEMPORAL_* set) and through the
 * production topology (Temporal 1.29.1 on PostgreSQL; TEMPORAL_ADDRESS/TEMPORAL_NAMESPACE set).
 * Both must close with the same resolution after the same timeline of events.
 */
import path from 'node:path';
import { Service, waitUntil } from '../../src/temporal/prod/processes';
import { ApiClient } from './api-client';
import type { Check } from './checks';
import type { CaseRun } from './driver';
import { CASE_KINDS, orderBody } from './kinds';

const ROOT = path.resolve(__dirname, '../..');
const KIND = CASE_KINDS[0]!; // spoiled-seafood-refund: closes with a refund and the survey, no human review

interface Driven {
  caseId: string;
  status: string;
  resolution?: string;
  events: string[];
}

/** Opens one case of KIND on a fresh order and drives it to closed over HTTP. */
async function driveOne(client: ApiClient, orderId: string): Promise<Driven> {
  await client.admin('POST', '/orders', orderBody(orderId, KIND, Date.now()));
  const body = { orderId, channel: 'app', items: [{ sku: KIND.order.sku, quantity: KIND.order.quantity }], ...KIND.open };
  const opened = await client.call(0, 'POST', '/v1/cases', 'service', body, { 'idempotency-key': `same-code-${orderId}` });
  if (opened.status !== 201) throw new Error(`opening ${orderId}: ${opened.status} ${JSON.stringify(opened.body)}`);
  const caseId: string = opened.body.caseId;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the case view as JSON
  let view: any;
  const reach = async (status: string, told?: string) =>
    waitUntil(`${caseId} to reach ${status}`, async () => {
      view = (await client.call(0, 'GET', `/v1/cases/${caseId}`, 'agent')).body;
      return view?.status === status && (!told || view.timeline.some((t: { event: string }) => t.event === told));
    }, 120_000);
  // The customer answers the survey once the survey message reached them, as a customer would;
  // answering earlier races the message and makes the two timelines' order differ by timing alone.
  await reach('awaiting_survey', 'customer_notified:survey');
  const fed = await client.call(0, 'POST', `/v1/cases/${caseId}/feedback`, 'service', { rating: 5 });
  if (fed.status !== 200) throw new Error(`feedback on ${caseId}: ${fed.status} ${JSON.stringify(fed.body)}`);
  await reach('closed', 'customer_notified:case_closed'); // the closing message follows the status
  return { caseId, status: view.status, resolution: view.decision?.resolution, events: view.timeline.map((t: { event: string }) => t.event) };
}

export async function sameCodeOnEmbeddedDefault(basePort: number, runs: CaseRun[], prodClient: ApiClient, say: (line: string) => void): Promise<{ check: Check; detail: unknown }> {
  const settings = {
    AFTERCASE_API_PORT: String(basePort),
    AFTERCASE_SANDBOX_PORT: String(basePort + 1),
    AFTERCASE_TEMPORAL_PORT: String(basePort + 2),
    AFTERCASE_TEMPORAL_UI_PORT: String(basePort + 3),
    AFTERCASE_WORKER_METRICS_PORT: String(basePort + 4),
    AFTERCASE_DATA_DIR: path.join(ROOT, '.data', 'chaos', 'embedded'),
  };
  const embedded = new Service({ name: 'npm-start-embedded', command: 'npm', args: ['start'], env: settings, logDir: path.join(ROOT, '.data', 'chaos', 'logs'), ready: /Ctrl-C stops everything/ });
  await embedded.start(180_000);
  let dev: Driven;
  try {
    dev = await driveOne(new ApiClient([`http://127.0.0.1:${basePort}`], `http://127.0.0.1:${basePort + 1}`), 'ORD-SAME-CODE-DEV');
  } finally {
    await embedded.stop('SIGTERM');
  }
  const prod = await driveOne(prodClient, 'ORD-SAME-CODE-PG');
  say(`  dev server: ${dev.caseId} ${dev.status}/${dev.resolution}; PostgreSQL: ${prod.caseId} ${prod.status}/${prod.resolution}; timelines ${JSON.stringify(dev.events) === JSON.stringify(prod.events) ? 'identical' : 'differ'}`);
  const ok = dev.status === 'closed' && prod.status === dev.status && prod.resolution === dev.resolution && JSON.stringify(dev.events) === JSON.stringify(prod.events);
  const sameKind = runs.filter((r) => r.kind === KIND).length;
  return {
    check: {
      name: 'same code on the dev server embedded default and on PostgreSQL, only settings changed',
      ok,
      detail: `${KIND.name}: embedded ${dev.status}/${dev.resolution}, PostgreSQL ${prod.status}/${prod.resolution}, timeline ${dev.events.length} events ${ok ? 'identical' : `differs: ${dev.events.join('>')} vs ${prod.events.join('>')}`} (plus ${sameKind} such cases in the chaos run)`,
    },
    detail: {
      embeddedSettings: { ...settings, TEMPORAL_ADDRESS: '(unset: npm start runs the dev server)' },
      prodSettings: { TEMPORAL_ADDRESS: 'the 1.29.1 frontend on PostgreSQL', TEMPORAL_NAMESPACE: 'default' },
      embedded: dev,
      postgres: prod,
    },
  };
}
