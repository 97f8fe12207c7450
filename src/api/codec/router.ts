/**
 * The codec server the Temporal UI (and CLI `--codec-endpoint`) calls to show a person payloads that
 * the server stores encrypted: `POST /codec/decode | /codec/encode {"payloads":[{metadata, data}]}`
 * (base64) → the same shape, run through the API client's own codecs. `X-Namespace`, if sent, must
 * be the API's namespace.
 *
 * Callers: an agent or ops key as Bearer (the UI's "Pass access token"; behind an SSO'd UI, a proxy
 * presents one). On the development keys only (`npm start`, never production), a request from an
 * allowed UI origin needs no key: the dev UI has no sign-in. CORS grants only the configured UI
 * origins; a browser request from another origin is refused (403).
 */import express, { type RequestHandler, type Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { requirePermission, type ApiKeys } from '../auth';
import { ApiError, validationError, zodIssues } from '../errors';
import { locals } from '../request-context';

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
  apiKeys: ApiKeys;
  /** Origins whose browsers may call (the Temporal UI's). Default DEFAULT_UI_ORIGINS. */
  uiOrigins?: readonly string[];
  /** Body limit; a decode request carries one event's payloads. */
  bodyLimit?: string;
}

const ALLOW_HEADERS = 'authorization, content-type, x-namespace';
const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'not base64');
const body = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).max(10_000),
});
type JsonPayload = z.infer<typeof body>['payloads'][number];

function fromJson(p: JsonPayload): Payload {
  const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
  return { metadata, data: Buffer.from(p.data ?? '', 'base64') };
}

function toJson(p: Payload): JsonPayload {
  const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return { metadata, data: Buffer.from(p.data ?? new Uint8Array()).toString('base64') };
}

/** CORS for the UI origins only; other origins are refused before anything else runs. */
function cors(origins: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin === undefined) return next(); // not a browser (CLI, scripts): keys decide
    if (!origins.has(origin)) throw new ApiError('forbidden', 'this origin may not call the codec server');
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

/** Agent or ops key; on the development keys, the allowed UI origin alone (the dev UI sends none). */
function authorize(opts: CodecServerOptions, origins: ReadonlySet<string>): RequestHandler {
  const withKey = requirePermission(opts.apiKeys, 'codec:use');
  return (req, res, next) => {
    const keyless = req.get('authorization') === undefined && req.get('x-api-key') === undefined;
    const origin = req.get('origin');
    if (keyless && opts.apiKeys.source === 'development' && origin !== undefined && origins.has(origin)) return next();
    return withKey(req, res, next);
  };
}

export function codecRouter(opts: CodecServerOptions): Router {
  const origins = new Set(opts.uiOrigins ?? DEFAULT_UI_ORIGINS);
  // Read per request: stand-in clients in tests may carry no options at all (then: no codecs).
  const codecs = (): PayloadCodec[] => opts.client.options?.loadedDataConverter?.payloadCodecs ?? [];
  const router = express.Router();
  router.all(['/encode', '/decode'], (req, res, next) => {
    locals(res).route = `/codec${req.path}`;
    next();
  });
  router.use(cors(origins));
  router.post(['/encode', '/decode'], authorize(opts, origins), express.json({ limit: opts.bodyLimit ?? '4mb' }), async (req, res) => {
    const namespace = req.get('x-namespace');
    if (namespace !== undefined && namespace !== opts.namespace) throw new ApiError('forbidden', `this codec server serves namespace ${opts.namespace}`);
    const parsed = body.safeParse(req.body ?? {});
    if (!parsed.success) throw validationError(zodIssues('body', parsed.error));
    const op = req.path.endsWith('/encode') ? 'encode' : 'decode';
    try {
      // Decoding undoes the codecs in reverse order.
      let payloads = parsed.data.payloads.map(fromJson);
      for (const codec of op === 'encode' ? codecs() : [...codecs()].reverse()) payloads = await codec[op](payloads);
      res.json({ payloads: payloads.map(toJson) });
    } catch (err) {
      // A missing or wrong key: say which key id, never the payload.
      throw new ApiError('bad_request', (err as Error).message);
    }
  });
  router.all(['/encode', '/decode'], (req) => {
    throw new ApiError('method_not_allowed', `${req.method} is not allowed here`, { headers: { Allow: 'POST, OPTIONS' } });
  });
  return router;
}
