/**
 * In-memory stand-ins for the activities, for workflow tests with time skipping. Typed against the
 * activity contract, so a fake that drifts from it fails to compile. Every call is recorded, and
 * calls that carry an idempotency key are deduplicated like the real systems do.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { failureType } from '../../src/activities/failures';
import type { AfterSalesActivities, Pickup, Refund, Shipment } from '../../src/activities/types';
import type { OrderSnapshot } from '../../src/domain/types';

export interface FakeWorld {
  orders: Record<string, OrderSnapshot>;
  photoScore: number;
  outOfStock: boolean;
  /** The carrier refuses every waybill (a non-retryable rejection). */
  dispatchRefused: boolean;
  /** How many of the next issueRefund calls fail with a retryable error. */
  refundFailures: number;
  /** Per activity: how many of its next calls fail with a retryable error (an outage; Infinity = until cleared). */
  outages: Partial<Record<keyof AfterSalesActivities, number>>;
  /** Per activity: a refusal (non-retryable, typed) every call answers, until cleared. */
  /** Refusals, from attempt `fromAttempt` of each call on (default 1); reported with the attempt, as the HTTP adapter does. */
  refusals: Partial<Record<keyof AfterSalesActivities, { type: string; message: string; fromAttempt?: number }>>;
  /** Per activity: how many of its next calls take effect but lose their answer (a retryable error after the effect). */
  lostAnswers: Partial<Record<keyof AfterSalesActivities, number>>;
  calls: { name: keyof AfterSalesActivities; input: unknown }[];
  /** The OMS does not know the remedies payments and the warehouse made under their keys (recordSettledRemedy records anew). */
  omsMissesMovements?: boolean;
  /** Effects by idempotency key: what the real systems' ledgers would hold. */
  ledger: Map<string, { name: string; result: unknown }>;
  /** Called as each activity call comes in, before its refusals and outages (e.g. another case remedies the line at that moment). */
  onCall?: (name: keyof AfterSalesActivities, input: unknown) => void;
}

let seq = 0;
const id = (prefix: string) => `${prefix}-${++seq}`;

export function newWorld(orders: OrderSnapshot[], overrides: Partial<FakeWorld> = {}): FakeWorld {
  return {
    orders: Object.fromEntries(orders.map((o) => [o.orderId, o])),
    photoScore: 0.9,
    outOfStock: false,
    dispatchRefused: false,
    refundFailures: 0,
    outages: {},
    refusals: {},
    lostAnswers: {},
    calls: [],
    ledger: new Map(),
    ...overrides,
  };
}

