/**
 * The phases in order, and the figures each one yields. Throughput runs first: its rate sets the
 * half load of the later phases and its cases' histories give the floor its shape.
 */
import { describeError } from '../drive';
import type { FloorCaseInput } from '../floor/workflows';
import type { HistoryCost } from '../history';
import { load, type Spread } from '../measure';
import type { BenchContext } from '../params';
import { PhaseStack } from '../stack';
import { split } from '../cpu';
import { figure, type Figure } from '../report';
import { halfLoad, halfRate, type HalfLoadRun } from './half-load';
import { fitsModel, modelBound, storedScenarioCosts } from './history';
import { busyCase, type NotesRun } from './notes';
import { parkedCases, parkedFloor } from './parked';
import { parkedFigures } from './parked-figures';
import { replayLong, replayStoredSet, warmReplay } from './replay';
import { throughput } from './throughput';

export const PHASES = ['throughput', 'half-load', 'history', 'notes', 'parked', 'replay'] as const;
type Phase = (typeof PHASES)[number];

/** Used when the throughput phase is skipped (--only): a shape like the happy path's, a modest rate. */
const FALLBACK_SHAPE: FloorCaseInput = { activitiesBefore: 6, activitiesAfter: 1, timers: 3, firedTimers: 0, updates: 2 };
const FALLBACK_RATE = 4;

