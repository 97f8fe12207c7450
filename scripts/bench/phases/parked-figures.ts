/** The parked phase's rows: worker and server MiB per parked case, and the lateness of the storm at T. */
import { figure, type Figure } from '../report';
import type { ParkedPoint, ParkedSeries } from './parked';

export function parkedFigures(c: ParkedSeries, f: ParkedSeries): Figure[] {
  const [c0, f0] = [c.points[0]!, f.points[0]!];
  return c.points.slice(1).flatMap((p, i) => {
    const q = f.points[i + 1]!;
    const per = (x: ParkedPoint, base: ParkedPoint, key: 'workerRssMiB' | 'serverRssMiB') => (x[key] - base[key]) / x.n;
    const workerPer = per(p, c0, 'workerRssMiB');
    const ms = (v: number) => v.toFixed(0);
    const late = (x: ParkedPoint) =>
      x.firedLate ? `${x.dueTogether}/${x.n} due together, TimerFired−T p50 ${ms(x.firedLate.p50)} p99 ${ms(x.firedLate.p99)} ms, acted−T (${x.actedLate!.n}) p50 ${ms(x.actedLate!.p50)} p99 ${ms(x.actedLate!.p99)} ms, ${x.taskTimeouts ?? '?'} workflow tasks timed out` : `0/${x.n}: no timer fired at T`;
    return [
      figure({
        group: 'parked',
        name: `worker MiB per parked case, N=${p.n}`,
        value: workerPer,
        unit: 'MiB',
        floor: per(q, f0, 'workerRssMiB'),
        ...(p.n >= 1000 && { target: { text: '≤ 1.5 MiB at 1,000', met: workerPer <= 1.5 } }),
        params: `worker RSS ${c0.workerRssMiB.toFixed(0)}→${p.workerRssMiB.toFixed(0)} MiB (heap ${c0.workerHeapMiB.toFixed(0)}→${p.workerHeapMiB.toFixed(0)}); floor ${f0.workerRssMiB.toFixed(0)}→${q.workerRssMiB.toFixed(0)}; parked in ${p.parkSeconds.toFixed(0)} s; load ${p.load}`,
      }),
      figure({
        group: 'parked',
        name: `server MiB per parked case, N=${p.n}`,
        value: per(p, c0, 'serverRssMiB'),
        unit: 'MiB',
        floor: per(q, f0, 'serverRssMiB'),
        params: `server RSS ${c0.serverRssMiB.toFixed(0)}→${p.serverRssMiB.toFixed(0)} MiB; floor ${f0.serverRssMiB.toFixed(0)}→${q.serverRssMiB.toFixed(0)}`,
      }),
      figure({
        group: 'parked',
        name: `timer lateness p99 when N=${p.n} come due together (workflow acted)`,
        value: p.actedLate?.p99 ?? NaN,
        unit: 'ms',
        floor: q.actedLate?.p99 ?? NaN,
        params: `case: ${late(p)}; floor: ${late(q)}; parked awaiting evidence, ${c.activities ? `${c.activities.activitiesBefore} activities before T, ${c.activities.activitiesAfter} at T` : 'activities unknown'}; clock ${c.clock ?? '?'}; sticky timeout ${c.stickyTimeoutSeconds ?? '?'} s`,
      }),
    ];
  });
}
