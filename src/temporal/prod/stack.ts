/**
 * The production topology on one machine, all on loopback: PostgreSQL → Temporal's own server on it
 * (SQL visibility, several history shards) → namespace and search attributes → Temporal UI → the
 * sandbox of external systems → case workers (`npm run worker`) → API processes (`npm run api`).
 * Workers and APIs get only the settings a user would give any cluster (TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE). stop() takes it down in reverse order. The chaos run drives the same class.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { formatCodecKeys, loadOrCreateDevKeys } from '../../codec/keys';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { caseBundleOptions } from '../../workflow-bundle';
import type { ProdLayout } from './layout';
import { findPostgresBin, Postgres } from './postgres';
import { Service, waitUntil } from './processes';
import { prepareNamespace, setupSchema, SERVER_CONFIG_DIR, temporalServerService } from './temporal-server';

const ROOT = path.resolve(__dirname, '../../..');
const DB = { user: 'temporal', password: 'temporal' };
const WEBHOOK_SECRET = 'prod-stack-carrier-webhook-secret';

export interface ProdBinaries {
  server: string;
  sqlTool: string;
  uiServer: string;
}

export interface ProdStackOptions {
  binaries: ProdBinaries;
  layout: ProdLayout;
  say: (line: string) => void;
  workers?: number;
  apis?: number;
  /** Sandbox carriers move each parcel on by one tracking event this often (0 = only on demand). */
  autoAdvanceMs?: number;
}

export class ProdStack {
  readonly postgres: Postgres;
  readonly temporal: Service;
  readonly ui: Service;
  sandbox?: RunningSandbox;
  readonly workers: Service[] = [];
  readonly apis: Service[] = [];
  private bundlePath = '';
  private workerSeq = 0;
  private codecKeys?: string;
  private stopping = false;
  private stopped?: Promise<void>;

  private constructor(readonly opts: ProdStackOptions) {
    const { layout, binaries } = opts;
    this.postgres = new Postgres(findPostgresBin(), { dataDir: layout.pgDataDir, host: layout.host, port: layout.ports.postgres, ...DB });
    this.temporal = temporalServerService(binaries.server, layout, DB);
    this.ui = new Service({
      name: 'temporal-ui',
      command: binaries.uiServer,
      args: ['--root', ROOT, '--config', SERVER_CONFIG_DIR, '--env', 'ui-server', 'start'],
      env: { ...this.clientEnv(), TEMPORAL_UI_HOST: layout.host, TEMPORAL_UI_PORT: String(layout.ports.ui) },
      logDir: layout.logDir,
      ready: async () => (await fetch(this.uiUrl).catch(() => undefined))?.ok === true,
    });
  }

  /** A stack not started yet: install signal handlers that call stop(), then start(). */
  static create(opts: ProdStackOptions): ProdStack {
    return new ProdStack(opts);
  }

  /** Starts everything; on failure stops what had started and rethrows. */
  async start(): Promise<this> {
    try {
      await this.bringUp();
    } catch (err) {
      await this.stop();
      throw err;
    }
    return this;
  }

  /** What a user sets to point a worker or an API at this cluster. */
  clientEnv(): Record<string, string> {
    // Every worker and API process must encrypt and decrypt with the same keys: one key set per
    // stack, kept in its data folder, handed to each process the production way (AFTERCASE_CODEC_KEYS).
    this.codecKeys ??= formatCodecKeys(loadOrCreateDevKeys(this.opts.layout.dataDir).keys);
    return { TEMPORAL_ADDRESS: this.opts.layout.frontendAddress, TEMPORAL_NAMESPACE: this.opts.layout.namespace, AFTERCASE_CODEC_KEYS: this.codecKeys };
  }

  get apiUrls(): string[] {
    const { host, ports } = this.opts.layout;
    return [ports.api1, ports.api2].slice(0, this.opts.apis ?? 2).map((p) => `http://${host}:${p}`);
  }

  get uiUrl(): string {
    return `http://${this.opts.layout.host}:${this.opts.layout.ports.ui}`;
  }

  /** Between start-up steps: a stop() asked for meanwhile ends the start-up. */
  private checkNotStopping(): void {
    if (this.stopping) throw new Error('stopped during start-up');
  }

