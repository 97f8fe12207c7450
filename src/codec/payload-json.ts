/**
 * The codec server protocol of the Temporal UI and CLI (`--codec-endpoint`): payloads as JSON, their
 * metadata values and data in base64, run through a data converter's payload codecs. The API's
 * `/codec/encode|decode` routes (src/api/codec/router.ts) validate the JSON and call this.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';

/** One payload in the protocol's JSON. */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

function fromJson(p: JsonPayload): Payload {
  const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
  return { metadata, data: Buffer.from(p.data ?? '', 'base64') };
}

function toJson(p: Payload): JsonPayload {
  const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return { metadata, data: Buffer.from(p.data ?? new Uint8Array()).toString('base64') };
}

/** Runs the payloads through `codecs`: encoding in their order, decoding in reverse. */
export async function transcodeJsonPayloads(op: 'encode' | 'decode', codecs: readonly PayloadCodec[], payloads: JsonPayload[]): Promise<JsonPayload[]> {
  let out = payloads.map(fromJson);
  for (const codec of op === 'encode' ? codecs : [...codecs].reverse()) out = await codec[op](out);
  return out.map(toJson);
}
