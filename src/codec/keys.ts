/**
 * Payload encryption keys: parsing, the per-data-directory development keys, and the choice
 * between them. Production keys come from AFTERCASE_CODEC_KEYS = `id:base64key,id:base64key`
 * (oldest first: new payloads are encrypted with the LAST key, payloads under any listed key still
 * decode), so rotating is appending a new `id:key` and keeping the old ones while histories hold
 * payloads under them. Without it (and never in production) `npm start` generates a key into
 * `<dataDir>/codec-keys.json` (mode 0600) on first start and reuses it after.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** One AES-256 key and the id written beside every payload it encrypts. */
export interface CodecKey {
  id: string;
  key: Buffer;
}

/** AES-256: 32 bytes. */
export const KEY_BYTES = 32;
/** Key ids: short tokens, they travel in every payload's metadata and in error messages. */
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The development key file inside a data directory. */
export function devKeyFile(dataDir: string): string {
  return path.join(dataDir, 'codec-keys.json');
}

function checkedKey(id: string, base64: string, where: string): CodecKey {
  if (!KEY_ID.test(id)) throw new Error(`${where}: a key id is 1–64 characters of A–Z a–z 0–9 . _ -`);
  const key = BASE64.test(base64) ? Buffer.from(base64, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) throw new Error(`${where}: key "${id}" must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`);
  return { id, key };
}

function unique(keys: CodecKey[], source: string): CodecKey[] {
  const seen = new Set<string>();
  for (const { id } of keys) {
    if (seen.has(id)) throw new Error(`${source}: key id "${id}" is given twice`);
    seen.add(id);
  }
  if (keys.length === 0) throw new Error(`${source}: no key given`);
  return keys;
}

/**
 * Parses `id:base64key,id:base64key` (AFTERCASE_CODEC_KEYS), oldest first. Throws naming the entry
 * and the key id, never the key.
 */
export function parseCodecKeys(raw: string): CodecKey[] {
  const keys = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((entry, index) => {
      const colon = entry.indexOf(':');
      const where = `AFTERCASE_CODEC_KEYS entry ${index + 1}`;
      if (colon <= 0) throw new Error(`${where} is not id:base64key`);
      return checkedKey(entry.slice(0, colon), entry.slice(colon + 1), where);
    });
  return unique(keys, 'AFTERCASE_CODEC_KEYS');
}

/** The AFTERCASE_CODEC_KEYS form of `keys` (`id:base64key,…`, newest last); parseCodecKeys reads it back. */
export function formatCodecKeys(keys: readonly CodecKey[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
}

/** A new random key under a dated id (`dev-20261203-1a2b3c`). */
export function generateCodecKey(now: Date = new Date()): CodecKey {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return { id: `dev-${day}-${randomBytes(3).toString('hex')}`, key: randomBytes(KEY_BYTES) };
}

interface KeyFile {
  keys: Array<{ id: string; key: string }>;
}

/**
 * The development keys of a data directory: read from codec-keys.json, or generated and written
 * there (mode 0600, exclusive create so two processes starting together agree on one key).
 */
export function loadOrCreateDevKeys(dataDir: string): { keys: CodecKey[]; created: boolean; file: string } {
  const file = devKeyFile(dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const fresh = generateCodecKey();
    const body: KeyFile = { keys: [{ id: fresh.id, key: fresh.key.toString('base64') }] };
    try {
      fs.writeFileSync(file, JSON.stringify(body, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
      return { keys: [fresh], created: true, file };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<KeyFile>;
  if (!Array.isArray(parsed.keys)) throw new Error(`${file}: expected {"keys":[{"id","key"}]}`);
  const keys = parsed.keys.map((k, i) => checkedKey(String(k.id), String(k.key), `${file} key ${i + 1}`));
  return { keys: unique(keys, file), created: false, file };
}

/** Where the keys of a process came from, for the start-up line (never the keys). */
export interface ResolvedCodecKeys {
  keys: CodecKey[];
  source: 'env' | 'dev-file';
  /** The development key file, when source is dev-file. */
  file?: string;
  created?: boolean;
}

/** The settings the keys come from (src/config.ts parses them). */
export interface CodecKeySettings {
  AFTERCASE_CODEC_KEYS?: string | undefined;
  NODE_ENV?: string | undefined;
}

/** AFTERCASE_CODEC_KEYS when set; else, outside production, the data directory's development keys. */
export function resolveCodecKeys(env: CodecKeySettings, dataDir: string): ResolvedCodecKeys {
  const raw = env.AFTERCASE_CODEC_KEYS?.trim();
  if (raw) return { keys: parseCodecKeys(raw), source: 'env' };
  if (env.NODE_ENV === 'production') throw new Error('AFTERCASE_CODEC_KEYS must be set in production (id:base64key,…; newest last)');
  const dev = loadOrCreateDevKeys(dataDir);
  return { keys: dev.keys, source: 'dev-file', file: dev.file, created: dev.created };
}
