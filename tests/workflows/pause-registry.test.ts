/**
 * The platform clock-pause registry workflow (src/workflows/pauses/registry.ts) on a real dev server:
 * records and ends pauses (repeats change nothing), publishes them in its memo (what the API reads),
 * and after MAX_CHANGES_PER_RUN changes continues as new with the pauses carried over.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { fakeActivities, newWorld } from '../support/fake-activities';
import { testDataConverter } from '../support/codec';
import { createDevServerEnv, workflowBundle } from '../support/temporal';
import {
  ACTIVE_PAUSES_MEMO,
  CLOCK_PAUSES_WORKFLOW_TYPE,
  activePausesQuery,
  endPauseUpdate,
  recordPauseUpdate,
  type ActiveClockPause,
} from '../../src/workflows/pauses/contract';
import { MAX_CHANGES_PER_RUN, type platformClockPauses } from '../../src/workflows/pauses/registry';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createDevServerEnv();
});
afterAll(async () => {
  await env?.teardown();
});

const EAST = { pauseId: 'FLOOD-EAST', by: 'OPS-1', reason: 'regional flood', region: 'East' as const };
const ALL = { pauseId: 'SPRING-FESTIVAL', by: 'OPS-2', reason: 'logistics stop' };

test('records, repeats harmlessly, ends; the memo shows the pauses in force; continues as new after the change budget, pauses carried over', async () => {
  const taskQueue = 'pause-registry-test';
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: fakeActivities(newWorld([])), dataConverter: testDataConverter });
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start<typeof platformClockPauses>(CLOCK_PAUSES_WORKFLOW_TYPE, { workflowId: 'platform-clock-pauses-test', taskQueue, args: [{ pauses: [] }] });
    const memo = async () => ((await handle.describe()).memo?.[ACTIVE_PAUSES_MEMO] as ActiveClockPause[]).map((p) => p.pauseId).sort();

    const east = await handle.executeUpdate(recordPauseUpdate, { args: [EAST] });
    expect(east).toMatchObject(EAST);
    expect(Number.isNaN(Date.parse(east.since))).toBe(false);
    expect(await handle.executeUpdate(recordPauseUpdate, { args: [{ ...EAST, reason: 'again' }] })).toEqual(east);
    await handle.executeUpdate(recordPauseUpdate, { args: [ALL] });
    expect(await memo()).toEqual(['FLOOD-EAST', 'SPRING-FESTIVAL']);
    await expect(handle.executeUpdate(recordPauseUpdate, { args: [{ ...ALL, pauseId: '' }] })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/required/) } });

    expect(await handle.executeUpdate(endPauseUpdate, { args: [{ pauseId: 'FLOOD-EAST', by: 'OPS-1' }] })).toBe(true);
    expect(await handle.executeUpdate(endPauseUpdate, { args: [{ pauseId: 'FLOOD-EAST', by: 'OPS-1' }] })).toBe(false);
    expect(await memo()).toEqual(['SPRING-FESTIVAL']);
    const firstRun = (await handle.describe()).runId;

    // 3 changes so far; record and end a short pause until the budget is spent.
    for (let changes = 3; changes < MAX_CHANGES_PER_RUN; changes += 2) {
      await handle.executeUpdate(recordPauseUpdate, { args: [{ ...EAST, pauseId: `SHORT-${changes}` }] });
      if (changes + 1 < MAX_CHANGES_PER_RUN) await handle.executeUpdate(endPauseUpdate, { args: [{ pauseId: `SHORT-${changes}`, by: 'OPS-1' }] });
    }
    const latest = env.client.workflow.getHandle(handle.workflowId);
    const deadline = Date.now() + 10_000;
    while ((await latest.describe()).runId === firstRun && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await latest.describe()).runId).not.toBe(firstRun);
    const carried = (await latest.query(activePausesQuery)).map((p) => p.pauseId).sort();
    expect(carried).toEqual([`SHORT-${MAX_CHANGES_PER_RUN - 1}`, 'SPRING-FESTIVAL']);
    expect(((await latest.describe()).memo?.[ACTIVE_PAUSES_MEMO] as ActiveClockPause[]).map((p) => p.pauseId).sort()).toEqual(carried);
    await latest.terminate('test finished');
  });
  await env.client.workflow.getHandle('platform-clock-pauses-test').terminate().catch(() => undefined);
});
