/**
 * How carrier webhooks are signed, shared by the carriers (the sandbox plays them) and the API that
 * checks them. Two headers:
 *
 *   X-Timestamp: <Unix seconds when the request was signed>
 *   X-Signature: <hex HMAC-SHA256, with the shared secret, of "<timestamp>." followed by the raw body>
 *
 * The timestamp is inside the MAC, so a captured request cannot be replayed with a fresh time, and
 * the receiver refuses requests signed more than WEBHOOK_TOLERANCE_SECONDS ago (or ahead). A
 * carrier retrying a delivery signs it again with the time of the retry.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How old (or how far ahead) a signed request may be: 5 minutes. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function signBody(secret: string, body: Buffer | string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The two headers a signed webhook request carries, signed now (or at `nowMs`). */
export function signedHeaders(secret: string, body: Buffer | string, nowMs: number = Date.now()): { 'X-Timestamp': string; 'X-Signature': string } {
  const timestamp = Math.floor(nowMs / 1000);
  return { 'X-Timestamp': String(timestamp), 'X-Signature': signBody(secret, body, timestamp) };
}

export type SignatureVerdict = 'ok' | 'no_signature' | 'no_timestamp' | 'mismatch' | 'expired';

/**
 * The receiver's verdict: the signature (hex, optionally prefixed `sha256=`) must be the MAC of
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
