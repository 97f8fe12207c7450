/**
 * The committed test-only payload key: every test environment, harness and worker encrypts with it,
 * as production processes do with AFTERCASE_CODEC_KEYS. It protects nothing and is used nowhere
 * else. Stored histories (tests/histories) are recorded with the codec off (see their README).
 */
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec, parseCodecKeys } from '../../src/codec';

/** The key in AFTERCASE_CODEC_KEYS form, for worker processes a test spawns. */
export const TEST_CODEC_KEYS_ENV = 'test-only-2026-12:0mZ72zfuC8SkJMNg7FSwG57r91Zxyv92uUKpNkh/TXc=';
export const TEST_CODEC_KEYS = parseCodecKeys(TEST_CODEC_KEYS_ENV);
export const testCodec = new EncryptionCodec(TEST_CODEC_KEYS);
export const testDataConverter: DataConverter = { payloadCodecs: [testCodec] };
