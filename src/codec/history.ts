/**
 * Runs a payload codec over every codec-owned payload of a stored history: inputs, results,
 * details, update arguments and outcomes, memos and user metadata (summaries). Search attributes
 * and headers are left alone, as the SDK leaves them. Used to encrypt a plain history for the
 * replay tests and to decrypt an exported one (npm run export-histories -- --decrypt).
 */
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
type Transform = (payloads: Payload[]) => Promise<Payload[]>;
type Node = Record<string, unknown>;

/**
 * Never codec-encoded by the SDK: indexed by the server (search attributes), read by interceptors
 * (headers), or written by sdk-core itself (markers: patch markers' `patch_data`; the case workflow
 * runs no local activities, whose markers would mix both).
 */
const UNTOUCHED = new Set(['searchAttributes', 'header', 'markerRecordedEventAttributes']);

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !ArrayBuffer.isView(v);
}

async function visit(node: Node, transform: Transform): Promise<void> {
  for (const [key, value] of Object.entries(node)) {
    if (UNTOUCHED.has(key) || !isNode(value)) continue;
    if (key === 'payloads' && Array.isArray(value)) {
      node[key] = await transform(value as Payload[]);
    } else if (key === 'memo' && isNode(value.fields)) {
      const fields = value.fields as Record<string, Payload>;
      const names = Object.keys(fields);
      const out = await transform(names.map((n) => fields[n]!));
      value.fields = Object.fromEntries(names.map((n, i) => [n, out[i]]));
    } else if (key === 'userMetadata') {
      for (const field of ['summary', 'details'] as const) {
        const p = value[field] as Payload | undefined | null;
        if (p) value[field] = (await transform([p]))[0];
      }
    } else if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) await visit(item, transform);
    } else {
      await visit(value, transform);
    }
  }
}

/** A copy of `history` with `transform` (a codec's encode or decode) applied to its payloads. */
export async function transformHistoryPayloads(history: History, transform: Transform): Promise<temporal.api.history.v1.History> {
  const HistoryProto = temporal.api.history.v1.History;
  const copy = HistoryProto.decode(HistoryProto.encode(history).finish());
  for (const event of copy.events) await visit(event as unknown as Node, transform);
  return copy;
}
