/**
 * The phases in order, and the figures each one yields. Throughput runs first: its rate sets the
 * half load of the later phases and its cases' histories give the floor its shape.
 */
import type { FloorCaseInput } from '../floor/workflows';
import type { Spread } from '../measure';
import type { BenchContext } from '../params';
import { figure, type Figure } from '../report';
import { apiHalfLoad, floorHalfLoad, halfRate, rawHalfLoad, type HalfLoadRun } from './half-load';
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
  if (want('half-load')) {
    const half = halfRate(rate);
    const api = await apiHalfLoad(ctx, half);
    const raw = await rawHalfLoad(ctx, half);
    const floor = await floorHalfLoad(ctx, half, shape);
    details.halfLoad = { api, raw, floor };
    const p = (r: HalfLoadRun) => `${r.rate.toFixed(2)}/s n=${r.open.n}${r.failures ? ` failures=${r.failures}` : ''}; load ${r.load.before}→${r.load.after}`;
    figures.push(
      figure({ group: 'api', name: 'POST /v1/cases p50 vs raw workflow.start', value: api.open.p50, unit: 'ms', floor: raw.open.p50, target: { text: '≤ 1.25×', met: api.open.p50 <= 1.25 * raw.open.p50 }, params: `${p(api)} | raw ${p(raw)}` }),
      figure({ group: 'api', name: 'POST /v1/cases p99 vs raw workflow.start', value: api.open.p99, unit: 'ms', floor: raw.open.p99, target: { text: '≤ 1.5×', met: api.open.p99 <= 1.5 * raw.open.p99 }, params: 'as above; autocannon 1 connection at overallRate, raw start paced the same' }),
    );
    const sts = (name: string, pick: (r: HalfLoadRun) => Spread) =>
      (['p95', 'p99'] as const).map((q) =>
        figure({ group: 'schedule-to-start', name: `${name} ${q}`, value: pick(api)[q], unit: 'ms', floor: pick(floor)[q], params: `API half load n=${pick(api).n} tasks | floor n=${pick(floor).n}; ${p(floor)}` }),
      );
    figures.push(...sts('workflow task', (r) => r.workflowTask), ...sts('activity task', (r) => r.activityTask));
  }

  return { figures, details };
}
