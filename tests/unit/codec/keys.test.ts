/** Codec keys: AFTERCASE_CODEC_KEYS parsing, development keys per data directory, the choice. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { devKeyFile, loadOrCreateDevKeys, parseCodecKeys, resolveCodecKeys } from '../../../src/codec/keys';

const K1 = Buffer.alloc(32, 1).toString('base64');
const K2 = Buffer.alloc(32, 2).toString('base64');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'aftercase-keys-'));

describe('parseCodecKeys', () => {
  test('id:base64 pairs, oldest first, spaces and empty entries ignored', () => {
    const keys = parseCodecKeys(` k-2025:${K1} , k-2026:${K2},`);
    expect(keys.map((k) => k.id)).toEqual(['k-2025', 'k-2026']);
    expect(keys[1]!.key.equals(Buffer.alloc(32, 2))).toBe(true);
  });

  test.each([
    ['', /no key given/],
    [K1, /entry 1 is not id:base64key/],
    [`k1:${Buffer.alloc(16).toString('base64')}`, /"k1" must be 32 bytes/],
    [`k1:not base64!`, /"k1" must be 32 bytes/],
    [`bad id:${K1}`, /entry 1: a key id/],
    [`k1:${K1},k1:${K2}`, /"k1" is given twice/],
  ])('%j is refused', (raw, message) => {
    expect(() => parseCodecKeys(raw)).toThrow(message);
  });

  test('errors never contain the key material', () => {
    const short = Buffer.alloc(31, 7).toString('base64');
    expect(() => parseCodecKeys(`k1:${short}`)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(short) }));
  });
});

describe('development keys', () => {
  test('generated once per data directory, mode 0600, then reused', () => {
    const dir = path.join(tmp(), 'nested');
    const first = loadOrCreateDevKeys(dir);
    expect(first.created).toBe(true);
    expect(first.keys).toHaveLength(1);
    expect(first.keys[0]!.key).toHaveLength(32);
    expect(fs.statSync(devKeyFile(dir)).mode & 0o777).toBe(0o600);
    const again = loadOrCreateDevKeys(dir);
    expect(again.created).toBe(false);
    expect(again.keys[0]!.id).toBe(first.keys[0]!.id);
    expect(again.keys[0]!.key.equals(first.keys[0]!.key)).toBe(true);
    expect(loadOrCreateDevKeys(tmp()).keys[0]!.key.equals(first.keys[0]!.key)).toBe(false);
  });

  test('a malformed key file is an error naming the file', () => {
    const dir = tmp();
    fs.writeFileSync(devKeyFile(dir), JSON.stringify({ keys: [{ id: 'x', key: 'short' }] }));
    expect(() => loadOrCreateDevKeys(dir)).toThrow(devKeyFile(dir));
  });
});

describe('resolveCodecKeys', () => {
  test('AFTERCASE_CODEC_KEYS wins and writes no file', () => {
    const dir = tmp();
    const r = resolveCodecKeys({ AFTERCASE_CODEC_KEYS: `prod-1:${K1}` }, dir);
    expect(r.source).toBe('env');
    expect(r.keys.map((k) => k.id)).toEqual(['prod-1']);
    expect(fs.existsSync(devKeyFile(dir))).toBe(false);
  });

  test('without it: the data directory’s development key; in production: refused', () => {
    const dir = tmp();
    expect(resolveCodecKeys({}, dir)).toMatchObject({ source: 'dev-file', file: devKeyFile(dir), created: true });
    expect(() => resolveCodecKeys({ NODE_ENV: 'production' }, tmp())).toThrow(/AFTERCASE_CODEC_KEYS must be set in production/);
  });
});
