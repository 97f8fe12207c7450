/**
 * Benchmarks the file-backed dev server with SQLite's defaults against the pragmas `npm start` uses
 * (journal_mode=wal, synchronous=NORMAL): starts N case workflows one after another (each start is
 * a durable write) and terminates them, on a fresh database per configuration, and prints the rates.
 *
 *   npm run bench:dev-server [-- --n 200]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { CURRENT_POLICY_VERSION } from '../src/policy';
import { devServerExtraArgs, startDevServer, waitForPort } from '../src/temporal/dev-server';
import { CASE_TASK_QUEUE, CASE_WORKFLOW_TYPE, caseWorkflowId, type OpenCaseInput } from '../src/workflows/case/contract';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveTemporalCli } = require('./provision.js') as { resolveTemporalCli(): string };

const n = Number(process.argv[process.argv.indexOf('--n') + 1] || 100) || 100;

async function run(label: string, pragmas: boolean, port: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercase-bench-'));
  const server = await startDevServer({
    cliPath: resolveTemporalCli(),
    dbFile: path.join(dir, 'bench.db'),
    ip: '127.0.0.1',
    port,
    uiPort: port + 1,
    namespace: 'default',
    pragmas,
  });
  await waitForPort('127.0.0.1', port, 30_000);
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  try {
    const input = (i: number): OpenCaseInput => ({
      caseId: `BENCH-${i}`, orderId: `ORD-${i}`, channel: 'app', caseType: 'damaged', urgency: 'normal',
      items: [{ sku: 'SKU', quantity: 1 }], evidence: [], policyVersion: CURRENT_POLICY_VERSION, openedAt: new Date().toISOString(),
    });
    await client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId: 'warm-up', taskQueue: CASE_TASK_QUEUE, args: [input(-1)] });
    const started = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      await client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId: caseWorkflowId(`BENCH-${i}`), taskQueue: CASE_TASK_QUEUE, args: [input(i)] });
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${label.padEnd(40)} ${n} starts in ${ms.toFixed(0)} ms = ${((n * 1000) / ms).toFixed(1)} starts/s, ${(ms / n).toFixed(1)} ms each`);
  } finally {
    await connection.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`dev server pragmas: ${devServerExtraArgs().filter((a) => a.includes('=') && !a.startsWith('frontend')).join(' ')}`);
  await run('SQLite defaults', false, 17_433);
  await run('journal_mode=wal, synchronous=NORMAL', true, 17_533);
}

void main();
