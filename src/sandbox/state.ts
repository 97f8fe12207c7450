/**
 * The sandbox's whole world, in memory: the OMS's orders (with the customer's personal data, which
 * only the sandbox holds), warehouse stock, reservations, parcels, refunds, the idempotency ledger,
 * injected faults and call counters. `resetState` brings it back to the seeded starting point.
 * `serializeState`/`restoreState` carry every data field through JSON, generically (server.ts
 * saves it after each mutating request when the sandbox has a data file).
 */
import { SYSTEMS, type SystemName } from '../domain/systems';
import type { Carrier, OrderSnapshot } from '../domain/types';
import type { FaultConfig } from './faults';
import { WAREHOUSES } from './geography';
import { Ledger } from './ledger';
import type { Remedy } from './remedies';
import { seedOrders, seedStock } from './seed';

export interface SandboxOptions {
  /** Reference time for the seeded order dates (default: now at creation / reset). */
  now?: Date | number;
  /** Where carriers push tracking events: POST `${webhookUrl}/${carrier}`. Off when absent. */
  webhookUrl?: string;
  /** HMAC-SHA256 key for the `X-Signature` header of tracking webhooks. */
  webhookSecret?: string;
  /** When set, parcels advance on their own: two events, this many ms apart. Off by default. */
  autoAdvanceMs?: number;
  /** Waits between webhook attempts; attempts = length + 1. Default [200, 1000, 3000]. */
  webhookRetryDelaysMs?: number[];
  /** Seed of the pseudo-random faults (errorRate, timeoutRate), so runs are reproducible. */
  faultSeed?: number;
  /** Where the sandbox writes its (personal-data-free) log lines. Silent by default. */
  log?: SandboxLog;
  /** SQLite file that keeps the world across restarts (see store.ts); in memory only when absent. */
  dataFile?: string;
}

/** A log line: a fixed message and closed-vocabulary fields (ids, enums, counts; never personal data). */
export type SandboxLog = (msg: string, fields?: Record<string, string | number>) => void;

export type CustomerChannel = 'sms' | 'app_push' | 'mini_program';
/** Personal data: lives here and nowhere else; never in a response, ledger entry or log line. */
export interface Customer { name: string; phone: string; address: string; channel: CustomerChannel }
export interface SandboxOrder extends OrderSnapshot { customer: Customer }

export interface Reservation {
  reservationId: string;
  caseId: string;
  warehouseId: string;
  items: { sku: string; quantity: number }[];
  status: 'active' | 'released' | 'dispatched';
}

/** A door pickup booked for a return; cancelled ones are never collected. */
export interface PickupBooking {
  pickupId: string;
  caseId: string;
  orderId: string;
  carrier: Carrier;
  trackingNumber: string;
  status: 'booked' | 'cancelled';
}

export type TrackingEvent = 'picked_up' | 'in_transit' | 'delivered' | 'exception' | 'lost';
export interface TrackedParcel {
  trackingNumber: string;
  carrier: Carrier;
  kind: 'original' | 'reshipment' | 'pickup';
  orderId: string;
  caseId?: string;
  events: { event: TrackingEvent; occurredAt: string }[];
}

export interface WebhookDelivery {
  trackingNumber: string;
  carrier: Carrier;
  event: TrackingEvent;
  attempts: number;
  delivered: boolean;
  lastStatus?: number;
  skipped?: 'no_webhook_url';
}

/** `lostAnswers`: calls performed whose answer was then withheld (see faults.ts). */
export interface SystemStats { calls: number; faults: number; timeouts: number; lostAnswers: number }

export interface SandboxState {
  readonly options: SandboxOptions;
  orders: Map<string, SandboxOrder>;
  /** warehouseId → sku → units available for sale. */
  stock: Map<string, Map<string, number>>;
  /** warehouseId → sku → returned units held apart (never back on sale). */
  quarantine: Map<string, Map<string, number>>;
  reservations: Map<string, Reservation>;
  parcels: Map<string, TrackedParcel>;
  /** orderId → fen refunded so far. */
  refunded: Map<string, number>;
  /** Idempotency-Key → what that refund or reshipment remedied, per order line (see remedies.ts). */
  remedies: Record<string, Remedy>;
  /** pickupId → the booking. */
  pickups: Record<string, PickupBooking>;
  ledger: Ledger;
  faults: Map<SystemName, FaultConfig>;
  stats: Record<SystemName, SystemStats>;
  webhookDeliveries: WebhookDelivery[];
  sequences: Map<string, number>;
  /** Pending timers and what to do if the sandbox stops before they fire. */
  timers: Map<NodeJS.Timeout, () => void>;
  random: () => number;
  disposed: boolean;
}

/** Next id of a kind, e.g. nextId(state, 'RF') → 'RF-000001'. Deterministic per run. */
export function nextId(state: SandboxState, prefix: string): string {
  return `${prefix}-${String(nextSequence(state, prefix)).padStart(6, '0')}`;
}

