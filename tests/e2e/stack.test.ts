/**
 * End to end: the whole stack exactly as `npm start` runs it (dev server on a fresh SQLite file,
 * sandbox, worker, API), on free ports. A spoiled-seafood case goes from POST to closed over HTTP,
 * is found by its search attributes, leaves exactly one refund in the sandbox ledger, and Ctrl-C
 * leaves no process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distinctPorts } from '../support/ports';
import { freePort, portOpen } from './launcher';

const root = path.resolve(__dirname, '../..');
const KEY = { service: 'dev-service-key', agent: 'dev-agent-key', ops: 'dev-ops-key' };

let stack: ChildProcess;
let output = '';
const ports = { api: 0, sandbox: 0, temporal: 0, ui: 0, workerMetrics: 0 };
let api = '';

async function call(method: string, url: string, key: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- stack output ---\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  const keys = Object.keys(ports) as (keyof typeof ports)[];
  const drawn = await distinctPorts(keys.length, freePort);
  keys.forEach((k, i) => (ports[k] = drawn[i]!));
  api = `http://127.0.0.1:${ports.api}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AFTERCASE_API_PORT: String(ports.api),
    AFTERCASE_SANDBOX_PORT: String(ports.sandbox),
    AFTERCASE_TEMPORAL_PORT: String(ports.temporal),
    AFTERCASE_TEMPORAL_UI_PORT: String(ports.ui),
    AFTERCASE_WORKER_METRICS_PORT: String(ports.workerMetrics),
    AFTERCASE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'aftercase-e2e-')),
  };
  for (const k of Object.keys(env)) if (k.startsWith('TEMPORAL_') && k !== 'TEMPORAL_CLI_PATH') delete env[k];
  // `npm start` itself, in its own process group so Ctrl-C reaches every process in it.
  stack = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  stack.stdout!.on('data', (d) => (output += d));
  stack.stderr!.on('data', (d) => (output += d));
  await eventually('the stack to say it is ready', async () => (output.includes('Ctrl-C stops everything') ? true : undefined), 180_000);
}, 200_000);

afterAll(async () => {
  // A test that failed midway leaves the stack up: kill the whole group (exit code and signal are
  // both null while it runs).
  if (stack && stack.exitCode === null && stack.signalCode === null) process.kill(-stack.pid!, 'SIGKILL');
});

test('the API is ready and reports Temporal reachable; the Temporal UI answers', async () => {
  const ready = await call('GET', `${api}/readyz`, KEY.ops);
  expect(ready.status).toBe(200);
  expect(ready.body).toMatchObject({ temporal: 'reachable' });
  const ui = await fetch(`http://127.0.0.1:${ports.ui}/`);
  expect(ui.status).toBe(200);
});

test('a spoiled-seafood case runs from POST to closed, findable by search attributes, refunded once', async () => {
  const opened = await call('POST', `${api}/v1/cases`, KEY.service, {
    orderId: 'ORD-SEAFOOD-SH',
    channel: 'app',
    caseType: 'spoiled',
    items: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }],
    evidence: [{ url: 'https://img.example/spoiled-crab.jpg', kind: 'item' }],
  });
  expect(opened.status).toBe(201);
  const caseId: string = opened.body.caseId;

  const listed = await eventually('the case in the P1 list', async () => {
    const r = await call('GET', `${api}/v1/cases?priority=P1&region=East`, KEY.ops);
    return r.body?.items?.some((c: { caseId: string }) => c.caseId === caseId) ? r : undefined;
  });
  expect(listed.status).toBe(200);

  const ack = await call('POST', `${api}/v1/cases/${caseId}/acknowledge`, KEY.agent, { agentId: 'AG-EAST-01' });
  expect(ack.status).toBe(200);
  await eventually('the survey', async () => {
    const r = await call('GET', `${api}/v1/cases/${caseId}`, KEY.service);
    return r.body?.status === 'awaiting_survey' ? r : undefined;
  });
  const rated = await call('POST', `${api}/v1/cases/${caseId}/feedback`, KEY.service, { rating: 5 });
  expect(rated.status).toBe(200);

  const closed = await eventually('the case to close', async () => {
    const r = await call('GET', `${api}/v1/cases/${caseId}`, KEY.service);
    return r.body?.status === 'closed' ? r.body : undefined;
  });
  expect(closed.decision.resolution).toBe('refund');
  expect(closed.refund).toMatchObject({ status: 'paid', attempts: 1 });

  const ledger = (await (await fetch(`http://127.0.0.1:${ports.sandbox}/admin/ledger?kind=refund&caseId=${caseId}`)).json()) as {
    entries: unknown[];
  };
  expect(ledger.entries).toHaveLength(1);
});

test('Ctrl-C stops every process and frees every port', async () => {
  const exited = new Promise<number | null>((resolve) => stack.once('exit', (code) => resolve(code)));
  process.kill(-stack.pid!, 'SIGINT');
  await exited;
  await eventually('every port to be free', async () => {
    const open = await Promise.all(Object.values(ports).map(portOpen));
    return open.every((o) => !o) ? true : undefined;
  }, 30_000);
  // No process of the group survives (kill with signal 0 probes without sending anything).
  expect(() => process.kill(-stack.pid!, 0)).toThrow();
});
