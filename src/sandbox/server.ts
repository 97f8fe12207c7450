/**
 * The sandbox: one express app playing every external system over real HTTP, each mounted under
 * `/<system>` behind its fault injection, plus the admin API under `/admin`.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { SystemName } from '../activities/systems';
import { adminRouter } from './admin';
import { agentsRouter } from './agents';
import { carriersRouter } from './carriers';
import { couponsRouter } from './coupons';
import { faultInjection } from './faults';
import { errorHandler, sendError } from './http';
import { notificationsRouter } from './notifications';
import { ordersRouter } from './orders';
import { paymentsRouter } from './payments';
import { createState, disposeState, type SandboxOptions, type SandboxState } from './state';
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
  options.log?.(`[sandbox] listening on http://${host}:${port}`);
  return {
    url: `http://${host}:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        disposeState(state);
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections(); // hung (injected timeout) requests included
      }),
  };
}
