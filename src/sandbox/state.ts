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
import { isTracked, markSaved, pendingChanges, TrackedMap, trackedRecord } from './tracked';

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
  state.orders = new TrackedMap(seedOrders(now).map((o) => [o.orderId, o]));
  state.stock = seedStock(Object.values(WAREHOUSES));
  state.quarantine = new Map();
  state.reservations = new TrackedMap();
  state.refunded = new TrackedMap();
  state.remedies = trackedRecord({});
  state.pickups = trackedRecord({});
  state.ledger.clear();
  state.faults = new Map();
  state.stats = Object.fromEntries(SYSTEMS.map((s) => [s, { calls: 0, faults: 0, timeouts: 0, lostAnswers: 0 }])) as SandboxState['stats'];
  state.webhookDeliveries = [];
  state.sequences = new Map();
  state.random = seededRandom(state.options.faultSeed ?? 2260);
  state.parcels = new TrackedMap();
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

// ---- persistence: field by field as JSON; the growing collections entry by entry (see store.ts) --

/** Fields that are wiring, not data: never persisted. Every other field is, whatever it holds. */
const RUNTIME_FIELDS: ReadonlySet<string> = new Set(['options', 'timers', 'random', 'disposed']);

type Entries = Array<readonly [string, unknown]>;

/**
 * The collections that grow with every order and case, saved one row per entry and only the entries
 * that changed (tracked.ts); every other field is small and saved whole when its JSON changed.
 * `fromWhole` reads the field as an older save kept it, whole.
 */
interface KeyedField {
  get(state: SandboxState): Map<string, unknown> | Record<string, unknown>;
  put(state: SandboxState, entries: Entries): void;
  fromWhole(value: unknown): Entries;
}

const mapField = (name: 'orders' | 'parcels' | 'reservations' | 'refunded'): KeyedField => ({
  get: (state) => state[name],
  put: (state, entries) => void ((state as unknown as Record<string, unknown>)[name] = new TrackedMap(entries)),
  fromWhole: (value) => [...(value as Map<string, unknown>)],
});
const recordField = (name: 'remedies' | 'pickups'): KeyedField => ({
  get: (state) => state[name],
  put: (state, entries) => void ((state as unknown as Record<string, unknown>)[name] = trackedRecord(Object.fromEntries(entries))),
  fromWhole: (value) => Object.entries(value as Record<string, unknown>),
});

export const KEYED_FIELDS: Readonly<Record<string, KeyedField>> = {
  orders: mapField('orders'),
  parcels: mapField('parcels'),
  reservations: mapField('reservations'),
  refunded: mapField('refunded'),
  remedies: recordField('remedies'),
  pickups: recordField('pickups'),
  ledger: {
    get: (state) => state.ledger.entries,
    put: (state, entries) => state.ledger.load(entries as Array<readonly [string, never]>),
    fromWhole: (value) => [...(value as { entries: Map<string, unknown> }).entries],
  },
};

/** A keyed field's row among the whole fields: its entries are rows of their own (none, when it is empty). */
const IN_ENTRIES = '{"$entries":true}';

const entriesOf = (collection: Map<string, unknown> | Record<string, unknown>): Entries =>
  collection instanceof Map ? [...collection] : Object.entries(collection);

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

/** Every data field of the state as JSON, by field name, each whole: what the state holds (tests compare worlds by it). */
export function serializeState(state: SandboxState): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [name, value] of Object.entries(state)) {
    if (RUNTIME_FIELDS.has(name) || typeof value === 'function') continue;
    fields.set(name, toJson(value));
  }
  return fields;
}

/** One keyed field's rows to write: every entry when `all` (the rows kept so far are dropped), else the changed ones; undefined deletes. */
export interface EntryChanges {
  all: boolean;
  rows: Map<string, string | undefined>;
}

/** What a save writes: the small fields whole (the store writes those whose JSON changed) and the keyed fields' changed entries. */
export interface StateChanges {
  fields: Map<string, string>;
  entries: Map<string, EntryChanges>;
}

/**
 * What changed since the last save (savedAll marks it saved). Costs the small fields plus the
 * entries that changed, not the size of the world. Generic: a new data field is saved whole.
 */
export function stateChanges(state: SandboxState): StateChanges {
  const fields = new Map<string, string>();
  for (const [name, value] of Object.entries(state)) {
    if (RUNTIME_FIELDS.has(name) || typeof value === 'function') continue;
    fields.set(name, name in KEYED_FIELDS ? IN_ENTRIES : toJson(value));
  }
  const entries = new Map<string, EntryChanges>();
  for (const [name, field] of Object.entries(KEYED_FIELDS)) {
    const collection = field.get(state);
    // An untracked collection (a bug: every one is made tracked) is saved whole, every time: slower, never lost.
    const changes = isTracked(collection) ? pendingChanges(collection) : { all: true, keys: new Set<string>() };
    const rows = new Map<string, string | undefined>();
    if (changes.all) {
      for (const [key, value] of entriesOf(collection)) rows.set(key, toJson(value));
    } else {
      const get = collection instanceof Map ? (k: string) => collection.get(k) : (k: string) => (Object.hasOwn(collection, k) ? collection[k] : undefined);
      for (const key of changes.keys) {
        const value = get(key);
        rows.set(key, value === undefined ? undefined : toJson(value));
      }
    }
    if (changes.all || rows.size > 0) entries.set(name, { all: changes.all, rows });
  }
  return { fields, entries };
}

/** The store now holds the state as it is (after a save of stateChanges). */
export function savedAll(state: SandboxState): void {
  for (const field of Object.values(KEYED_FIELDS)) markSaved(field.get(state));
}

/** What a store loads: the whole fields, and the keyed fields' entries by key. */
export interface SavedState {
  fields: ReadonlyMap<string, string>;
  entries: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/**
 * Puts a saved world back into a state. Objects of a class (the Ledger) keep their class and get
 * their saved own fields; everything else is replaced. Saved fields the state no longer has are
 * restored as they were; fields the save did not have keep their fresh value. A keyed field saved
 * whole (by an older version) is read too, and written entry by entry at the next save.
 */
export function restoreState(state: SandboxState, saved: SavedState): void {
  const target = state as unknown as Record<string, unknown>;
  for (const [name, json] of saved.fields) {
    if (RUNTIME_FIELDS.has(name)) continue;
    const keyed = KEYED_FIELDS[name];
    if (keyed && json === IN_ENTRIES) {
      keyed.put(state, [...(saved.entries.get(name) ?? [])].map(([key, entry]) => [key, decode(JSON.parse(entry))] as const));
      markSaved(keyed.get(state)); // the store holds exactly these rows
      continue;
    }
    const value = decode(JSON.parse(json));
    if (keyed) keyed.put(state, keyed.fromWhole(value)); // saved whole: written entry by entry at the next save
    else {
      const current = target[name];
      if (!isPlain(current) && value !== null && typeof value === 'object') Object.assign(current as object, value);
      else target[name] = value;
    }
  }
}