export function nextSequence(state: SandboxState, name: string): number {
  const n = (state.sequences.get(name) ?? 0) + 1;
  state.sequences.set(name, n);
  return n;
}

/** Deterministic PRNG (mulberry32) for fault injection. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createState(options: SandboxOptions): SandboxState {
  const state = { options, ledger: new Ledger(), timers: new Map(), disposed: false } as SandboxState;
  resetState(state);
  return state;
}

/** Back to the seeded world: orders, stock, no faults, an empty ledger, zeroed counters. */
export function resetState(state: SandboxState): void {
  cancelTimers(state);
  const now = state.options.now === undefined ? Date.now() : new Date(state.options.now).getTime();
  state.orders = new Map(seedOrders(now).map((o) => [o.orderId, o]));
  state.stock = seedStock(Object.values(WAREHOUSES));
  state.quarantine = new Map();
  state.reservations = new Map();
  state.refunded = new Map();
  state.remedies = {};
  state.pickups = {};
  state.ledger.clear();
  state.faults = new Map();
  state.stats = Object.fromEntries(SYSTEMS.map((s) => [s, { calls: 0, faults: 0, timeouts: 0, lostAnswers: 0 }])) as SandboxState['stats'];
  state.webhookDeliveries = [];
  state.sequences = new Map();
  state.random = seededRandom(state.options.faultSeed ?? 2260);
  state.parcels = new Map();
  for (const order of state.orders.values()) {
    if (order.carrier && order.trackingNumber) {
      state.parcels.set(order.trackingNumber, {
        trackingNumber: order.trackingNumber, carrier: order.carrier, kind: 'original', orderId: order.orderId,
        events: order.status === 'delivered' && order.deliveredAt ? [{ event: 'delivered', occurredAt: order.deliveredAt }] : [],
      });
    }
  }
}

/** Stops every pending timer (auto-advance, latency, webhook retries). */
export function disposeState(state: SandboxState): void {
  state.disposed = true;
  cancelTimers(state);
}

function cancelTimers(state: SandboxState): void {
  const pending = [...state.timers];
  state.timers.clear();
  for (const [timer, onCancel] of pending) {
    clearTimeout(timer);
    onCancel();
  }
}

/** A wait the sandbox cancels on close or reset: resolves true when it ran out, false if cancelled. */
export function delay(state: SandboxState, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      resolve(true);
    }, ms);
    timer.unref();
    state.timers.set(timer, () => resolve(false));
  });
}

// ---- persistence: the whole state, field by field, as JSON (see store.ts) ---------------------

/** Fields that are wiring, not data: never persisted. Every other field is, whatever it holds. */
const RUNTIME_FIELDS: ReadonlySet<string> = new Set(['options', 'timers', 'random', 'disposed']);

/**
 * JSON of a value with Maps, Sets and Dates tagged so they come back as what they were. A replacer
 * rather than a copied tree: this runs before every mutating answer, so it must be cheap.
 */
function toJson(value: unknown): string {
  return (
    JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
      const raw = this[key]; // before toJSON: a Date is still a Date here
      if (raw instanceof Date) return { $date: raw.toISOString() };
      if (v instanceof Map) return { $map: [...v] };
      if (v instanceof Set) return { $set: [...v] };
      return v;
    }) ?? 'null'
  );
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (Array.isArray(o.$map)) return new Map((o.$map as [unknown, unknown][]).map(([k, v]) => [decode(k), decode(v)]));
  if (Array.isArray(o.$set)) return new Set((o.$set as unknown[]).map(decode));
  if (typeof o.$date === 'string') return new Date(o.$date);
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decode(v)]));
}

const isPlain = (v: unknown) => v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Map || v instanceof Set || Object.getPrototypeOf(v) === Object.prototype;

/** Every data field of the state as JSON, by field name. Generic: new fields are persisted too. */
export function serializeState(state: SandboxState): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [name, value] of Object.entries(state)) {
    if (RUNTIME_FIELDS.has(name) || typeof value === 'function') continue;
    fields.set(name, toJson(value));
  }
  return fields;
}

/**
 * Puts saved fields back into a state. Objects of a class (the Ledger) keep their class and get
 * their saved own fields; everything else is replaced. Saved fields the state no longer has are
 * restored as they were; fields the save did not have keep their fresh value.
 */
export function restoreState(state: SandboxState, fields: ReadonlyMap<string, string>): void {
  const target = state as unknown as Record<string, unknown>;
  for (const [name, json] of fields) {
    if (RUNTIME_FIELDS.has(name)) continue;
    const value = decode(JSON.parse(json));
    const current = target[name];
    if (!isPlain(current) && value !== null && typeof value === 'object') Object.assign(current as object, value);
    else target[name] = value;
  }
}
