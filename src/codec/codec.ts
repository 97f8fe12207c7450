/**
 * The payload codec: AES-256-GCM over each whole serialized payload (metadata and data), so the
 * Temporal server stores and shows only ciphertext. Each encrypted payload says how to undo it:
 *
 *   metadata.encoding           = "binary/encrypted"
 *   metadata.encryption-key-id  = the key's id (also the GCM additional data)
 *   data                        = 12-byte IV ‖ ciphertext ‖ 16-byte tag
 *
 * New payloads use the newest key (the last one given); a payload under any known key decodes;
 * a payload under a key this process does not hold fails with CodecKeyMissingError. Payloads that
 * are not encrypted (histories from before the codec) pass through decode unchanged.
 * Runs outside the workflow sandbox (client, worker, codec server), never in workflow code.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { CodecKey } from './keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const utf8 = new TextEncoder();
const text = new TextDecoder();
const ProtoPayload = temporal.api.common.v1.Payload;

/** An encrypted payload names a key id this process has no key for. */
export class CodecKeyMissingError extends Error {
  constructor(
    readonly keyId: string,
    known: readonly string[],
  ) {
    super(`a payload is encrypted with key id "${keyId}", which is not configured (known ids: ${known.join(', ')}); add it to AFTERCASE_CODEC_KEYS`);
    this.name = 'CodecKeyMissingError';
  }
}

/** An encrypted payload that does not decrypt: tampered with, truncated, or a different key under the same id. */
export class CodecDecryptError extends Error {
  constructor(readonly keyId: string) {
    super(`a payload under key id "${keyId}" does not decrypt (wrong key for that id, or the payload was altered)`);
    this.name = 'CodecDecryptError';
  }
}

export function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.encoding;
  return encoding !== undefined && encoding !== null && text.decode(encoding) === ENCRYPTED_ENCODING;
}

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly current: CodecKey;

  /** `keys` oldest first; the last encrypts. */
  constructor(keys: readonly CodecKey[]) {
    const newest = keys.at(-1);
    if (!newest) throw new Error('EncryptionCodec needs at least one key');
    this.current = newest;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** The id new payloads are encrypted under. */
  get currentKeyId(): string {
    return this.current.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.encrypt(p));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => (isEncrypted(p) ? this.decrypt(p) : p));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(utf8.encode(id));
    const plain = ProtoPayload.encode(payload).finish();
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return { metadata: { encoding: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8.encode(id) }, data };
  }

  private decrypt(payload: Payload): Payload {
    const rawId = payload.metadata?.[KEY_ID_METADATA];
    const id = rawId ? text.decode(rawId) : '';
    const key = this.byId.get(id);
    if (!key) throw new CodecKeyMissingError(id || '(none)', [...this.byId.keys()]);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new CodecDecryptError(id);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(utf8.encode(id));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return ProtoPayload.decode(plain);
    } catch {
      throw new CodecDecryptError(id);
    }
  }
}
