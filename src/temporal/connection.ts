/**
 * Connections to Temporal, configured the SDK's standard way (@temporalio/envconfig): the
 * TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE / TEMPORAL_API_KEY / TEMPORAL_TLS_* variables or a
 * temporal.toml profile (TEMPORAL_PROFILE), read once by src/config.ts and passed in here.
 * Pointing aftercase at another cluster needs no code.
 */
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { ClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';

export interface TemporalTarget {
  address: string;
  namespace: string;
}

/** The configured settings; `override` (address) wins, used by the embedded stack. */
function load(settings: ClientConnectConfig, override?: Partial<TemporalTarget>) {
  const { connectionOptions, namespace } = settings;
  return {
    options: connectionOptions,
    target: {
      address: override?.address ?? connectionOptions.address ?? 'localhost:7233',
      namespace: override?.namespace ?? namespace ?? 'default',
    },
  };
}

/**
 * A client connection (API, scripts). `dataConverter` carries the payload codec
 * (src/codec: launcherDataConverter); without it payloads travel and are stored in plain text.
 */
export async function connectClient(
  settings: ClientConnectConfig,
  override?: Partial<TemporalTarget>,
  opts: { dataConverter?: DataConverter } = {},
): Promise<{ client: Client; connection: Connection; target: TemporalTarget }> {
  const { options, target } = load(settings, override);
  const connection = await Connection.connect({ ...options, address: target.address });
  const client = new Client({ connection, namespace: target.namespace, ...(opts.dataConverter && { dataConverter: opts.dataConverter }) });
  return { client, connection, target };
}

/** A native connection (workers). */
export async function connectWorker(
  settings: ClientConnectConfig,
  override?: Partial<TemporalTarget>,
): Promise<{ connection: NativeConnection; target: TemporalTarget }> {
  const { options, target } = load(settings, override);
  const connection = await NativeConnection.connect({ ...options, address: target.address });
  return { connection, target };
}
