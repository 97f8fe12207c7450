/**
 * The codec server the Temporal UI (and CLI `--codec-endpoint`) calls to show a person payloads that
 * the server stores encrypted, run through the API client's own codecs (src/codec/payload-json.ts).
 * Callers: an agent or ops key as Bearer (the UI's "Pass access token"; behind an SSO'd UI, a proxy
 * presents one). On the development keys only (`npm start`, never production), a request from an
 * allowed UI origin needs no key: the dev UI has no sign-in. Other browser origins get a 403.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { transcodeJsonPayloads } from '../../codec/payload-json';
import { ApiError } from '../errors';
import { defineRoute, type AnyRoute } from '../route';

/** The dev server's UI (`temporal server start-dev`, UI port 8233) under both of its names. */
export const DEFAULT_UI_ORIGINS = ['http://127.0.0.1:8233', 'http://localhost:8233'] as const;

/** The UI origins of a UI on `host:uiPort` (loopback hosts under both names). */
export function uiOrigins(host: string, uiPort: number): string[] {
  const loopback = host === '127.0.0.1' || host === 'localhost';
  return loopback ? [`http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`] : [`http://${host}:${uiPort}`];
}

export interface CodecServerOptions {
  client: Client;
  namespace: string;
  /** Origins whose browsers may call (the Temporal UI's). Default DEFAULT_UI_ORIGINS. */
  uiOrigins?: readonly string[];
}

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'not base64');
// `{}` is how the protocol's JSON writes an empty list (the CLI sends it): no payloads, not an error.
const PayloadsSchema = z
  .object({ payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).max(10_000).default([]) })
  .meta({ id: 'Payloads', description: "Temporal payloads in the codec server protocol's JSON (metadata values and data in base64)." });

/** CORS (the `cors` package) for the UI origins only; another origin is refused before anything else runs. */
function uiCors(origins: ReadonlySet<string>): RequestHandler {
  return cors({
    // No Origin: not a browser (CLI, scripts), the keys decide.
    origin: (origin, grant) => (origin === undefined || origins.has(origin) ? grant(null, origin ?? false) : grant(new ApiError('forbidden', 'this origin may not call the codec server'))),
    credentials: true,
    methods: 'POST, OPTIONS',
    allowedHeaders: 'authorization, content-type, x-namespace',
    maxAge: 600,
  });
}

/** The codec server: its CORS middleware (mount on /codec, before the routes) and its two routes. */
export function codecServer(opts: CodecServerOptions): { cors: RequestHandler; routes: AnyRoute[] } {
  const origins = new Set(opts.uiOrigins ?? DEFAULT_UI_ORIGINS);
  // Read per request: stand-in clients in tests may carry no options at all (then: no codecs).
  const codecs = (): PayloadCodec[] => opts.client.options?.loadedDataConverter?.payloadCodecs ?? [];
  const routes = (['encode', 'decode'] as const).map((op) =>
    defineRoute({
      method: 'post',
      path: `/codec/${op}`,
      operationId: `${op}Payloads`,
      tag: 'codec',
      summary: op === 'decode' ? 'Decode (decrypt) payloads for the Temporal UI and CLI' : 'Encode (encrypt) payloads with the current key',
      auth: { kind: 'apiKey', permission: 'codec:use', keylessOrigins: origins },
      headers: [{ name: 'X-Namespace', description: "The UI's namespace; when sent and not empty, it must be the API's (the CLI sends an empty one when no --namespace is given).", schema: z.string().optional() }],
      body: PayloadsSchema,
      // A decode request carries one event's payloads.
      bodyLimit: '4mb',
      responses: { 200: { description: 'The payloads, each run through the codecs.', schema: PayloadsSchema } },
      problems: ['bad_request'],
      async handle({ body, headers }) {
        const namespace = headers['x-namespace'];
        if (namespace !== undefined && namespace !== '' && namespace !== opts.namespace) throw new ApiError('forbidden', `this codec server serves namespace ${opts.namespace}`);
        try {
          return { status: 200, body: { payloads: await transcodeJsonPayloads(op, codecs(), body.payloads) } };
        } catch (err) {
          // A missing or wrong key: say which key id, never the payload.
          throw new ApiError('bad_request', (err as Error).message);
        }
      },
    }),
  );
  return { cors: uiCors(origins), routes };
}
