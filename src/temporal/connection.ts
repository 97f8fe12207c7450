/**
 * Connections to Temporal, configured the SDK's standard way (@temporalio/envconfig): the
 * TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE / TEMPORAL_API_KEY / TEMPORAL_TLS_* variables or a
 * temporal.toml profile (TEMPORAL_PROFILE). Pointing aftercase at another cluster needs no code.
 */
import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';

export interface TemporalTarget {
  address: string;
  namespace: string;
}

function load(): { options: ReturnType<typeof loadClientConnectConfig>['connectionOptions']; target: TemporalTarget } {
  const { connectionOptions, namespace } = loadClientConnectConfig();
  return {
    options: connectionOptions,
    target: { address: connectionOptions.address ?? 'localhost:7233', namespace: namespace ?? 'default' },
  };
}

/** The Temporal address and namespace this process is configured for. */
export function temporalTarget(): TemporalTarget {
  return load().target;
}

/** A client connection (API, scripts). */
export async function connectClient(): Promise<{ client: Client; connection: Connection; target: TemporalTarget }> {
  const { options, target } = load();
  const connection = await Connection.connect({ ...options, address: target.address });
  return { client: new Client({ connection, namespace: target.namespace }), connection, target };
}

/** A native connection (workers). */
export async function connectWorker(): Promise<{ connection: NativeConnection; target: TemporalTarget }> {
  const { options, target } = load();
  const connection = await NativeConnection.connect({ ...options, address: target.address });
  return { connection, target };
}
