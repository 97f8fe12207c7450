/**
 * The REST API of aftercase (Express 5 + zod), built by `createApp(deps)`, which does not listen:
 * src/start.ts and src/api-main.ts listen; tests drive it in process.
 *
 *   request id + access log → route (auth → body → validate once → handler) → 405/404 → problems
 */
import { CURRENT_POLICY_VERSION } from '../policy/versions';
import { createHash } from 'node:crypto';
import express from 'express';
import type { Client } from '@temporalio/client';
import { CASE_TASK_QUEUE } from '../workflows/case/contract';
import { DEVELOPMENT_API_KEYS, type ApiKeys } from '../api-keys';
import { caseRoutes } from './cases/router';
import { clockRoutes } from './clocks/routes';
import { DEFAULT_TIMEOUTS, type CaseDeps, type CaseTimeouts } from '../cases/deps';
import { ApiError, problemHandler } from './errors';
import { healthRoutes } from './health';
import { buildOpenApiDocument } from './reference/document';
import { DOCS_CSP, docsAssets, docsPage } from './reference/page';
import { defineRoute, mountRoutes, type AnyRoute } from './route';
import { jsonLineLogger, requestContext } from './request-context';
import { carrierWebhookRoutes } from './webhooks/carriers';
import { codecServer, type CodecServerOptions } from './codec/router';
import { mountHttpMetrics } from '../observability/http-metrics';

export interface ApiDeps {
  client: Client;
  namespace: string;
  /** Default CASE_TASK_QUEUE. */
  taskQueue?: string;
  apiKeys: ApiKeys;
  /** Shared secret of the carrier webhooks' HMAC signatures. */
  webhookSecret: string;
  /** One JSON object per call; default: a JSON line on stdout. */
  logger?: (entry: object) => void;
  /** The policy version new cases open under; default CURRENT_POLICY_VERSION. */
  policyVersion?: string;
  /** The clock that stamps `openedAt`; default the system clock. */
  now?: () => Date;
  /** How long to wait on Temporal before a 503; defaults in src/cases/deps.ts. */
  timeouts?: Partial<CaseTimeouts>;
  /** The codec server's UI origins (src/api/codec/router.ts); default the dev UI on 8233. */
  codecServer?: Pick<CodecServerOptions, 'uiOrigins'>;
}

/** Request bodies larger than this are refused with 413. */
export const BODY_LIMIT = '100kb';

function referenceRoutes(document: () => unknown): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openApiDocument',
      tag: 'reference',
      summary: 'This API as an OpenAPI 3.1 document',
      auth: { kind: 'none' },
      responses: { 200: { description: 'The OpenAPI document.' } },
      handle: () => ({ status: 200, body: document() }),
    }),
    defineRoute({
      method: 'get',
      path: '/docs',
      operationId: 'apiReferencePage',
      tag: 'reference',
      summary: 'Browsable API reference (Swagger UI, served with its assets by this API)',
      auth: { kind: 'none' },
      responses: { 200: { description: 'The reference page.', contentType: 'text/html' } },
      handle: () => ({ status: 200, body: docsPage(), contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': DOCS_CSP } }),
    }),
  ];
}

export function createApp(deps: ApiDeps): express.Application {
  const log = deps.logger ?? jsonLineLogger;
  const caseDeps: CaseDeps = {
    client: deps.client,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue ?? CASE_TASK_QUEUE,
    policyVersion: deps.policyVersion ?? CURRENT_POLICY_VERSION,
    now: deps.now ?? (() => new Date()),
    timeouts: { ...DEFAULT_TIMEOUTS, ...deps.timeouts },
    log,
    // Every API instance shares the webhook secret, so tokens sealed by one are good on another.
    pageTokenKey: createHash('sha256').update('aftercase/list-page-token\0').update(deps.webhookSecret).digest(),
  };

  let document: unknown;
  const codec = codecServer({ client: deps.client, namespace: deps.namespace, ...deps.codecServer });
  const routes: AnyRoute[] = [...caseRoutes(caseDeps), ...clockRoutes(caseDeps), ...carrierWebhookRoutes(caseDeps), ...codec.routes, ...healthRoutes(caseDeps)];
  const keysShown = deps.apiKeys.source === 'development' ? { developmentKeys: DEVELOPMENT_API_KEYS } : {};
  routes.push(...referenceRoutes(() => (document ??= buildOpenApiDocument(routes, keysShown))));

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestContext(log));
  app.use(docsAssets());
  mountHttpMetrics(app);
  app.use('/codec', codec.cors);
  mountRoutes(app, routes, { apiKeys: deps.apiKeys, webhookSecret: deps.webhookSecret, bodyLimit: BODY_LIMIT });
  app.use((req, _res, next) => next(new ApiError('not_found', `no route for ${req.method} ${req.path}`)));
  app.use(problemHandler(log));
  return app;
}
