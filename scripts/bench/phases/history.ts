/**
 * History cost per scenario path: every stored case history (tests/histories, the newest version
 * of each scenario) and the path the bench drove, in events against the SDK's cost model and in
 * bytes against the floor workflow's history. The target of issue 14: within the model plus at
 * most one search-attribute upsert per workflow task.
 */
import { readHistories } from '../../../tests/support/histories';
import { historyCost, type HistoryCost } from '../history';

export interface ScenarioCost extends HistoryCost {
  scenario: string;
  /** Within the cost model plus at most one upsert per workflow task. */
  fits: boolean;
}

/**
 * Within the model plus its upserts (at most one per workflow task), its patch markers, and the
 * command-less tasks a test server adds (3 events each; none on the dev server).
 */
export function modelBound(c: HistoryCost): number {
  return c.model + c.upserts + c.markers + 3 * c.commandlessTasks;
}

export function fitsModel(c: HistoryCost): boolean {
  return c.maxUpsertsPerTask <= 1 && c.events <= modelBound(c);
}

/** The newest stored version of each scenario (`<type>_<scenario>_v<n>.json`). */
export function storedScenarioCosts(): ScenarioCost[] {
  const newest = new Map<string, { version: number; cost: HistoryCost }>();
  for (const s of readHistories()) {
    const m = /^[^_]+_(.+)_v(\d+)\.json$/.exec(s.file);
    if (!m) continue;
    const version = Number(m[2]);
    if ((newest.get(m[1]!)?.version ?? 0) < version) newest.set(m[1]!, { version, cost: historyCost(s.history) });
  }
  return [...newest].map(([scenario, { version, cost }]) => ({ scenario: `${scenario} v${version}`, ...cost, fits: fitsModel(cost) }));
}
