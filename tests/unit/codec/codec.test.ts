/** The payload codec: AES-256-GCM per payload, key id in the metadata, rotation, clear failures. */
import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { CodecDecryptError, CodecKeyMissingError, EncryptionCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../../src/codec/codec';
import type { CodecKey } from '../../../src/codec/keys';

const key = (id: string): CodecKey => ({ id, key: randomBytes(32) });
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('utf8');
const json = (value: unknown): Payload => ({
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify(value)),
});

const SECRET = { description: 'The kettle arrived with a cracked lid', phone: '13800138000' };

test('encode hides the payload and names the key; decode gives back the same payload', async () => {
  const codec = new EncryptionCodec([key('k1')]);
  const [encoded] = await codec.encode([json(SECRET)]);
  expect(text(encoded!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
  expect(text(encoded!.metadata![KEY_ID_METADATA])).toBe('k1');
  expect(Buffer.from(encoded!.data!).toString('latin1')).not.toContain('kettle');
  expect(Buffer.from(encoded!.data!).toString('latin1')).not.toContain('json/plain');
  const [decoded] = await codec.decode([encoded!]);
  expect(text(decoded!.metadata!.encoding)).toBe('json/plain');
  expect(JSON.parse(text(decoded!.data))).toEqual(SECRET);
});

test('each encoding uses a fresh IV: the same payload twice gives two ciphertexts', async () => {
  const codec = new EncryptionCodec([key('k1')]);
  const [a, b] = await codec.encode([json(SECRET), json(SECRET)]);
  expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
});

test('rotation: new payloads use the newest key, payloads under the old key still decode', async () => {
  const k1 = key('k1');
  const before = new EncryptionCodec([k1]);
  const [old] = await before.encode([json({ n: 1 })]);
  const after = new EncryptionCodec([k1, key('k2')]);
  expect(after.currentKeyId).toBe('k2');
  const [fresh] = await after.encode([json({ n: 2 })]);
  expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe('k2');
  const decoded = await after.decode([old!, fresh!]);
  expect(decoded.map((p) => JSON.parse(text(p.data)))).toEqual([{ n: 1 }, { n: 2 }]);
});

test('a payload under a key that is not configured fails naming the key id, not the key', async () => {
  const [encoded] = await new EncryptionCodec([key('retired-2025')]).encode([json(SECRET)]);
  const codec = new EncryptionCodec([key('k2')]);
  const err = await codec.decode([encoded!]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(CodecKeyMissingError);
  expect((err as Error).message).toContain('"retired-2025"');
  expect((err as Error).message).toContain('AFTERCASE_CODEC_KEYS');
});

test('a different key under the same id, or altered ciphertext, is a decrypt error', async () => {
  const [encoded] = await new EncryptionCodec([key('k1')]).encode([json(SECRET)]);
  await expect(new EncryptionCodec([key('k1')]).decode([encoded!])).rejects.toBeInstanceOf(CodecDecryptError);
  const k = key('k1');
  const codec = new EncryptionCodec([k]);
  const [good] = await codec.encode([json(SECRET)]);
  const data = Buffer.from(good!.data!);
  data[20] = data[20]! ^ 1;
  await expect(codec.decode([{ ...good!, data }])).rejects.toBeInstanceOf(CodecDecryptError);
  // The key id is authenticated too: relabelling a payload under another known id fails.
  const both = new EncryptionCodec([k, { id: 'k0', key: k.key }]);
  await expect(both.decode([{ ...good!, metadata: { ...good!.metadata, [KEY_ID_METADATA]: Buffer.from('k0') } }])).rejects.toBeInstanceOf(CodecDecryptError);
});

test('plain payloads (histories from before the codec) pass through decode unchanged', async () => {
  const plain = json(SECRET);
  const [out] = await new EncryptionCodec([key('k1')]).decode([plain]);
  expect(out).toBe(plain);
});

test('a codec without keys is refused', () => {
  expect(() => new EncryptionCodec([])).toThrow(/at least one key/);
});
