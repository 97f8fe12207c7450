/** Small measuring tools: percentiles, the load average, a process's resident memory, a clock. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Spread {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function spread(values: number[]): Spread {
  return { n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: percentile(values, 100) };
}

/** The 1-minute load average, as printed beside each figure. */
export function load(): number {
  return Math.round(os.loadavg()[0]! * 100) / 100;
}

/** Resident set size of a process in MiB (Linux /proc), NaN where unreadable. */
export function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Milliseconds since `start` (a process.hrtime.bigint()). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `fn` on every item with at most `concurrency` in flight. */
export async function pool<T, R>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** Polls `probe` every `everyMs` until it returns a value or `timeoutMs` passes. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * The machine's speed, as the docs compare days by: CPU milliseconds (user + system) of a fresh
 * `node -e` running this loop, start-up included, i.e. what `time node -e '<loop>'` reads as
 * user + sys. About 700 ms on the 2-core machine of 4 December 2026's full runs.
 */
export const SPEED_LOOP = 'let s=0;for(let i=0;i<3e8;i++)s+=i%7';

export function cpuLoopMs(loop = SPEED_LOOP): number {
  const report = 'const u=process.cpuUsage();process.stdout.write(String((u.user+u.system)/1000))';
  const run = spawnSync(process.execPath, ['-e', `${loop};${report}`], { encoding: 'utf8' });
  const ms = Number(run.stdout);
  if (run.status !== 0 || !Number.isFinite(ms) || ms <= 0) throw new Error(`CPU loop failed (exit ${run.status}): ${run.stderr.trim().slice(0, 200)}`);
  return ms;
}
