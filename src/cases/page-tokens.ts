/**
 * Page tokens of the case list. They are Temporal's, wrapped with an HMAC over the token and the
 * query: a token that this service did not hand out for these filters is refused before it reaches
 * Temporal, which would otherwise answer garbage with an error its client retries.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CaseError } from './errors';

const mac = (key: Buffer, query: string, raw: Uint8Array) => createHmac('sha256', key).update(query).update('\0').update(raw).digest().subarray(0, 16);

export function sealPageToken(key: Buffer, query: string, raw: Uint8Array): string {
  return Buffer.concat([mac(key, query, raw), raw]).toString('base64url');
}

export function openPageToken(key: Buffer, query: string, token: string): Buffer {
  const sealed = Buffer.from(token, 'base64url');
  const raw = sealed.subarray(16);
  if (sealed.length <= 16 || !timingSafeEqual(mac(key, query, raw), sealed.subarray(0, 16))) {
    throw new CaseError('page_token_invalid', 'not a token this API handed out for these filters');
  }
  return raw;
}
