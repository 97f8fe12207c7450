/**
 * The API's HTTP metrics in Prometheus form (prom-client), served at GET /metrics:
 *
 *   http_requests_total{method,route,status}             counter
 *   http_request_duration_seconds{method,route,status}   histogram
 *
 * plus prom-client's default Node.js process metrics. `route` is the route template
 * (`/v1/cases/{id}`, `/codec/decode`), `unmatched` for unknown paths: never the raw URL, which holds
 * case ids and order ids (unbounded label values, and personal data in query strings).
 */
import type { Application, RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { locals } from './request-locals';

let processRegistry: Registry | undefined;
/** Default process metrics, collected once per process however many apps it builds (tests). */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface HttpMetrics {
  registry: Registry;
  /** Counts and times every request once it is answered. */
  observe: RequestHandler;
  /** GET /metrics: the Prometheus text format. */
  scrape: RequestHandler;
}

export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route template and status.', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its answer, by route template and status.',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const merged = Registry.merge([registry, processMetrics()]);
  return {
    registry,
    observe: (req, res, next) => {
      const end = duration.startTimer();
      res.once('finish', () => {
        const labels = { method: req.method, route: locals(res).route ?? 'unmatched', status: String(res.statusCode) };
        requests.inc(labels);
        end(labels);
      });
      next();
    },
    scrape: async (_req, res) => {
      locals(res).route = '/metrics';
      res.type(merged.contentType).send(await merged.metrics());
    },
  };
}

/** Observes every request of `app` from here on and serves GET /metrics (no key: counts only). */
export function mountHttpMetrics(app: Application, metrics: HttpMetrics = createHttpMetrics()): HttpMetrics {
  app.use(metrics.observe);
  app.get('/metrics', metrics.scrape);
  return metrics;
}
