/**
 * Routes as data. Each route is declared once: method, path, who may call it, the zod schemas of its
 * path, query, headers and body, its responses, and its handler. The same declaration mounts the
 * Express route (authenticate → read body → validate once → handle) and generates the OpenAPI
 * document, so the reference can never describe a route or a field the API does not have.
 */
import type { Application, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { ApiKeys } from '../api-keys';
import { requirePermission, type Permission } from './auth';
import { ApiError, sendProblem, validationError, type ProblemKind, type ValidationIssue } from './errors';
import { jsonBody, signedJsonBody } from './bodies';
import { locals, type RequestLocals } from '../observability/request-locals';

/** How a route authenticates its caller. */
export type RouteAuth =
  | { kind: 'none' }
  | { kind: 'apiKey'; permission: Permission; keylessOrigins?: ReadonlySet<string> }
  /** `X-Signature`: HMAC-SHA256 of `<X-Timestamp>.<raw body>` with the webhook secret (src/shared/webhook-signature.ts). */
  | { kind: 'signature' };

export interface HeaderSpec {
  name: string;
  description: string;
  schema: z.ZodType<string | undefined, string | undefined>;
}

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Default: JSON. A string body with a content type is sent as is. */
  contentType?: string;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  headers: Record<string, string | undefined>;
}

export interface RouteSpec<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: 'get' | 'post';
  /** OpenAPI-style path: `/v1/cases/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: RouteAuth;
  params?: P;
  query?: Q;
  body?: B;
  /** Default 100kb (a larger body is a 413). */
  bodyLimit?: string;
  headers?: HeaderSpec[];
  responses: Record<number, ResponseSpec>;
  /** Problems this route can answer besides the ones its auth and inputs imply. */
  problems?: ProblemKind[];
  /** `ctx` is the request's log context: handlers name the case they touched in `ctx.caseId`. */
  handle(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>, ctx: RequestLocals): Promise<Reply> | Reply;
}

// The handler's input type is checked where the route is defined; once in a list, routes are erased.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any>;

/** Declares a route with its handler's input typed from its schemas. */
export function defineRoute<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType>(
  spec: RouteSpec<P, Q, B>,
): AnyRoute {
  return spec as AnyRoute;
}

/** Problems every route with these traits can answer (for the OpenAPI document). */
export function impliedProblems(route: AnyRoute): ProblemKind[] {
  const kinds: ProblemKind[] = [];
  if (route.params || route.query || route.body || route.headers || route.method === 'post') kinds.push('validation_failed');
  if (route.body) kinds.push('malformed_json', 'payload_too_large', 'unsupported_media_type');
  if (route.auth.kind === 'apiKey') kinds.push('unauthenticated', 'forbidden');
  if (route.auth.kind === 'signature') kinds.push('bad_signature');
  for (const k of route.problems ?? []) if (!kinds.includes(k)) kinds.push(k);
  return kinds;
}

export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

export interface MountOptions {
  apiKeys: ApiKeys;
  webhookSecret: string;
}

function check<S extends z.ZodType>(schema: S, value: unknown, where: ValidationIssue['in'], issues: ValidationIssue[], path?: string): z.output<S> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  issues.push(...parsed.error.issues.map((i) => ({ in: where, path: path ?? i.path.map(String).join('.'), code: i.code, message: i.message })));
  return undefined;
}

/**
 * The query as the route may read it: a parameter given more than once is an issue of its own (no
 * route takes a list by repetition), and a POST route that declares no query takes none, so an
 * unknown parameter (`?dryRun=true`) is refused before anything is applied, not ignored.
 */
function queryOf(route: AnyRoute, req: Request, issues: ValidationIssue[]): Record<string, unknown> {
  const query: Record<string, unknown> = { ...(req.query as object) };
  for (const [name, value] of Object.entries(query)) {
    if (!route.query) {
      if (route.method === 'post') issues.push({ in: 'query', path: name, code: 'unrecognized_keys', message: `POST ${route.path} takes no query parameters` });
    } else if (Array.isArray(value)) {
      issues.push({ in: 'query', path: name, code: 'repeated', message: `${name} is given ${value.length} times; give it once` });
      delete query[name];
    }
  }
  return query;
}

/** Validates every part of the request once, at the edge; all issues together in one 400. */
function parseInput(route: AnyRoute, req: Request): RouteInput<unknown, unknown, unknown> {
  const issues: ValidationIssue[] = [];
  const params = route.params ? check(route.params, req.params, 'path', issues) : {};
  const raw = queryOf(route, req, issues);
  const query = route.query ? check(route.query, raw, 'query', issues) : {};
  const headers: Record<string, string | undefined> = {};
  for (const h of route.headers ?? []) headers[h.name.toLowerCase()] = check(h.schema, req.get(h.name), 'header', issues, h.name);
  const body = route.body ? check(route.body, req.body === undefined ? {} : req.body, 'body', issues) : undefined;
  if (issues.length > 0) throw validationError(issues);
  return { params, query, body, headers };
}

function send(res: Response, reply: Reply): void {
  res.status(reply.status).set(reply.headers ?? {});
  if (reply.body === undefined) {
    res.end();
  } else if (reply.contentType) {
    res.type(reply.contentType).send(reply.body);
  } else {
    res.json(reply.body);
  }
}

/** Mounts every route, then answers other methods on known paths with 405 (OPTIONS with 204). */
export function mountRoutes(app: Application, routes: AnyRoute[], opts: MountOptions): void {
  for (const route of routes) {
    const chain: RequestHandler[] = [
      (_req, res, next) => {
        locals(res).route = route.path;
        next();
      },
    ];
    const bodyLimit = route.bodyLimit ?? '100kb';
    if (route.auth.kind === 'apiKey') chain.push(requirePermission(opts.apiKeys, route.auth.permission, route.auth.keylessOrigins));
    if (route.auth.kind === 'signature') chain.push(...signedJsonBody(bodyLimit, opts.webhookSecret));
    else if (route.body) chain.push(...jsonBody(bodyLimit));
    chain.push(async (req, res) => {
      const input = parseInput(route, req);
      const caseId = (input.params as { id?: unknown }).id;
      if (typeof caseId === 'string') locals(res).caseId = caseId;
      send(res, await route.handle(input, locals(res)));
    });
    app[route.method](expressPath(route.path), ...chain);
  }

  for (const path of new Set(routes.map((r) => r.path))) {
    const methods = routes.filter((r) => r.path === path).flatMap((r) => (r.method === 'get' ? ['GET', 'HEAD'] : ['POST']));
    const allow = [...methods, 'OPTIONS'].join(', ');
    app.all(expressPath(path), (req, res) => {
      locals(res).route = path;
      if (req.method === 'OPTIONS') {
        res.setHeader('Allow', allow);
        res.status(204).end();
        return;
      }
      sendProblem(req, res, new ApiError('method_not_allowed', `${req.method} is not allowed here`, { headers: { Allow: allow } }));
    });
  }
}
