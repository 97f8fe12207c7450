/**
 * Stored case histories: where they live, how they are named, how they are read and written, and
 * how a replay failure is explained. Shared by the replay test, the export command and the
 * recorder (test tooling: src/ never imports it). Files are the JSON that `temporal workflow show
 * --output json` writes, read and written with protobufjs's proto3 JSON codec over the public
 * @temporalio/proto types (what the SDK's own history helpers do, without reaching into its lib/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import type { Type } from 'protobufjs';
import { fromJson, toJson } from 'protobufjs/ext/protojson';

export type History = temporal.api.history.v1.IHistory;

/** tests/histories. */
export const HISTORIES_DIR = path.resolve(__dirname, '../histories');

// @temporalio/proto is a reflection root (json-module): its History class is a protobufjs Type at run time.
const HistoryType = temporal.api.history.v1.History as unknown as Type;

/** A history as the Temporal CLI writes it (proto3 JSON). */
export function historyToJSON(history: History): string {
  return JSON.stringify(toJson(HistoryType, HistoryType.fromObject(history)), null, 2);
}

/** A history from the Temporal CLI's JSON; fields a newer server added are ignored. */
export function historyFromJSON(json: unknown): History {
  const history = fromJson(HistoryType, json as object, { ignoreUnknownFields: true });
  if (!history) throw new TypeError('not a history');
  return history as History;
}

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
  fs.writeFileSync(target, historyToJSON(history) + '\n');
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

/** Replays a history (today's code), rejecting on a divergence. */
export type Replayer = (history: History) => Promise<void>;

const EventType = temporal.api.enums.v1.EventType;

function typeOf(event: temporal.api.history.v1.IHistoryEvent): number {
  const raw = event.eventType;
  return typeof raw === 'number' ? raw : Number(EventType[raw as unknown as keyof typeof EventType] ?? -1);
}

/**
 * Finds the first diverging event of a history that failed to replay. Replay is cut at workflow
 * task boundaries and bisected to the first task whose commands today's code does not reproduce;
 * inside that task the SDK's message names the event (`HistoryEvent(id: N…`) or the activity type
 * it expected, which picks the event. Returns the event id, or undefined if nothing is found.
 */
export async function locateDivergence(stored: StoredHistory, error: Error, replay: Replayer): Promise<number | undefined> {
  const events = stored.history.events ?? [];
  const named = /HistoryEvent\(id:\s*(\d+)/.exec(error.message);
  if (named) return Number(named[1]);
  // Prefix ends: just before each workflow task is scheduled, and the whole history.
  const cuts = events.flatMap((e, i) => (i > 0 && typeOf(e) === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED ? [i] : []));
  cuts.push(events.length);
  let lo = 0;
  let hi = cuts.length - 1; // the full history fails
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const fails = await replay({ events: events.slice(0, cuts[mid]) }).then(() => false, () => true);
    if (fails) hi = mid;
    else lo = mid + 1;
  }
  const from = hi > 0 ? cuts[hi - 1]! : 0;
  const window = events.slice(from, cuts[hi]);
  const expected = /scheduled event '([^']+)'/.exec(error.message)?.[1];
  const hit =
    (expected && window.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === expected)) ||
    window.find((e) => typeOf(e) > EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED) ||
    window[0];
  return hit ? Number(hit.eventId) : undefined;
}

/**
 * Turns a replay error into a sentence naming the history and the first event replay could not
 * match, e.g. `afterSalesCase_x_v1.json diverges at event 12 (ACTIVITY_TASK_SCHEDULED
 * notifyCustomer): …`.
 */
export function explainDivergence(stored: StoredHistory, error: Error, eventId?: number): string {
  const id = eventId ?? Number(/HistoryEvent\(id:\s*(\d+)/.exec(error.message)?.[1] ?? NaN);
  const event = Number.isNaN(id) ? undefined : stored.history.events?.find((e) => Number(e.eventId) === id);
  const what = event ? describeEvent(event) : 'an event the message does not name';
  const reason = /Nondeterminism error: ([^"]+)"/.exec(error.message)?.[1] ?? error.message;
  return `${stored.file} diverges at event ${event ? id : '?'} (${what}): ${reason}`;
}

function describeEvent(event: temporal.api.history.v1.IHistoryEvent): string {
  const type = String(EventType[typeOf(event)] ?? 'unknown').replace(/^EVENT_TYPE_/, '');
  const activity = event.activityTaskScheduledEventAttributes?.activityType?.name;
  return activity ? `${type} ${activity}` : type;
}
