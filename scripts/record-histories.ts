/**
 * Records the stored history set from real runs: each scenario of tests/replay/scenarios.ts runs on
 * the time-skipping test server with in-memory activities, and its complete history is written to
 * tests/histories/afterSalesCase_<scenario>_v<version>.json.
 *
 *   npm run record-histories [-- --version 2] [-- --only name,name]
 *
 * Re-record only for a new workflow version: stored histories are what running cases look like.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { HISTORIES_DIR, historyFileName, writeHistory } from '../tests/support/histories';
import { caseBundleOptions } from '../src/workflow-bundle';
import { CASE_WORKFLOW_TYPE } from '../src/workflows/case/contract';
import { CaseHarness, view } from '../tests/support/case-harness';
import { runChain } from '../tests/support/run-chain';
import { SCENARIOS } from '../tests/replay/scenarios';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveTestServer } = require('./provision.js') as { resolveTestServer(): Promise<unknown> };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const version = Number(arg('version') ?? 1);
  const only = arg('only')?.split(',');
  process.env.AFTERCASE_TEST_SERVER_EXEC = JSON.stringify(await resolveTestServer());
  const { code } = await bundleWorkflowCode(caseBundleOptions());
  const bundlePath = path.resolve(__dirname, '../.cache/record-bundle.js');
  fs.mkdirSync(path.dirname(bundlePath), { recursive: true });
  fs.writeFileSync(bundlePath, code);
  process.env.AFTERCASE_WORKFLOW_BUNDLE = bundlePath;

  // Stored histories are plain: recorded with the codec off (tests/histories/README.md).
  const h = await CaseHarness.start({ codec: false });
  let failed = 0;
  try {
    for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
      const started = Date.now();
      // A scenario on given dates (working calendars) gets its own server, its clock started there.
      const hs = scenario.startAt ? await CaseHarness.start({ codec: false, startAt: scenario.startAt }) : h;
      try {
        const world = scenario.world(await hs.now());
        const handle = await hs.run(world, async () => {
          const hd = await hs.open(scenario.open);
          await scenario.drive(hs, hd, world);
          await hd.result();
          const final = await view(hd);
          if (final.status !== 'closed' || final.decision?.resolution !== scenario.expect.resolution) {
            throw new Error(`ended ${final.status} with ${final.decision?.resolution}, expected closed with ${scenario.expect.resolution}`);
          }
          return hd;
        });
        // A case that continued as new is stored run by run (…-run1, …-run2): each replays on its own.
        const runs = await runChain(hs.env.client, handle);
        for (const [i, run] of runs.entries()) {
          const file = historyFileName(CASE_WORKFLOW_TYPE, runs.length > 1 ? `${scenario.name}-run${i + 1}` : scenario.name, version);
          writeHistory(HISTORIES_DIR, file, run.history);
          console.log(`✓ ${file} (${Date.now() - started} ms, ${run.events} events): ${scenario.path}`);
        }
      } catch (err) {
        failed += 1;
        console.error(`✗ ${scenario.name}: ${(err as Error).message}`);
      } finally {
        if (hs !== h) await hs.teardown();
      }
    }
  } finally {
    await h.teardown();
  }
  if (failed > 0) process.exit(1);
}

void main();
