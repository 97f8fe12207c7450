/**
 * The data converter every process that talks to Temporal uses: the API's client, the worker, the
 * history scripts, the codec server. One place decides the codec so they cannot disagree.
 */
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './codec';
import { resolveCodecKeys, type CodecKey, type CodecKeySettings, type ResolvedCodecKeys } from './keys';

export { CodecDecryptError, CodecKeyMissingError, EncryptionCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from './codec';
export { parseCodecKeys, resolveCodecKeys, type CodecKey } from './keys';

/** A data converter that encrypts every payload with `keys` (newest last). */
export function encryptingDataConverter(keys: readonly CodecKey[]): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)] };
}

/**
 * The launchers' data converter: keys from AFTERCASE_CODEC_KEYS or the data directory's
 * development keys (src/codec/keys.ts), and a line saying which, for the start-up log.
 */
export function launcherDataConverter(
  env: CodecKeySettings,
  dataDir: string,
): { dataConverter: DataConverter; codec: EncryptionCodec; describe: string; resolved: ResolvedCodecKeys } {
  const resolved = resolveCodecKeys(env, dataDir);
  const codec = new EncryptionCodec(resolved.keys);
  const ids = resolved.keys.map((k) => k.id);
  const from = resolved.source === 'env' ? 'AFTERCASE_CODEC_KEYS' : `${resolved.created ? 'new ' : ''}development key file ${resolved.file}`;
  return {
    dataConverter: { payloadCodecs: [codec] },
    codec,
    describe: `payloads encrypted with key ${ids.at(-1)} (${ids.length} key(s) from ${from})`,
    resolved,
  };
}
