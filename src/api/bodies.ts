/**
 * How a route reads its body: JSON only (another media type with a body is a 415, no body reads as
 * `{}`), or for signed webhooks the raw bytes first, their HMAC (over `<X-Timestamp>.<body>`) and age checked, then JSON.
 */
import express, { type Request, type RequestHandler } from 'express';
import { ApiError } from './errors';
import { verifySignature, WEBHOOK_TOLERANCE_SECONDS, type SignatureVerdict } from '../shared/webhook-signature';

const JSON_TYPES = ['application/json', 'application/*+json'];
const UTF8 = new Set(['utf-8', 'utf8']);

/** The charset parameter of a Content-Type, lower-cased, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i);
  return m?.[1]?.toLowerCase();
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

/** JSON bodies only; another media type with a body is a 415, no body reads as `{}`. */
export function jsonBody(limit: string): RequestHandler[] {
  return [
    (req, _res, next) => {
      if (hasBody(req) && !req.is(JSON_TYPES)) throw new ApiError('unsupported_media_type', `send the body as application/json, not ${req.get('content-type') ?? 'an unnamed type'}`);
      const charset = charsetOf(req.get('content-type'));
      // JSON between systems is UTF-8 (RFC 8259 §8.1) and the reference says so: another charset is a 415,
      // not decoded (body-parser would decode UTF-16, and parse UTF-8 bytes labelled UTF-16 as garbage).
      if (hasBody(req) && charset !== undefined && !UTF8.has(charset)) throw new ApiError('unsupported_media_type', `send the body in UTF-8, not charset=${charset}`);
      next();
    },
    express.json({ limit, type: JSON_TYPES, strict: false }),
  ];
}

/** Why a verdict refuses the request, for the 401's detail. */
const SIGNATURE_REFUSALS: Record<Exclude<SignatureVerdict, 'ok'>, string> = {
  no_signature: 'no X-Signature header',
  no_timestamp: 'no X-Timestamp header in Unix seconds (up to 12 digits: not milliseconds), covered by the signature',
  mismatch: 'X-Signature does not match the timestamp and body',
  expired: `X-Timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} s away from now: a replayed or delayed request`,
};

/** Raw body, signature check, then JSON: the signature covers the exact bytes sent. */
export function signedJsonBody(limit: string, secret: string): RequestHandler[] {
  return [
    express.raw({ limit, type: () => true }),
    (req, _res, next) => {
      const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const verdict = verifySignature(secret, raw, req.get('x-signature'), req.get('x-timestamp'));
      if (verdict !== 'ok') throw new ApiError('bad_signature', SIGNATURE_REFUSALS[verdict]);
      try {
        req.body = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
      } catch {
        throw new ApiError('malformed_json');
      }
      next();
    },
  ];
}
