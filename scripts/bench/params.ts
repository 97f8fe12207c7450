/** What a bench run measures with: the quick run (under 2 minutes) and the full run. */
import type { StackSettings } from './stack';

export interface BenchParams {
  mode: 'quick' | 'full';
  /** Cases in flight at once in the throughput phases (closed loop). */
  concurrency: number;
  /** Cases run on each side before the measured ones (JIT, caches, connections). */
  warmup: number;
  /** Measured cases in each throughput round, on each side (case, floor). */
  cases: number;
  /** Throughput rounds per side, alternating case and floor (ABBA); the figure is the median. */
  rounds: number;
  /** How often a driver polls a case while it waits for its survey. */
  pollMs: number;
  /** How long cases are opened at half the sustainable rate, in each round of each side. */
  halfLoadSeconds: number;
  /** Half-load rounds per side (api, raw start, floor), alternating. */
  halfLoadRounds: number;
  /** Agent notes on the one busy case. */
  notes: number;
  /** Parked case counts; each list is one fresh stack measured at N = 0 then at each N. */
  parked: number[][];
  /** Fixed part of the time allowed for parking before the timers come due… */
  parkLeadSeconds: number;
  /** …plus this many times the closed-loop time of N cases (parking all at once is slower). */
  parkLeadFactor: number;
  /** Events in the long history the replay figure is measured on. */
  replayEvents: number;
}

/**
 * Near 2 minutes on the shared 2-core machine: four stacks start (one for throughput and half load,
 * one for the busy case, two for parking), so the sizes are small; the throughput and half-load
 * sides are measured in alternating rounds (phases/rounds.ts).
 * Parked N=10 with a 2 s fixed lead (was 200 and 10 s, which alone took 3–4 min: parking, then the
 * lead before the timers come due); its per-case memory is a smoke figure, the full run's N=1,000
 * is the one to compare.
 */
export const QUICK: BenchParams = {
  mode: 'quick',
  concurrency: 4,
  warmup: 4,
  cases: 8,
  rounds: 3,
  pollMs: 100,
  halfLoadSeconds: 4,
  halfLoadRounds: 2,
  notes: 200,
  parked: [[10]],
  parkLeadSeconds: 2,
  parkLeadFactor: 1,
  replayEvents: 1000,
};

export const FULL: BenchParams = {
  mode: 'full',
  concurrency: 8,
  warmup: 16,
  cases: 40,
  rounds: 6,
  pollMs: 100,
  halfLoadSeconds: 10,
  halfLoadRounds: 8,
  notes: 1000,
  parked: [[200], [1000]],
  parkLeadSeconds: 10,
  parkLeadFactor: 2.5,
  replayEvents: 1000,
};

export interface BenchContext {
  params: BenchParams;
  settings: StackSettings;
  /** A new index per stack (its ports when a port base is set). */
  nextStack(): number;
  log(line: string): void;
}
