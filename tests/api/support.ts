/**
 * In-process API tests against a real Temporal: a CLI dev server per test file, a case worker on the
 * bundled workflow code with in-memory activities, and the app listening on a loopback port.
 */
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import request from 'supertest';
import { createApp, type ApiDeps } from '../../src/api/app';
import { apiKeys } from '../../src/api-keys';
import type { CaseTimeouts } from '../../src/cases/deps';
import { signedHeaders } from '../../src/shared/webhook-signature';
import type { OrderSnapshot } from '../../src/domain/types';
import { fakeActivities, newWorld, type FakeWorld } from '../support/fake-activities';
import { order } from '../support/orders';
import { testDataConverter } from '../support/codec';
import { createDevServerEnv, workflowBundle } from '../support/temporal';

export const KEYS = { service: 'test-service-key', agent: 'test-agent-key', ops: 'test-ops-key' } as const;
export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const auth = (role: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[role]}` });

/** A delivered order (yesterday) of one mug worth 89 CNY to Shanghai (East), standard tier. */
export function testOrder(orderId: string, overrides: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return order(Date.now(), { orderId, ...overrides });
}

/** Photos score what their URL says (`?score=0.5`), else the world's default. */
export function scoringActivities(world: FakeWorld) {
  const base = fakeActivities(world);
  return {
    ...base,
    async scorePhotos(input: Parameters<typeof base.scorePhotos>[0]) {
      const said = input.photos.map((p) => new URL(p.url).searchParams.get('score')).find((s) => s !== null);
      return said ? { score: Number(said), reasons: ['from the test URL'] } : base.scorePhotos(input);
    },
  };
}

export interface ApiHarness {
  env: TestWorkflowEnvironment;
  world: FakeWorld;
  taskQueue: string;
  server: Server;
  logs: Array<Record<string, unknown>>;
  http: ReturnType<typeof request>;
  /** Another app on the same Temporal (other deps), listening. */
  extraApp(overrides: Partial<ApiDeps>): Server;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  teardown(): Promise<void>;
}

export async function startApiHarness(opts: { orders?: OrderSnapshot[]; timeouts?: Partial<CaseTimeouts>; policyVersion?: string } = {}): Promise<ApiHarness> {
  const env = await createDevServerEnv();
  const world = newWorld(opts.orders ?? []);
  const taskQueue = `api-${randomUUID()}`;
  const logs: Array<Record<string, unknown>> = [];
  const servers: Server[] = [];
  const deps: ApiDeps = {
    client: env.client,
    namespace: env.namespace ?? 'default',
    taskQueue,
    apiKeys: apiKeys([
      { role: 'service', key: KEYS.service },
      { role: 'agent', key: KEYS.agent },
      { role: 'ops', key: KEYS.ops },
    ]),
    webhookSecret: WEBHOOK_SECRET,
    logger: (entry) => logs.push(entry as Record<string, unknown>),
    timeouts: { webhookLookupDelaysMs: [0, 300, 600], ...opts.timeouts },
    ...(opts.policyVersion !== undefined && { policyVersion: opts.policyVersion }),
  };
  const listen = (o: Partial<ApiDeps>) => {
    const s = createApp({ ...deps, ...o }).listen(0, '127.0.0.1');
    servers.push(s);
    return s;
  };
  const server = listen({});
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const h: ApiHarness = {
    env,
    world,
    taskQueue,
    server,
    logs,
    http: request(server),
    extraApp: listen,
    async startWorker() {
      worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: workflowBundle(),
        activities: scoringActivities(world),
        dataConverter: testDataConverter,
      });
      running = worker.run();
    },
    async stopWorker() {
      worker?.shutdown();
      await running;
      worker = undefined;
    },
    async teardown() {
      await h.stopWorker().catch(() => undefined);
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise((r) => s.close(r));
      }
      await env.teardown();
    },
  };
  await h.startWorker();
  return h;
}

/** Polls `probe` until it returns a value that `done` accepts, or fails after `ms`. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms; last value: ${JSON.stringify(last).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 150));
    last = await probe();
  }
  return last;
}

/** A webhook body with its X-Signature and X-Timestamp, signed now (or at `nowMs`). */
export function signed(body: unknown, nowMs = Date.now()): { body: string; signature: string; timestamp: string } {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = signedHeaders(WEBHOOK_SECRET, text, nowMs);
  return { body: text, signature: headers['X-Signature'], timestamp: headers['X-Timestamp'] };
}

/**
 * Approves a claim waiting for a person's review (POST …/review as an agent), once the case is there.
 * Since policy 2026-12-v2 a missing_item or not_delivered claim of 30 CNY or more (testOrder's mug:
 * 89 CNY) waits for one before it is reshipped or refunded.
 */
export async function approveReview(h: Pick<ApiHarness, 'http'>, caseId: string): Promise<void> {
  await eventually(() => h.http.get(`/v1/cases/${caseId}`).set(auth('agent')).then((r) => r.body.status), (s) => s === 'awaiting_review');
  const res = await h.http.post(`/v1/cases/${caseId}/review`).set(auth('agent')).send({ agentId: 'AG-EAST-01', decision: 'approve' });
  if (res.status !== 200) throw new Error(`review answered ${res.status}: ${JSON.stringify(res.body)}`);
}
