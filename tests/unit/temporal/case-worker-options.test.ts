// The case worker's options (src/worker.ts): the sticky queue's schedule-to-start timeout (the SDK's
// 10 s by default, AFTERCASE_STICKY_TIMEOUT_S to choose: docs/production.md), the task queue, and
// the bundle or the path to bundle.
import type { NativeConnection } from '@temporalio/worker';
import type { AfterSalesActivities } from '../../../src/activities/types';
import { caseWorkerOptions } from '../../../src/worker';
import { STICKY_TIMEOUT_SECONDS } from '../../../src/worker-settings';
import { CASE_TASK_QUEUE } from '../../../src/workflows/case/contract';

const base = { connection: {} as NativeConnection, namespace: 'default', activities: {} as AfterSalesActivities };

describe('case worker options', () => {
  test("a workflow task may wait the SDK's 10 s on the sticky queue, or what the operator set", () => {
    expect(STICKY_TIMEOUT_SECONDS).toBe(10);
    expect(caseWorkerOptions(base).stickyQueueScheduleToStartTimeout).toBe('10s');
    expect(caseWorkerOptions({ ...base, stickyTimeoutSeconds: 30 }).stickyQueueScheduleToStartTimeout).toBe('30s');
  });

  test('the case task queue by default, another when given', () => {
    expect(caseWorkerOptions(base).taskQueue).toBe(CASE_TASK_QUEUE);
    expect(caseWorkerOptions({ ...base, taskQueue: 'elsewhere' }).taskQueue).toBe('elsewhere');
  });

  test('a pre-built bundle is used as is; without one the workflows are bundled from their path', () => {
    const bundled = caseWorkerOptions({ ...base, workflowBundle: { code: '' } });
    expect(bundled.workflowBundle).toEqual({ code: '' });
    expect(bundled.workflowsPath).toBeUndefined();
    const fromPath = caseWorkerOptions(base);
    expect(fromPath.workflowBundle).toBeUndefined();
    expect(fromPath.workflowsPath).toMatch(/workflows/);
  });
});
