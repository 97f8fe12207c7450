import { z } from 'zod';
import type { SystemClient } from '../http';
import type { Coupon, GrantCouponInput } from '../types';

const couponSchema: z.ZodType<Coupon> = z.object({ couponId: z.string(), value: z.int() });

/** Grants a compensation coupon (优惠券补偿). Once per idempotency key. */
export function grantCoupon(coupons: SystemClient) {
  return ({ idempotencyKey, ...body }: GrantCouponInput): Promise<Coupon> =>
    coupons({ method: 'POST', path: '/coupons', body, idempotencyKey }, couponSchema);
}
