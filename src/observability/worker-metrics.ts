/**
 * Where the worker's Temporal runtime serves its Prometheus metrics (sdk-core's exporter: workflow
 * and activity task latencies, slots, polls, request counts, `temporal_` prefix), scraped at
 * `http://<bindAddress>/metrics`. AFTERCASE_WORKER_METRICS_PORT, default 9464 (the port
 * OpenTelemetry's Prometheus exporters use by convention); `0` or `off` turns it off.
 */
import { describeProcess, listenerOf, type ProcessInfo } from '../temporal/processes';

export const DEFAULT_WORKER_METRICS_PORT = 9464;

/** `host:port` to bind, or undefined when metrics are off. Throws on a value that is no port. */
export function workerMetricsBindAddress(raw: string | undefined, host: string): string | undefined {
  const value = raw?.trim() ?? '';
  if (value === '') return `${host}:${DEFAULT_WORKER_METRICS_PORT}`;
  if (value === '0' || value.toLowerCase() === 'off') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`AFTERCASE_WORKER_METRICS_PORT must be a port (1–65535), 0 or off, not "${value}"`);
  return `${host}:${port}`;
}

/**
 * The launchers' start-up error, with sdk-core's "Failed to start prometheus metrics exporter:
 * Address already in use" (which names neither the address nor the setting) explained, with the
 * process listening there when it can be found (`holderOf`, default: the system's socket table).
 */
export function explainStartError(err: unknown, metricsBindAddress: string | undefined, holderOf: (port: number) => ProcessInfo | undefined = listenerOf): string {
  const message = err instanceof Error ? err.message : String(err);
  if (metricsBindAddress && /prometheus metrics exporter/i.test(message) && /in use/i.test(message)) {
    const holder = holderOf(Number(metricsBindAddress.slice(metricsBindAddress.lastIndexOf(':') + 1)));
    const by = holder ? `by ${describeProcess(holder)}; stop it (kill ${holder.pid}), or` : '(another aftercase worker?):';
    return `the worker metrics address ${metricsBindAddress} is already in use ${by} set AFTERCASE_WORKER_METRICS_PORT to a free port, or off`;
  }
  return message;
}
