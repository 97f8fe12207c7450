/**
 * `npm run bench [-- --quick] [-- --only throughput,notes] [-- --port-base 11600] [-- --keep]`:
 * aftercase's own benchmark against the embedded stack. Every phase starts its own dev server on a
 * fresh SQLite file under bench-results/work, so cases left open by one phase never load the next.
 * Prints one table (each figure beside its floor from this run, as a ratio, with its parameters and
 * the load average) and writes it as JSON to bench-results/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installRuntime } from '../../src/worker';
import { buildBundles } from './bundles';
import { cpuLoopMs, load } from './measure';
import { FULL, QUICK, type BenchContext } from './params';
import { table, writeResults } from './report';
import { runPhases, PHASES } from './phases';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveTemporalCli } = require('../provision.js') as { resolveTemporalCli(): string };

const root = path.resolve(__dirname, '../..');
const resultsDir = path.join(root, 'bench-results');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const params = process.argv.includes('--quick') ? QUICK : FULL;
  const only = arg('--only')?.split(',');
  const unknown = only?.filter((p) => !PHASES.includes(p as (typeof PHASES)[number]));
  if (unknown?.length) throw new Error(`unknown phase(s) ${unknown.join(', ')}; phases: ${PHASES.join(', ')}`);
  const portBase = arg('--port-base') ? Number(arg('--port-base')) : undefined;
  const workDir = path.join(resultsDir, 'work');
  const started = Date.now();
  const say = (line: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s, load ${load()}] ${line}\n`);

  installRuntime();
  // The machine's speed before and after (the same VM has read twice as slow on some days).
  const loopBefore = cpuLoopMs();
  say(`${params.mode} run; machine speed: the CPU loop took ${loopBefore.toFixed(0)} ms of CPU; bundling the case and floor workflows…`);
  const bundles = await buildBundles(workDir);
  say(`bundled in ${bundles.seconds.toFixed(1)} s`);
  let index = 0;
  const ctx: BenchContext = {
    params,
    settings: { cliPath: resolveTemporalCli(), workDir, casePath: bundles.casePath, floorPath: bundles.floorPath, ...(portBase && { portBase }) },
    nextStack: () => index++,
    log: say,
  };
  const { figures, details } = await runPhases(ctx, only);
  const loopAfter = cpuLoopMs();
  const seconds = (Date.now() - started) / 1000;

  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    temporalSdk: (JSON.parse(fs.readFileSync(require.resolve('@temporalio/worker/package.json'), 'utf8')) as { version: string }).version,
    temporalCli: path.basename(path.dirname(ctx.settings.cliPath)),
    /** CPU ms of measure.ts's SPEED_LOOP in a fresh node, at the start and at the end of the run. */
    cpuLoopMs: { before: Math.round(loopBefore), after: Math.round(loopAfter) },
  };
  const title = `aftercase bench, ${params.mode} run, ${new Date().toISOString()} — ${machine.cpus} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, SDK ${machine.temporalSdk}, CLI ${machine.temporalCli}, CPU loop ${machine.cpuLoopMs.before}→${machine.cpuLoopMs.after} ms; ${seconds.toFixed(0)} s`;
  process.stdout.write(`\n${title}\n\n${table(figures)}\n\n`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const result = { mode: params.mode, only, at: new Date().toISOString(), seconds, machine, params, bundleSeconds: bundles.seconds, title, table: table(figures), figures, details };
  const file = writeResults(resultsDir, `${params.mode}-${stamp}.json`, result);
  // Only a run of every phase stands for the mode (and bench-results/last-full.json is kept in git).
  if (!only) writeResults(resultsDir, `last-${params.mode}.json`, result);
  if (!process.argv.includes('--keep')) fs.rmSync(workDir, { recursive: true, force: true });
  process.stdout.write(`results: ${path.relative(process.cwd(), file)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`[bench] failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);