export async function runPhases(ctx: BenchContext, only?: string[]): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const failed: Phase[] = [];
  /** Whether to run phase p; a phase that throws is reported as a row and the run goes on. */
  const want = (p: Phase) => !only || only.includes(p);
  const attempt = async (p: Phase, body: () => Promise<void>) => {
    if (!want(p)) return;
    const started = Date.now();
    try {
      await body();
      ctx.log(`phase ${p} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } catch (err) {
      failed.push(p);
      ctx.log(`phase ${p} failed: ${describeError(err)}\n${(err as Error).stack ?? ''}`);
      figures.push({ group: p, name: 'PHASE FAILED', value: NaN, unit: '', params: describeError(err).slice(0, 200) });
    }
  };
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  const { params } = ctx;
  let shape = FALLBACK_SHAPE;
  let rate = FALLBACK_RATE;
  let floorRate = FALLBACK_RATE * 1.5;
  let happy: { case: HistoryCost; floor: HistoryCost } | undefined;
  let busy: NotesRun | undefined;

  // Throughput and half load share one stack (every throughput case has ended before half load
  // opens its first): one stack start fewer keeps the quick run near 2 minutes.
  let shared: PhaseStack | undefined;
  const sharedStack = async () => {
    if (!shared) {
      shared = await PhaseStack.start('throughput-half-load', ctx.settings, ctx.nextStack());
      await shared.startAll();
    }
    return shared;
  };
  await attempt('throughput', async () => {
    const t = await throughput(ctx, await sharedStack());
    const [c, f] = [t.case, t.floor];
    shape = t.shape;
    rate = c.perSecond;
    floorRate = f.perSecond;
    happy = { case: t.histories[0]!, floor: t.floorHistory };
    details.throughput = { ...t, sample: undefined };
    const rounds = (xs: number[]) => xs.map((x) => x.toFixed(2)).join('/');
    figures.push(
      figure({
        group: 'throughput',
        name: 'cases/s to the end (spoiled → refund → ack → survey)',
        value: c.perSecond,
        unit: '/s',
        floor: f.perSecond,
        ratio: t.pairedRatio,
        target: { text: '≥ 0.9× floor', met: t.pairedRatio >= 0.9 },
        params: `medians of ${c.rounds.length} rounds each, case/floor alternating on one server; ratio = median of the rounds' case÷floor: case ${rounds(c.rounds)}, floor ${rounds(f.rounds)}; C=${params.concurrency} N=${params.cases}/round, warm-up ${params.warmup} each, poll=${params.pollMs}ms; floor ${shape.activitiesBefore + shape.activitiesAfter} act/${shape.timers} timers/${shape.updates} upd; load ${c.load.before}→${c.load.after}`,
      }),
      // Why the rate is what it is: the cores are shared, so each side's rate follows its CPU per case.
      figure({
        group: 'throughput',
        name: 'CPU per case, every process of the stack',
        value: t.cpu.case.total!,
        unit: 'ms',
        floor: t.cpu.floor.total,
        params: `over the measured rounds; case: ${split(t.cpu.case)}; floor: ${split(t.cpu.floor)} (api+sandbox: the API and the merchant systems the case's activities call)`,
      }),
      ...(['summary', 'view'] as const).map((kind) =>
        figure({
          group: 'throughput',
          name: kind === 'summary' ? 'status poll: GET /v1/cases/{id}/summary, CPU per request' : 'case read: GET /v1/cases/{id}, CPU per request',
          value: t.reads[kind].ms.total!,
          unit: 'ms',
          floor: t.reads.floorQuery.ms.total,
          params: `${split(t.reads[kind].ms)}; ${t.reads[kind].perSecond.toFixed(0)}/s one at a time, n=${t.reads[kind].n}; floor: a query of the floor workflow (${split(t.reads.floorQuery.ms)})`,
        }),
      ),
    );
  });
  await attempt('half-load', async () => {
    const half = halfRate(rate);
    const h = await halfLoad(ctx, await sharedStack(), half, shape);
    const { api, raw, floor } = h;
    details.halfLoad = h;
    const p = (r: HalfLoadRun) => `${r.rate.toFixed(2)}/s n=${r.open.n}${r.failures ? ` failures=${r.failures}` : ''}; load ${r.load.before}→${r.load.after}`;
    const byRound = (r: HalfLoadRun) => r.roundP50.map((x) => x.toFixed(1)).join('/');
    figures.push(
      figure({ group: 'api', name: 'POST /v1/cases p50 vs raw workflow.start', value: api.open.p50, unit: 'ms', floor: raw.open.p50, target: { text: '≤ 1.25×', met: api.open.p50 <= 1.25 * raw.open.p50 }, params: `${p(api)}; raw ${p(raw)}; api and raw in turn on one connection at the rate overall, ${h.rounds} rounds on one server (the floor in rounds of its own); p50 by round ${byRound(api)} vs ${byRound(raw)} ms (median of the rounds' ratios ${h.pairedP50Ratio.toFixed(2)}×)` }),
      figure({ group: 'api', name: 'POST /v1/cases p99 vs raw workflow.start', value: api.open.p99, unit: 'ms', floor: raw.open.p99, target: { text: '≤ 1.5×', met: api.open.p99 <= 1.5 * raw.open.p99 }, params: 'as above; both paced by autocannon, 1 connection at overallRate, each request timed (no coordinated-omission fill-in); raw = bare POST → workflow.start on the API\'s listener, in its process' }),
    );
    const sts = (name: string, pick: (r: HalfLoadRun) => Spread) =>
      (['p95', 'p99'] as const).map((q) =>
        figure({ group: 'schedule-to-start', name: `${name} ${q}`, value: pick(api)[q], unit: 'ms', floor: pick(floor)[q], params: `API half load n=${pick(api).n} tasks; floor n=${pick(floor).n}; ${p(floor)}` }),
      );
    figures.push(...sts('workflow task', (r) => r.workflowTask), ...sts('activity task', (r) => r.activityTask));
  });

  await shared?.stop().catch((err: unknown) => ctx.log(`stopping the throughput/half-load stack: ${String(err)}`));

  await attempt('history', async () => {
    const mib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
    const costs = storedScenarioCosts();
    details.history = { stored: costs, ...(happy && { happyPath: happy }) };
    if (happy) {
      const c = happy.case;
      figures.push(
        figure({ group: 'history', name: 'bench happy path: events vs cost model', value: c.events, unit: 'events', floor: c.model, target: { text: 'model + ≤1 upsert/task', met: fitsModel(c) }, params: `${c.activities} act, ${c.timers} timers, ${c.updates} upd, ${c.upserts} upserts in ${c.workflowTasks} tasks (max ${c.maxUpsertsPerTask}/task)` }),
        figure({ group: 'history', name: 'bench happy path: bytes vs floor workflow', value: c.bytes / 1024, unit: 'KiB', floor: happy.floor.bytes / 1024, params: `floor ${happy.floor.events} events` }),
      );
    }
    for (const s of costs) {
      figures.push(
        figure({ group: 'history', name: `stored ${s.scenario}`, value: s.events, unit: 'events', floor: s.model, target: { text: 'model + ≤1 upsert/task', met: s.fits }, params: `${mib(s.bytes)}; ${s.activities} act, ${s.timers} timers, ${s.signals + s.updates} msg, ${s.upserts} upserts in ${s.workflowTasks} tasks (max ${s.maxUpsertsPerTask}/task); bound ${modelBound(s)} with ${s.markers} marker(s), ${s.commandlessTasks} command-less task(s)` }),
      );
    }
  });

  await attempt('notes', async () => {
    busy = await busyCase(ctx);
    const b = busy;
    details.notes = { ...b, caseHistory: undefined, floorHistory: undefined };
    const open = b.status === 'RUNNING' && b.queryAnswered && b.pendingTimers > 0 && b.accepted === b.asked && b.notesInHistories === b.accepted;
    figures.push(
      figure({
        group: 'busy case',
        name: `${b.asked} agent notes: largest run's history`,
        value: b.largestRunBytes / 2 ** 20,
        unit: 'MiB',
        floor: b.floor.bytes / 2 ** 20,
        target: { text: `< 2 MB per run and stays open (${ctx.params.notes === 1000 ? 'full run' : 'target is at 1,000'})`, met: b.largestRunBytes < 2_000_000 && open },
        params: `accepted ${b.accepted}/${b.asked}${b.firstFailure ? ` (${b.firstFailure})` : ''}; ${b.status}, query ${b.queryAnswered ? 'ok' : 'FAILED'}, ${b.pendingTimers} timers pending, ${b.runs} run(s) holding ${b.notesInHistories} notes, latest ${b.latest.events} events; continue-as-new suggested ${b.continueAsNewSuggestedAfter !== undefined ? `after note ${b.continueAsNewSuggestedAfter}` : 'never'}; floor ${b.floor.events} events; load ${b.load.before}→${b.load.after}`,
      }),
      figure({ group: 'busy case', name: 'note update p50 (POST notes)', value: b.noteLatency.p50, unit: 'ms', params: `p99 ${b.noteLatency.p99.toFixed(0)} ms, max ${b.noteLatency.max.toFixed(0)} ms over ${b.noteLatency.n} notes` }),
    );
  });

  await attempt('parked', async () => {
    const series = [];
    for (const counts of params.parked) {
      const c = await parkedCases(ctx, counts, rate);
      // The floor parks and acts with the activity counts read from the parked cases' histories.
      const f = await parkedFloor(ctx, counts, floorRate, c.activities ?? { activitiesBefore: shape.activitiesBefore, activitiesAfter: 2 });
      series.push({ case: c, floor: f });
      figures.push(...parkedFigures(c, f));
    }
    details.parked = series;
  });

  await attempt('replay', async () => {
    const { casePath, floorPath } = ctx.settings;
    if (busy) {
      await warmReplay(casePath, floorPath, busy.floorHistory);
      const long = await replayLong(casePath, floorPath, busy.caseHistory, busy.floorHistory, params.replayEvents);
      const set = await replayStoredSet(casePath, floorPath, busy.floorHistory);
      details.replay = { long, set };
      figures.push(
        figure({ group: 'replay', name: `one ${long.case.events}-event history (the busy case)`, value: long.case.seconds, unit: 's', floor: long.floor.seconds, target: { text: '≤ 1 s', met: long.case.seconds <= 1 && long.case.failures.length === 0 }, params: `floor ${long.floor.events} events${long.case.failures.length ? `; FAILED: ${long.case.failures[0]}` : ''}; load ${load()}` }),
        figure({ group: 'replay', name: `stored set (${set.stored.histories} histories, ${set.stored.events} events)`, value: set.stored.seconds, unit: 's', floor: set.floor.seconds, params: `floor: floor histories cut to the same lengths (${set.floor.events} events); ${set.stored.failures.length} failed${set.stored.failures.length ? `: ${set.stored.failures[0]}` : ''}; load ${load()}` }),
      );
    } else {
      ctx.log('replay needs the notes phase (its long history and the floor history); skipped');
    }
  });

  if (failed.length) details.failedPhases = failed;
  return { figures, details };
}
