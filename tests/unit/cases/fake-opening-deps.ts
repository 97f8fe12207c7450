/**
 * CaseDeps for openCase with a fake Temporal client: no server. `calls` lists what was sent in
 * order (`describe`, `start <workflowId>`); `starts` keeps each start's options. Every describe
 * reads an empty clock-pause list.
 */
import type { CaseDeps } from '../../../src/cases/deps';
import type { CaseReport } from '../../../src/cases/opening';
import { ACTIVE_PAUSES_MEMO } from '../../../src/workflows/pauses/contract';

export interface StartOptions {
  workflowId: string;
  memo?: Record<string, unknown>;
}

export function fakeOpeningDeps(now: () => number = Date.now) {
  const calls: string[] = [];
  const starts: StartOptions[] = [];
  const describe = async () => {
    calls.push('describe');
    return { memo: { [ACTIVE_PAUSES_MEMO]: [] } };
  };
  const start = async (_type: string, options: StartOptions) => {
    calls.push(`start ${options.workflowId}`);
    starts.push(options);
    return {};
  };
  const client = { withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(), workflow: { start, getHandle: () => ({ describe }) } };
  const deps = {
    client,
    taskQueue: 'cases',
    policyVersion: 'v-test',
    now: () => new Date(now()),
    timeouts: { queryMs: 1_000, updateMs: 1_000 },
    log: () => undefined,
  } as unknown as CaseDeps;
  return { deps, calls, starts };
}

/** A report to open, with `orderId` varied per test. */
export function report(orderId: string): CaseReport {
  return { orderId, channel: 'app', caseType: 'damaged', urgency: 'normal', items: [{ sku: 'SKU-MUG', quantity: 1 }], evidence: [] };
}
