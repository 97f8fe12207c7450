/**
 * The bench's busy-case phase follows a case that continued as new (issue 14): `runChain` reads the
 * current run by its run id and walks back along continuedExecutionRunId to the first run, and
 * refuses a chain that does not end at firstExecutionRunId. Here on a real dev server with the
 * bench's floor workflow that continues as new twice (scripts/bench/floor/workflows.ts).
 */
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createFloorActivities } from '../../scripts/bench/floor/activities';
import { floorCloseSignal, type floorChain } from '../../scripts/bench/floor/workflows';
import { runChain } from '../../scripts/bench/phases/notes';
import { testDataConverter } from '../support/codec';
import { createDevServerEnv } from '../support/temporal';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createDevServerEnv();
});
afterAll(async () => {
  await env?.teardown();
});

test('a workflow that continued as new twice is read as three runs, newest first, back to its first run', async () => {
  const taskQueue = 'bench-run-chain';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: path.join(__dirname, '../../scripts/bench/floor/workflows.ts'),
    activities: createFloorActivities(),
    dataConverter: testDataConverter,
  });
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start<typeof floorChain>('floorChain', { workflowId: 'bench-chain', taskQueue, args: [2] });
    const firstRunId = handle.firstExecutionRunId;
    // Wait until the third run (runsLeft 0) is the current one.
    for (let i = 0; i < 100 && (await env.client.workflow.getHandle('bench-chain').describe()).runId === firstRunId; i++) await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 100 && (await runChain(env.client, 'bench-chain')).length < 3; i++) await new Promise((r) => setTimeout(r, 100));
    const chain = await runChain(env.client, 'bench-chain');
    expect(chain).toHaveLength(3);
    const started = chain.map((h) => h.events![0]!.workflowExecutionStartedEventAttributes!);
    // Newest first: the current run takes input 0, the first run 2; every run names the same first run.
    expect(started.map((s) => s.firstExecutionRunId)).toEqual([firstRunId, firstRunId, firstRunId]);
    expect(started[2]!.continuedExecutionRunId || undefined).toBeUndefined();
    expect(started[0]!.continuedExecutionRunId).toBeTruthy();
    const current = (await env.client.workflow.getHandle('bench-chain').describe()).runId;
    expect(chain[0]!.events![0]!.workflowExecutionStartedEventAttributes!.originalExecutionRunId).toBe(current);
    await env.client.workflow.getHandle('bench-chain').signal(floorCloseSignal);
  });
});
