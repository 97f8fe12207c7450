/**
 * The stack in one test process, on a real dev server: the REST API (development keys), the sandbox
 * of external systems over real HTTP (its carriers push tracking events to the API's webhook), and
 * case workers with the real activities: in process, or as a separate `npm run worker` process that a
 * test can kill outright. Each harness has its own dev server and task queue.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import { sandboxBaseUrls } from '../../src/activities/systems';
import { createApp } from '../../src/api/app';
import { DEVELOPMENT_API_KEYS, developmentApiKeys } from '../../src/api-keys';
import type { LedgerEntry } from '../../src/sandbox/ledger';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { createCaseWorker } from '../../src/worker';
import type { CaseStatus, CaseView } from '../../src/workflows/case/contract';
import { TEST_CODEC_KEYS_ENV, testDataConverter } from './codec';
import { createDevServerEnv, workflowBundle } from './temporal';

const root = path.resolve(__dirname, '../..');
const WEBHOOK_SECRET = 'stack-test-webhook-secret';
/** The app runs on the development keys (as without AFTERCASE_API_KEYS). */
export type Role = keyof typeof DEVELOPMENT_API_KEYS;

export interface WorkerProcess {
  /** Kills the process at once (SIGKILL): no graceful shutdown, nothing reported. */
  kill(): Promise<void>;
  output(): string;
}

export class Stack {
  private workers: Array<{ worker: Worker; running: Promise<void> }> = [];
  private processes: ChildProcess[] = [];

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly sandbox: RunningSandbox,
    private readonly server: Server,
    readonly api: string,
    readonly taskQueue: string,
  ) {}

  static async start(name: string, opts: { policyVersion?: string } = {}): Promise<Stack> {
    const env = await createDevServerEnv();
    const taskQueue = `${name}-${Date.now().toString(36)}`;
    const app = createApp({
      client: env.client,
      namespace: env.namespace ?? 'default',
      taskQueue,
      apiKeys: developmentApiKeys(),
      webhookSecret: WEBHOOK_SECRET,
      logger: () => undefined,
      ...(opts.policyVersion !== undefined && { policyVersion: opts.policyVersion }),
    });
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
    });
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sandbox = await startSandbox({ port: 0, webhookUrl: `${api}/v1/webhooks/carriers`, webhookSecret: WEBHOOK_SECRET });
    return new Stack(env, sandbox, server, api, taskQueue);
  }

  /** A worker in this process with the real activities over HTTP to the sandbox. */
  async startWorker(): Promise<void> {
    const worker = await createCaseWorker({
      connection: this.env.nativeConnection,
      namespace: this.env.namespace ?? 'default',
      taskQueue: this.taskQueue,
      workflowBundle: workflowBundle(),
      dataConverter: testDataConverter,
      activities: createActivities({ baseUrls: sandboxBaseUrls(this.sandbox.url), timeoutMs: 10_000 }),
    });
    this.workers.push({ worker, running: worker.run() });
  }

  /** `npm run worker` (src/worker-main.ts) as its own process; resolves once it polls. */
  async spawnWorker(): Promise<WorkerProcess> {
    let out = '';
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith('TEMPORAL_')) delete env[k];
    const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'src/worker-main.ts'], {
      cwd: root,
      env: {
        ...env,
        TEMPORAL_ADDRESS: this.env.address,
        TEMPORAL_NAMESPACE: this.env.namespace ?? 'default',
        AFTERCASE_SYSTEMS_URL: this.sandbox.url,
        AFTERCASE_TASK_QUEUE: this.taskQueue,
        AFTERCASE_WORKFLOW_BUNDLE: (workflowBundle() as { codePath: string }).codePath,
        AFTERCASE_CODEC_KEYS: TEST_CODEC_KEYS_ENV,
        AFTERCASE_WORKER_METRICS_PORT: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.processes.push(child);
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await waitFor('the worker process to poll', async () => (out.includes('polling') ? true : undefined), 60_000, () => out);
    return {
      output: () => out,
      kill: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      },
    };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer each test reads its own way
  async call(method: 'GET' | 'POST', urlPath: string, role: Role, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.api}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${DEVELOPMENT_API_KEYS[role]}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Opens a case through the API (channel `app` unless given); returns its id. */
  async openCase(body: Record<string, unknown>): Promise<string> {
    const r = await this.call('POST', '/v1/cases', 'service', { channel: 'app', ...body });
    if (r.status !== 201) throw new Error(`POST /v1/cases: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.caseId as string;
  }

  async view(caseId: string): Promise<CaseView> {
    const r = await this.call('GET', `/v1/cases/${caseId}`, 'service');
    if (r.status !== 200) throw new Error(`GET case ${caseId}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as CaseView;
  }

  /** Polls the case over the API until it reaches `status`. */
  async reach(caseId: string, status: CaseStatus, timeoutMs = 60_000): Promise<CaseView> {
    let last: CaseView | undefined;
    return waitFor(
      `case ${caseId} to reach ${status}`,
      async () => {
        last = await this.view(caseId);
        return last.status === status ? last : undefined;
      },
      timeoutMs,
      () => `last seen: ${last?.status}; timeline: ${last?.timeline.map((t) => t.event).join(' → ')}`,
    );
  }

  ledger(kind: LedgerEntry['kind'], caseId: string): LedgerEntry[] {
    return this.sandbox.state.ledger.list({ kind, caseId });
  }

  async teardown(): Promise<void> {
    for (const p of this.processes) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    for (const { worker, running } of this.workers.splice(0)) {
      worker.shutdown();
      await running.catch(() => undefined);
    }
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
    await this.sandbox.close();
    await this.env.teardown();
  }
}

/** Polls `probe` (real time) until it returns a value, or fails naming what it waited for. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, context: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}. ${context()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
