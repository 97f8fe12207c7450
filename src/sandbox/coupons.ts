/**
 * Coupons: compensation vouchers for a customer. Deduplicated by Idempotency-Key; a single coupon
 * above the cap (¥500) is refused with 422, the platform's limit on goodwill compensation.
 */
import { Router } from 'express';
import { z } from 'zod';
import { MEMBER_TIERS } from '../domain/types';
import { SandboxError, parse } from './http';
import { respondOnce } from './ledger';
import { nextId, type SandboxState } from './state';

export const COUPON_CAP_FEN = 50_000;
const VALID_DAYS = 30;

const grantSchema = z.strictObject({
  caseId: z.string().min(1).max(128),
  customerRef: z.string().min(1).max(64),
  memberTier: z.enum(MEMBER_TIERS),
  value: z.int().positive(),
  reason: z.string().min(1).max(200),
});

export function couponsRouter(state: SandboxState): Router {
  const router = Router();

  /** Grants a coupon worth `value` fen, valid for 30 days. */
  router.post('/coupons', (req, res) => {
    const body = parse(grantSchema, req.body);
    respondOnce(state.ledger, req, res, { kind: 'coupon', caseId: body.caseId, request: body }, () => {
      if (body.value > COUPON_CAP_FEN) throw new SandboxError(422, 'coupon_value_exceeds_cap', `Coupons are capped at ${COUPON_CAP_FEN} fen`, { cap: COUPON_CAP_FEN });
      const expiresAt = new Date(Date.now() + VALID_DAYS * 86_400_000).toISOString();
      return { couponId: nextId(state, 'CPN'), value: body.value, expiresAt };
    });
  });

  return router;
}
