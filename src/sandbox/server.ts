/**
 * The sandbox: one express app playing every external system over real HTTP, each mounted under
 * `/<system>` behind its fault injection, plus the admin API under `/admin`.
 *
 * With `dataFile`, the world persists: loaded at start, saved (what changed: store.ts) before the
 * answer of every request that may change it (any method but GET/HEAD), every second for what
 * timers change (parcels advancing, webhook deliveries), and on close. `POST /admin/reset` saves
 * the fresh seeded world. Pending timers are not carried over a restart.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { SystemName } from '../domain/systems';
import { adminRouter } from './admin';
import { agentsRouter } from './agents';
import { carriersRouter } from './carriers';
import { couponsRouter } from './coupons';
import { faultInjection } from './faults';
import { errorHandler, sendError } from './http';
import { notificationsRouter } from './notifications';
import { ordersRouter } from './orders';
import { paymentsRouter } from './payments';
import { createState, disposeState, restoreState, type SandboxOptions, type SandboxState } from './state';
import { resumeJourneys } from './tracking';
import { SandboxStore } from './store';
import { verificationRouter } from './verification';
import { warehouseRouter } from './warehouse';

export type { SandboxOptions, SandboxState };

const ROUTERS: Record<SystemName, (state: SandboxState) => express.Router> = {
  orders: ordersRouter,
  payments: paymentsRouter,
  warehouse: warehouseRouter,
  carriers: carriersRouter,
  verification: verificationRouter,
  agents: agentsRouter,
  notifications: notificationsRouter,
  coupons: couponsRouter,
};

/** Builds the sandbox app (does not listen). Its state is at `sandboxState(app)`. */
export function createSandbox(options: SandboxOptions = {}): express.Application {
  const state = createState(options);
  const app = express();
  app.locals.sandbox = state;
  app.disable('x-powered-by');
  if (options.dataFile) app.use(persistence(app, state, new SandboxStore(options.dataFile)));
  app.use(express.json({ limit: '256kb' }));
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  app.use('/admin', adminRouter(state));
  for (const [system, router] of Object.entries(ROUTERS) as [SystemName, (s: SandboxState) => express.Router][]) {
    app.use(`/${system}`, faultInjection(state, system), router(state));
  }
  app.use((req, res) => sendError(res, 404, 'route_not_found', `No route ${req.method} ${req.path}`));
  app.use(errorHandler(options.log ?? (() => undefined)));
  return app;
}

const FLUSH_EVERY_MS = 1_000;

/** Loads the saved world into `state`; the middleware saves it before answering a mutating request. */
function persistence(app: express.Application, state: SandboxState, store: SandboxStore): express.RequestHandler {
  const saved = store.load();
  if (saved) {
    restoreState(state, saved);
    resumeJourneys(state);
  }
  let closed = false;
  const flush = () => {
    if (!closed) store.save(state);
  };
  flush();
  const timer = setInterval(flush, FLUSH_EVERY_MS);
  timer.unref();
  app.locals.closeStore = () => {
    clearInterval(timer);
    flush();
    closed = true;
    store.close();
  };
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const end = res.end.bind(res) as (...args: unknown[]) => express.Response;
      res.end = ((...args: unknown[]) => {
        flush(); // before the caller hears of the effect
        return end(...args);
      }) as typeof res.end;
    }
    next();
  };
}

/** The state behind an app made by createSandbox. */
export function sandboxState(app: express.Application): SandboxState {
  return app.locals.sandbox as SandboxState;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:43121 — each system is at `${url}/${system}` (see sandboxBaseUrls). */
  url: string;
  state: SandboxState;
  close(): Promise<void>;
}

/** Starts the sandbox on `port` (0 = any free port) and `host` (default 127.0.0.1). */
export async function startSandbox(options: SandboxOptions & { port: number; host?: string }): Promise<RunningSandbox> {
  const app = createSandbox(options);
  const state = sandboxState(app);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(options.port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  // Not `url` or `address`: those keys are redacted everywhere (photo URLs, customer addresses); where it listens is neither.
  options.log?.('listening', { listeningAt: `http://${host}:${port}` });
  return {
    url: `http://${host}:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        disposeState(state);
        (app.locals.closeStore as (() => void) | undefined)?.();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections(); // hung (injected timeout) requests included
      }),
  };
}