  private async bringUp(): Promise<void> {
    const { layout, say, binaries } = this.opts;
    fs.mkdirSync(layout.logDir, { recursive: true });
    say(`PostgreSQL (${this.postgres.bin}) on ${layout.host}:${layout.ports.postgres}, data ${this.postgres.dataDir}…`);
    if (this.postgres.dataDir !== layout.pgDataDir) say(`  (the postgres user cannot reach ${layout.pgDataDir}; set AFTERCASE_DATA_DIR to a folder it can)`);
    if (this.postgres.init()) say('  new cluster initialised');
    this.postgres.start();
    this.checkNotStopping();
    say('Temporal schema (temporal sql tool, postgres12 plugin)…');
    setupSchema(binaries.sqlTool, this.postgres, say);
    this.checkNotStopping();
    say(`Temporal server ${binaries.server} (frontend ${layout.frontendAddress})…`);
    await this.temporal.start();
    await prepareNamespace(layout.frontendAddress, layout.namespace);
    say(`  namespace ${layout.namespace} with the case search attributes`);
    this.checkNotStopping();
    say('Temporal UI…');
    await this.ui.start(60_000);
    this.checkNotStopping();
    this.sandbox = await startSandbox({
      port: layout.ports.sandbox,
      host: layout.host,
      webhookUrl: `${this.apiUrls[0]}/v1/webhooks/carriers`,
      webhookSecret: WEBHOOK_SECRET,
      autoAdvanceMs: this.opts.autoAdvanceMs ?? 5_000,
    });
    say('bundling the workflow code once for the workers…');
    const { code } = await bundleWorkflowCode({ ...caseBundleOptions(), logger: quietLogger });
    this.bundlePath = path.join(layout.dataDir, 'workflow-bundle.js');
    fs.writeFileSync(this.bundlePath, code);
    this.checkNotStopping();
    say(`starting ${this.opts.workers ?? 2} workers and ${this.apiUrls.length} API processes…`);
    await Promise.all(Array.from({ length: this.opts.workers ?? 2 }, () => this.startWorker()));
    this.checkNotStopping();
    await Promise.all(this.apiUrls.map((url, i) => this.startApi(i, url)));
  }

  /** Starts one more `npm run worker` process and waits until it polls. */
  async startWorker(): Promise<Service> {
    const seq = ++this.workerSeq;
    const name = `worker-${seq}`;
    // Replacements beyond nine share no port: their metrics are off.
    const metricsPort = seq <= 9 ? String(this.opts.layout.ports.workerMetrics + seq) : 'off';
    const worker = Service.npm(
      name,
      'worker',
      { ...this.clientEnv(), AFTERCASE_SYSTEMS_URL: this.sandbox!.url, AFTERCASE_WORKFLOW_BUNDLE: this.bundlePath, AFTERCASE_WORKER_METRICS_PORT: metricsPort },
      this.opts.layout.logDir,
      /polling /,
    );
    this.workers.push(worker);
    await worker.start();
    return worker;
  }

  private async startApi(index: number, url: string): Promise<void> {
    const port = new URL(url).port;
    const api = Service.npm(
      `api-${index + 1}`,
      'api',
      { ...this.clientEnv(), AFTERCASE_HOST: this.opts.layout.host, AFTERCASE_API_PORT: port, AFTERCASE_WEBHOOK_SECRET: WEBHOOK_SECRET },
      this.opts.layout.logDir,
      /listening on /,
    );
    this.apis.push(api);
    await api.start();
  }

  /** SIGKILLs the Temporal server (a crash) or stops it, then starts it again. */
  async restartTemporal(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    await this.temporal.stop(signal);
    await this.temporal.start();
  }

  /** Stops PostgreSQL (fast shutdown: every connection dropped), leaves it down `downMs`, starts it. */
  async restartPostgres(downMs: number): Promise<void> {
    this.postgres.stop();
    await new Promise((r) => setTimeout(r, downMs));
    this.postgres.start();
    await waitUntil('PostgreSQL to accept queries', async () => this.postgres.query('temporal', 'SELECT 1').length === 1, 30_000);
  }

  /** Stops everything in reverse start order; safe to call twice, leaves no process running. */
  stop(say: (line: string) => void = () => undefined): Promise<void> {
    this.stopping = true;
    this.stopped ??= this.stopAll(say);
    return this.stopped;
  }

  private async stopAll(say: (line: string) => void): Promise<void> {
    const step = async (name: string, fn: () => Promise<void> | void) => {
      try {
        await fn();
        say(`${name} stopped`);
      } catch (err) {
        say(`${name} did not stop cleanly: ${(err as Error).message}`);
      }
    };
    await step('API processes', () => Promise.all(this.apis.map((a) => a.stop())).then(() => undefined));
    await step('workers', () => Promise.all(this.workers.map((w) => w.stop())).then(() => undefined));
    if (this.sandbox) await step('sandbox', () => this.sandbox!.close());
    this.sandbox = undefined;
    await step('Temporal UI', () => this.ui.stop());
    await step('Temporal server', () => this.temporal.stop('SIGTERM', 20_000));
    await step('PostgreSQL', () => this.postgres.stop());
  }
}

const quietLogger = { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} };
