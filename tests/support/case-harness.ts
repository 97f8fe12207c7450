/**
 * A harness for workflow tests: one time-skipping server per test file, a worker on the bundled
 * workflow code with fake activities, and helpers to open a case and read its view.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { OrderSnapshot } from '../../src/domain/types';
import { CURRENT_POLICY_VERSION } from '../../src/policy';
import { caseViewQuery, caseWorkflowId, type CaseView, type OpenCaseInput } from '../../src/workflows/case/contract';
import type { afterSalesCase } from '../../src/workflows/case/workflow';
import { fakeActivities, newWorld, type FakeWorld } from './fake-activities';
import { createTimeSkippingEnv, workflowBundle } from './temporal';

export type CaseHandle = WorkflowHandle<typeof afterSalesCase>;

export class CaseHarness {
  private open_: CaseHandle[] = [];
  private constructor(readonly env: TestWorkflowEnvironment, readonly taskQueue: string) {}

  static async start(): Promise<CaseHarness> {
    return new CaseHarness(await createTimeSkippingEnv(), `cases-${randomUUID()}`);
  }

  /** The server's clock (advances when time is skipped). */
  async now(): Promise<number> {
    return this.env.currentTimeMs();
  }

  async worker(world: FakeWorld): Promise<Worker> {
    return Worker.create({
      connection: this.env.nativeConnection,
      taskQueue: this.taskQueue,
      workflowBundle: workflowBundle(),
      activities: fakeActivities(world),
    });
  }

  /**
   * Runs `fn` with a worker for `world`; the worker stops when `fn` settles, and cases it left open
   * are terminated: their timers would otherwise fire with no worker and stall time skipping,
   * which is global to the test server.
   */
  async run<T>(world: FakeWorld, fn: () => Promise<T>): Promise<T> {
    const worker = await this.worker(world);
    try {
      return await worker.runUntil(fn);
    } finally {
      const handles = this.open_.splice(0);
      await Promise.all(handles.map((hd) => hd.terminate('test finished').catch(() => undefined)));
    }
  }

  async open(overrides: Partial<OpenCaseInput> & Pick<OpenCaseInput, 'orderId' | 'caseType' | 'items'>): Promise<CaseHandle> {
    const caseId = `T-${randomUUID().slice(0, 8)}`;
    const input: OpenCaseInput = {
      caseId,
      channel: 'app',
      urgency: 'normal',
      evidence: [],
      policyVersion: CURRENT_POLICY_VERSION,
      openedAt: new Date(await this.now()).toISOString(),
      ...overrides,
    };
    const handle = (await this.env.client.workflow.start('afterSalesCase', {
      workflowId: caseWorkflowId(caseId),
      taskQueue: this.taskQueue,
      args: [input],
    })) as CaseHandle;
    this.open_.push(handle);
    return handle;
  }

  async teardown(): Promise<void> {
    await this.env?.teardown();
  }
}

export async function view(handle: CaseHandle): Promise<CaseView> {
  return handle.query(caseViewQuery);
}

export { newWorld };
export type { OrderSnapshot };
