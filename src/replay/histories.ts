/**
 * Stored case histories: where they live, how they are named, how they are read and written, and
 * how a replay failure is explained. Shared by the replay test, the export command and the
 * recorder. Files are the JSON that `temporal workflow show --output json` writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';

export type History = temporal.api.history.v1.IHistory;

/** tests/replay/histories, relative to the repository root. */
export const HISTORIES_DIR = path.resolve(__dirname, '../../tests/replay/histories');

/** `<workflowType>_<scenario>_v<n>.json`, e.g. afterSalesCase_damaged-reship-ems_v1.json. */
export function historyFileName(workflowType: string, scenario: string, version = 1): string {
  if (!/^[a-z0-9-]+$/.test(scenario)) throw new Error(`scenario names are lower-case words joined by '-': ${scenario}`);
  return `${workflowType}_${scenario}_v${version}.json`;
}

export interface StoredHistory {
  file: string;
  /** The workflow id recorded beside the history (histories themselves carry none). */
  workflowId: string;
  history: History;
}

/** Writes a history as `temporal workflow show --output json` would, plus a sidecar-free id. */
export function writeHistory(dir: string, file: string, history: History): string {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, file);
  fs.writeFileSync(target, historyToJSON(history as temporal.api.history.v1.History) + '\n');
  return target;
}

/** Reads every stored history in `dir`, sorted by name. */
export function readHistories(dir: string = HISTORIES_DIR): StoredHistory[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      return { file, workflowId: `replay-${file.replace(/\.json$/, '')}`, history };
    });
}

/**
 * Turns a replay error into a sentence naming the history and the first event replay could not
 * match, e.g. `afterSalesCase_x_v1.json diverges at event 12 (ACTIVITY_TASK_SCHEDULED
 * notifyCustomer): …`.
 */
export function explainDivergence(stored: StoredHistory, error: Error): string {
  const match = /(?:event|HistoryEvent)\s*\(?\s*id:?\s*(\d+)/i.exec(error.message) ?? /\bid[:=]\s*(\d+)/.exec(error.message);
  const eventId = match ? Number(match[1]) : undefined;
  const event = eventId ? stored.history.events?.find((e) => Number(e.eventId) === eventId) : undefined;
  const what = event ? describeEvent(event) : 'an event the message does not name';
  return `${stored.file} diverges at event ${eventId ?? '?'} (${what}): ${error.name}: ${error.message}`;
}

function describeEvent(event: temporal.api.history.v1.IHistoryEvent): string {
  const raw = event.eventType;
  const name = typeof raw === 'number' ? temporal.api.enums.v1.EventType[raw] : raw;
  const type = String(name ?? 'unknown').replace(/^EVENT_TYPE_/, '');
  const activity = event.activityTaskScheduledEventAttributes?.activityType?.name;
  return activity ? `${type} ${activity}` : type;
}
