/**
 * The bench's results: one row per figure, with its floor from the same run, the ratio, the
 * issue-14 target where there is one, and the parameters it was measured with. Printed as a table
 * and written as JSON.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Figure {
  group: string;
  name: string;
  value: number;
  unit: string;
  floor?: number;
  /** value / floor, unless the phase gives its own (the median of per-round ratios). */
  ratio?: number;
  /** The "Done when" target of issue 14 this figure answers, and whether this run meets it. */
  target?: { text: string; met: boolean };
  /** What it was measured with: rate, concurrency, N, load average… */
  params: string;
}

export function figure(f: Figure): Figure {
  const ratio = f.ratio ?? (f.floor !== undefined && f.floor !== 0 && Number.isFinite(f.floor) ? f.value / f.floor : undefined);
  return { ...f, ...(ratio !== undefined && { ratio }) };
}

function fmt(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '–';
  const a = Math.abs(n);
  if (a >= 1000) return Math.round(n).toLocaleString('en-US');
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.group,
    f.name,
    `${fmt(f.value)} ${f.unit}`,
    f.floor === undefined ? '–' : fmt(f.floor),
    f.ratio === undefined ? '–' : `${f.ratio.toFixed(2)}×`,
    f.target ? `${f.target.met ? 'met' : 'NOT met'}: ${f.target.text}` : '',
    f.params,
  ]);
  const head = ['group', 'figure', 'value', 'floor', 'ratio', 'target (issue 14)', 'parameters'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function writeResults(dir: string, name: string, content: object): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(content, null, 2) + '\n');
  return file;
}
