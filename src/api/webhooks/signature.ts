/**
 * Checks a carrier webhook's signature (the scheme: src/shared/webhook-signature.ts): the MAC must
 * cover the timestamp and the exact body, and the timestamp must be within the tolerance.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_TOLERANCE_SECONDS } from '../../shared/webhook-signature';

export { signBody, signedHeaders, WEBHOOK_TOLERANCE_SECONDS } from '../../shared/webhook-signature';

export type SignatureVerdict = 'ok' | 'no_signature' | 'no_timestamp' | 'mismatch' | 'expired';

/** Why a verdict refuses the request, for the 401's detail. */
export const SIGNATURE_REFUSALS: Record<Exclude<SignatureVerdict, 'ok'>, string> = {
  no_signature: 'no X-Signature header',
  no_timestamp: 'no X-Timestamp header (Unix seconds, covered by the signature)',
  mismatch: 'X-Signature does not match the timestamp and body',
  expired: `X-Timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} s away from now: a replayed or delayed request`,
};

/**
 * The verdict on a request: its signature (hex, optionally prefixed `sha256=`) must be the MAC of
 * `<timestamp>.<body>`, compared in constant time, and the timestamp within the tolerance of `nowMs`.
 */
export function verifySignature(secret: string, body: Buffer, signature: string | undefined, timestamp: string | undefined, nowMs: number = Date.now()): SignatureVerdict {
  if (signature === undefined) return 'no_signature';
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp.trim())) return 'no_timestamp';
  const hex = signature.trim().replace(/^sha256=/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return 'mismatch';
  const expected = createHmac('sha256', secret).update(`${timestamp.trim()}.`).update(body).digest();
  if (!timingSafeEqual(expected, Buffer.from(hex, 'hex'))) return 'mismatch';
  return Math.abs(nowMs / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS ? 'expired' : 'ok';
}
