/**
 * The two workflow bundles the bench runs: the case workflow (src/workflows) and the floor
 * workflows (scripts/bench/floor), each bundled once per run and written to the work folder so
 * worker processes load them by path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { caseBundleOptions } from '../../src/workflow-bundle';

const quiet = { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} };

export interface Bundles {
  casePath: string;
  floorPath: string;
  /** Seconds spent bundling both. */
  seconds: number;
}

async function bundle(options: BundleOptions, out: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ ...options, logger: quiet });
  fs.writeFileSync(out, code);
  return out;
}

export async function buildBundles(workDir: string): Promise<Bundles> {
  const started = Date.now();
  fs.mkdirSync(workDir, { recursive: true });
  const casePath = await bundle(caseBundleOptions(), path.join(workDir, 'case-bundle.js'));
  const floorPath = await bundle({ workflowsPath: path.join(__dirname, 'floor/workflows.ts') }, path.join(workDir, 'floor-bundle.js'));
  return { casePath, floorPath, seconds: (Date.now() - started) / 1000 };
}