export function fakeActivities(world: FakeWorld): AfterSalesActivities {
  function once<T>(name: keyof AfterSalesActivities, key: string, make: () => T): T {
    const hit = world.ledger.get(key);
    if (hit) return hit.result as T;
    const result = make();
    world.ledger.set(key, { name, result });
    return result;
  }
  const record = (name: keyof AfterSalesActivities, input: unknown) => {
    world.calls.push({ name, input });
    world.onCall?.(name, input);
    const refusal = world.refusals[name];
    const attempt = Context.current().info.attempt; // fakes run in a worker, as activities
    if (refusal && attempt >= (refusal.fromAttempt ?? 1)) {
      throw ApplicationFailure.create({ message: refusal.message, type: refusal.type, nonRetryable: true, details: attempt > 1 ? [{ attempt }] : [] });
    }
    const left = world.outages[name] ?? 0;
    if (left > 0) {
      world.outages[name] = left - 1;
      throw ApplicationFailure.retryable(`${name}: system unavailable (fake outage)`, 'FakeUnavailable');
    }
  };
  /** After the effect: throws a retryable error if this call's answer is to be lost. */
  const answer = <T>(name: keyof AfterSalesActivities, result: T): T => {
    const lost = world.lostAnswers[name] ?? 0;
    if (lost > 0) {
      world.lostAnswers[name] = lost - 1;
      throw ApplicationFailure.retryable(`${name}: timed out waiting for the answer (fake)`, 'FakeTimeout');
    }
    return result;
  };
  /** Adds a remedy to the order's lines, as the OMS does once per idempotency key. */
  const remedy = (orderId: string, lines: { sku: string; quantity: number }[], amountOf: (sku: string, qty: number, unitPrice: number) => number) => {
    const o = world.orders[orderId];
    if (!o) return;
    world.orders[orderId] = {
      ...o,
      items: o.items.map((i) => {
        const l = lines.find((x) => x.sku === i.sku);
        if (!l) return i;
        const done = i.remedied ?? { quantity: 0, amount: 0 };
        return { ...i, remedied: { quantity: done.quantity + l.quantity, amount: done.amount + amountOf(i.sku, l.quantity, i.unitPrice) } };
      }),
    };
  };
  const stored = <T>(key: string): T | undefined => world.ledger.get(key)?.result as T | undefined;
  return {
    async getOrder(input) {
      record('getOrder', input);
      const order = world.orders[input.orderId];
      if (!order) throw ApplicationFailure.nonRetryable(`order ${input.orderId} not found`, failureType('orders', 'NotFound'));
      return order;
    },
    async recordSettledRemedy(input) {
      record('recordSettledRemedy', input);
      // The OMS's remedies are keyed apart from the movements' ledger, under the movement's own key.
      // A movement done under the key (payments, the warehouse): already counted. A retry of the record: the same answer.
      const known = !world.omsMissesMovements && world.ledger.has(input.idempotencyKey);
      if (!known && !world.ledger.has(`remedy:${input.idempotencyKey}`)) {
        const value = input.lines.reduce((sum, l) => sum + l.quantity * (world.orders[input.orderId]?.items.find((i) => i.sku === l.sku)?.unitPrice ?? 0), 0);
        // A refund's amount shared by line value, as the sandbox's refundLines does (rounded here).
        remedy(input.orderId, input.lines, (_sku, qty, price) => (input.kind === 'refund' ? Math.round((input.amount * qty * price) / Math.max(1, value)) : qty * price));
        world.ledger.set(`remedy:${input.idempotencyKey}`, { name: 'recordSettledRemedy', result: { recorded: true } });
      }
      return answer('recordSettledRemedy', { recorded: !known });
    },
    async findSpecialist(input) {
      record('findSpecialist', input);
      return { agentId: `AG-${input.region.toUpperCase()}-${input.dedicated ? 'P1' : '01'}`, team: input.region, role: 'specialist' };
    },
    async findEscalationContact(input) {
      record('findEscalationContact', input);
      return { agentId: `${input.role.toUpperCase()}-${input.region.toUpperCase()}`, team: input.region, role: input.role };
    },
    async notifyCustomer(input) {
      record('notifyCustomer', input);
      return once('notifyCustomer', input.idempotencyKey, () => ({ messageId: id('MSG') }));
    },
    async notifyStaff(input) {
      record('notifyStaff', input);
      return once('notifyStaff', input.idempotencyKey, () => ({ messageId: id('MSG') }));
    },
    async scorePhotos(input) {
      record('scorePhotos', input);
      // Like the sandbox: a `score=0.xx` in a photo URL sets the score; else the world's default.
      const fromUrl = input.photos.map((p) => /[?&]score=([0-9.]+)/.exec(p.url)?.[1]).find((x) => x !== undefined);
      return { score: fromUrl !== undefined ? Number(fromUrl) : world.photoScore, reasons: ['fake'] };
    },
    async reserveStock(input) {
      record('reserveStock', input);
      if (world.outOfStock) return { reserved: false, reason: 'out_of_stock' };
      return once('reserveStock', input.idempotencyKey, () => ({ reserved: true as const, reservationId: id('RSV'), warehouseId: 'WH-1' }));
    },
    async releaseStock(input) {
      record('releaseStock', input);
      once('releaseStock', input.idempotencyKey, () => ({}));
    },
    async dispatchReshipment(input) {
      record('dispatchReshipment', input);
      if (world.dispatchRefused) throw ApplicationFailure.nonRetryable(`${input.carrier} refused the waybill`, failureType('carriers', 'Rejected'));
      const shipment = once('dispatchReshipment', input.idempotencyKey, () => {
        remedy(input.orderId, input.items, (_sku, qty, price) => qty * price);
        return { shipmentId: id('SHP'), carrier: input.carrier, trackingNumber: id(`${input.carrier}TN`) };
      });
      return answer('dispatchReshipment', shipment);
    },
    async quarantineReturn(input) {
      record('quarantineReturn', input);
      return once('quarantineReturn', input.idempotencyKey, () => ({ quarantineId: id('QRN') }));
    },
    async schedulePickup(input) {
      record('schedulePickup', input);
      return answer('schedulePickup', once('schedulePickup', input.idempotencyKey, () => ({ pickupId: id('PU'), carrier: input.carrier, trackingNumber: id(`${input.carrier}RT`) })));
    },
    async issueRefund(input) {
      record('issueRefund', input);
      if (world.refundFailures > 0) {
        world.refundFailures -= 1;
        throw ApplicationFailure.retryable('payments answered 503', 'PaymentsUnavailable');
      }
      const refund = once('issueRefund', input.idempotencyKey, () => {
        const claimed = input.lines.reduce((sum, l) => sum + l.quantity, 0);
        remedy(input.orderId, input.lines, (_sku, qty) => Math.round((input.amount * qty) / Math.max(1, claimed)));
        return { refundId: id('RF'), amount: input.amount, status: 'succeeded' as const };
      });
      return answer('issueRefund', refund);
    },
    async grantCoupon(input) {
      record('grantCoupon', input);
      return once('grantCoupon', input.idempotencyKey, () => ({ couponId: id('CP'), value: input.value }));
    },
    async lookupRefund(input) {
      record('lookupRefund', input);
      const refund = stored<Refund>(input.idempotencyKey);
      return refund ? { found: true, refund } : { found: false };
    },
    async lookupDispatch(input) {
      record('lookupDispatch', input);
      const shipment = stored<Shipment>(input.idempotencyKey);
      return shipment ? { found: true, shipment } : { found: false };
    },
    async lookupPickup(input) {
      record('lookupPickup', input);
      const pickup = stored<Pickup>(input.idempotencyKey);
      return pickup ? { found: true, pickup } : { found: false };
    },
    async cancelPickup(input) {
      record('cancelPickup', input);
      once('cancelPickup', input.idempotencyKey, () => ({ pickupId: input.pickupId }));
    },
  };
}

/** Effects in the ledger of one activity: "exactly one refund" is `effects(world, 'issueRefund').length === 1`. */
export function effects(world: FakeWorld, name: keyof AfterSalesActivities): unknown[] {
  return [...world.ledger.values()].filter((e) => e.name === name).map((e) => e.result);
}
