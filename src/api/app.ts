/**
 * The REST API of aftercase (Express 5 + zod), built by `createApp(deps)`, which does not listen:
 * src/start.ts and src/api-main.ts listen; tests drive it in process.
 *
 *   request id + access log → route (auth → body → validate once → handler) → 405/404 → problems
 */
import express from 'express';
import { DEVELOPMENT_API_KEYS, type ApiKeys } from '../api-keys';
import { caseDeps, type CaseSettings } from '../cases/deps';
import { mountHttpMetrics } from '../observability/http-metrics';
import { caseRoutes } from './cases/router';
import { clockRoutes } from './clocks/routes';
import { codecServer, type CodecServerOptions } from './codec/router';
import { ApiError, problemHandler } from './errors';
import { healthRoutes } from './health';
import { buildOpenApiDocument } from './reference/document';
import { docsAssets, referenceRoutes } from './reference/page';
import { jsonLineLogger, requestContext } from './request-context';
import { mountRoutes, type AnyRoute } from './route';
import { carrierWebhookRoutes } from './webhooks/carriers';

/** The case service's settings (src/cases/deps.ts), the keys, the webhook secret, and the log. */
export interface ApiDeps extends CaseSettings {
  apiKeys: ApiKeys;
  /** Shared secret of the carrier webhooks' HMAC signatures (it also keys the list's page tokens). */
  webhookSecret: string;
  /** One JSON object per call; default: a JSON line on stdout. */
  logger?: (entry: object) => void;
  /** The codec server's UI origins (src/api/codec/router.ts); default the dev UI on 8233. */
  codecServer?: Pick<CodecServerOptions, 'uiOrigins'>;
}

export function createApp(deps: ApiDeps): express.Application {
  const log = deps.logger ?? jsonLineLogger;
  const service = caseDeps(deps, log, deps.webhookSecret);
  let document: unknown;
  const codec = codecServer({ client: deps.client, namespace: deps.namespace, ...deps.codecServer });
  const routes: AnyRoute[] = [...caseRoutes(service), ...clockRoutes(service), ...carrierWebhookRoutes(service), ...codec.routes, ...healthRoutes(service)];
  const keysShown = deps.apiKeys.source === 'development' ? { developmentKeys: DEVELOPMENT_API_KEYS } : {};
  routes.push(...referenceRoutes(() => (document ??= buildOpenApiDocument(routes, keysShown))));

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestContext(log));
  app.use(docsAssets());
  mountHttpMetrics(app);
  app.use('/codec', codec.cors);
  mountRoutes(app, routes, deps);
  app.use((req, _res, next) => next(new ApiError('not_found', `no route for ${req.method} ${req.path}`)));
  app.use(problemHandler(log));
  return app;
}
