/**
 * Records the stored history of the clock-pause registry workflow (src/workflows/pauses/registry.ts)
 * from a real run on the time-skipping test server: two pauses recorded (one repeated), one ended,
 * the active list queried. Written to tests/histories/platformClockPauses_record-repeat-end_v1.json;
 * the replay test replays it with every case history.
 *
 *   npx ts-node --transpile-only scripts/record-pause-registry-history.ts
 */
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { HISTORIES_DIR, historyFileName, writeHistory } from '../tests/support/histories';
import { createTimeSkippingEnv } from '../tests/support/temporal';
import { fakeActivities, newWorld } from '../tests/support/fake-activities';
import { caseBundleOptions } from '../src/workflow-bundle';
import { CLOCK_PAUSES_WORKFLOW_TYPE, activePausesQuery, endPauseUpdate, recordPauseUpdate } from '../src/workflows/pauses/contract';
import type { platformClockPauses } from '../src/workflows/pauses/registry';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveTestServer } = require('./provision.js') as { resolveTestServer(): Promise<unknown> };

async function main(): Promise<void> {
  process.env.AFTERCASE_TEST_SERVER_EXEC = JSON.stringify(await resolveTestServer());
  const { code } = await bundleWorkflowCode(caseBundleOptions());
  // Stored histories are plain: recorded with the codec off (tests/histories/README.md).
  const env = await createTimeSkippingEnv({ codec: false, startAt: '2026-10-19T01:00:00Z' });
  try {
    const taskQueue = 'record-pause-registry';
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: { code }, activities: fakeActivities(newWorld([])) });
    const history = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof platformClockPauses>(CLOCK_PAUSES_WORKFLOW_TYPE, { workflowId: 'platform-clock-pauses', taskQueue, args: [{ pauses: [] }] });
      const flood = { pauseId: 'FLOOD-EAST', by: 'OPS-1', reason: 'regional flood', region: 'East' as const };
      await handle.executeUpdate(recordPauseUpdate, { args: [flood] });
      await handle.executeUpdate(recordPauseUpdate, { args: [flood] });
      await env.sleep('1 hour');
      await handle.executeUpdate(recordPauseUpdate, { args: [{ pauseId: 'SPRING-FESTIVAL', by: 'OPS-2', reason: 'logistics stop', caseType: 'not_delivered' }] });
      await handle.executeUpdate(endPauseUpdate, { args: [{ pauseId: 'FLOOD-EAST', by: 'OPS-1' }] });
      const left = await handle.query(activePausesQuery);
      if (left.length !== 1 || left[0]?.pauseId !== 'SPRING-FESTIVAL') throw new Error(`unexpected pauses in force: ${JSON.stringify(left)}`);
      await handle.terminate('recorded');
      return handle.fetchHistory();
    });
    const file = historyFileName(CLOCK_PAUSES_WORKFLOW_TYPE, 'record-repeat-end', 1);
    writeHistory(HISTORIES_DIR, file, history);
    console.log(`✓ ${file}`);
  } finally {
    await env.teardown();
  }
}

void main();
