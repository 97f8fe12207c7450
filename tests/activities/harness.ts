/**
 * Shared set-up for the activity tests: a sandbox on a free port, the real adapters pointed at it,
 * and a small admin client. Not a test file (no `.test.ts`), so jest only runs what imports it.
 */
import { ApplicationFailure } from '@temporalio/common';
import { createActivities, sandboxBaseUrls, type ActivityDeps } from '../../src/activities';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/server';
import type { LedgerEntry } from '../../src/sandbox/ledger';

export interface Harness {
  sandbox: RunningSandbox;
  activities: ReturnType<typeof createActivities>;
  deps: ActivityDeps;
  admin: AdminClient;
  close(): Promise<void>;
}

export interface AdminClient {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body: each test states the shape it expects
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  ledger(query?: Record<string, string>): Promise<LedgerEntry[]>;
  fault(system: string, config: Record<string, number>): Promise<void>;
  reset(): Promise<void>;
}

export function adminClient(url: string): AdminClient {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    call,
    ledger: async (query = {}) => (await call('GET', `/admin/ledger?${new URLSearchParams(query)}`)).body.entries,
    fault: async (system, config) => {
      const res = await call('PUT', `/admin/faults/${system}`, config);
      if (res.status !== 200) throw new Error(`fault config refused: ${JSON.stringify(res.body)}`);
    },
    reset: async () => {
      await call('POST', '/admin/reset');
    },
  };
}

export async function startHarness(options: SandboxOptions = {}, timeoutMs = 1_500): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, ...options });
  const deps: ActivityDeps = { baseUrls: sandboxBaseUrls(sandbox.url), timeoutMs };
  return { sandbox, deps, activities: createActivities(deps), admin: adminClient(sandbox.url), close: () => sandbox.close() };
}

/** Awaits a rejection and checks it is an ApplicationFailure of `type` with the given retryability. */
export async function expectFailure(promise: Promise<unknown>, type: string, nonRetryable: boolean): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => { throw new Error(`expected a ${type} failure, got success`); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  const failure = error as ApplicationFailure;
  expect({ type: failure.type, nonRetryable: failure.nonRetryable }).toEqual({ type, nonRetryable });
  return failure;
}
