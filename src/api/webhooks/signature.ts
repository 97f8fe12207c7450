/** HMAC-SHA256 signatures of webhook bodies (`X-Signature`: hex of the raw body's HMAC). */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * True when `signature` (hex, optionally prefixed `sha256=`) is the HMAC of `body`. Compared in
 * constant time; a malformed or missing signature is simply false.
 */
export function signatureMatches(secret: string, body: Buffer, signature: string | undefined): boolean {
  if (signature === undefined) return false;
  const hex = signature.trim().replace(/^sha256=/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}
