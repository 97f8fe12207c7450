/**
 * The phases in order, and the figures each one yields. Throughput runs first: its rate sets the
 * half load of the later phases and its cases' histories give the floor its shape.
 */
import type { FloorCaseInput } from '../floor/workflows';
import { load } from '../measure';
import type { BenchContext } from '../params';
import { figure, type Figure } from '../report';
import { caseThroughput, floorThroughput } from './throughput';

export const PHASES = ['throughput', 'half-load', 'history', 'notes', 'parked', 'replay'] as const;
type Phase = (typeof PHASES)[number];

/** Used when the throughput phase is skipped (--only): a shape like the happy path's, a modest rate. */
const FALLBACK_SHAPE: FloorCaseInput = { activitiesBefore: 6, activitiesAfter: 1, timers: 3, firedTimers: 0, updates: 2 };
const FALLBACK_RATE = 4;

export async function runPhases(ctx: BenchContext, only?: string[]): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const want = (p: Phase) => !only || only.includes(p);
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  const { params } = ctx;
  let shape = FALLBACK_SHAPE;
  let rate = FALLBACK_RATE;

  if (want('throughput')) {
    const c = await caseThroughput(ctx);
    const f = await floorThroughput(ctx, c.shape);
    shape = c.shape;
    rate = c.perSecond;
    details.throughput = { case: { ...c, sample: undefined }, floor: f };
    figures.push(
      figure({
        group: 'throughput',
        name: 'cases/s to the end (spoiled → refund → ack → survey)',
        value: c.perSecond,
        unit: '/s',
        floor: f.perSecond,
        target: { text: '≥ 0.9× floor', met: c.perSecond >= 0.9 * f.perSecond },
        params: `C=${params.concurrency} N=${params.cases} poll=${params.pollMs}ms; floor ${shape.activitiesBefore + shape.activitiesAfter} act/${shape.timers} timers/${shape.updates} upd; load ${c.load.before}→${f.load.after}`,
      }),
    );
  }
  void load;
  return { figures, details };
}
