/**
 * Where the CPU goes: each bench process's CPU time (user + system, from /proc/<pid>/stat), read
 * before and after a measured stretch, as milliseconds per case (or per request). On this 2-core
 * machine every process of the stack shares the cores, so a side's throughput follows its total.
 * Linux only: elsewhere the figures are NaN and print as "–".
 */
import fs from 'node:fs';

/** The processes a figure is split over, by role. */
export type Pids = Record<string, number | undefined>;
export type CpuSnapshot = Record<string, number>;

/** Clock ticks per second of /proc's times (USER_HZ): 100 on every Linux the bench runs on. */
const TICKS = 100;

/** CPU seconds `pid` has used so far; NaN when it cannot be read. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    // Fields after the command (which may hold spaces and parentheses): state is 3rd, utime 14th and stime 15th of the line.
    const line = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = line.slice(line.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / TICKS;
  } catch {
    return NaN;
  }
}

export function snapshot(pids: Pids): CpuSnapshot {
  return Object.fromEntries(Object.entries(pids).map(([role, pid]) => [role, cpuSeconds(pid)]));
}

/** Milliseconds of CPU per item between two snapshots, by role, and their total. */
export function perItem(before: CpuSnapshot, after: CpuSnapshot, items: number): CpuSnapshot {
  const out: CpuSnapshot = {};
  let total = 0;
  for (const role of Object.keys(before)) {
    out[role] = ((after[role]! - before[role]!) * 1000) / items;
    total += out[role]!;
  }
  out.total = total;
  return out;
}

/** Adds `b` into `a`, role by role (for sums over rounds). */
export function add(a: CpuSnapshot, b: CpuSnapshot): CpuSnapshot {
  return Object.fromEntries(Object.keys(b).map((role) => [role, (a[role] ?? 0) + b[role]!]));
}

/** "server 200 · api 60 · …" in whole milliseconds, largest first. */
export function split(ms: CpuSnapshot): string {
  return Object.entries(ms)
    .filter(([role]) => role !== 'total')
    .sort((x, y) => y[1] - x[1])
    .map(([role, v]) => `${role} ${Number.isFinite(v) ? v.toFixed(0) : '–'}`)
    .join(' · ');
}
