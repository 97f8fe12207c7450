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
import { createHmac } from 'node:crypto';

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
