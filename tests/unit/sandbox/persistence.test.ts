/**
 * The sandbox's world through its SQLite store: every data field (Maps, the Ledger's entries, fields
 * added later) comes back as it was; only changed fields and entries are written; wiring is never
 * persisted; a store written whole by the version before loads and is then kept entry by entry.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createState, disposeState, resetState, restoreState, serializeState, stateChanges, type SandboxState } from '../../../src/sandbox/state';
import { SandboxStore } from '../../../src/sandbox/store';
import { touch } from '../../../src/sandbox/tracked';

const file = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aftercase-sandbox-')), 'sandbox.db');
const states: SandboxState[] = [];
const fresh = () => {
  const s = createState({ now: Date.parse('2026-12-01T00:00:00Z') });
  states.push(s);
  return s;
};
afterAll(() => states.forEach(disposeState));

test('orders, stock, ledger, faults, sequences and fields the state did not have before survive a save and a load', () => {
  const a = fresh();
  const order = [...a.orders.values()][0]!;
  a.orders.set('ORD-NEW', { ...order, orderId: 'ORD-NEW' });
  a.stock.get([...a.stock.keys()][0]!)!.set('SKU-NEW', 7);
  a.ledger.record({ key: 'k1', kind: 'refund', caseId: 'AC-1', request: { amount: 100 }, result: { refundId: 'RF-1' }, status: 201, fingerprint: 'f' });
  a.faults.set('payments', { errorRate: 0.5 } as never);
  a.sequences.set('RF', 3);
  (a as unknown as Record<string, unknown>).addedLater = { nested: new Map([['x', [1, 2]]]), tags: new Set(['t']), at: new Date('2026-12-01T08:00:00Z') };

  const store = new SandboxStore(file());
  expect(store.save(a)).toBe(true);
  expect(store.save(a)).toBe(false); // nothing changed: nothing written
  store.close();

  const reopened = new SandboxStore(store.file);
  const b = fresh();
  restoreState(b, reopened.load()!);
  expect(b.orders.get('ORD-NEW')).toEqual(a.orders.get('ORD-NEW'));
  expect(b.stock).toEqual(a.stock);
  expect(b.ledger.list({ caseId: 'AC-1' })).toEqual(a.ledger.list({ caseId: 'AC-1' }));
  expect(b.ledger.lookup('k1', 'f').outcome).toBe('replay'); // still a Ledger, with its methods
  expect(b.faults.get('payments')).toEqual({ errorRate: 0.5 });
  expect(b.sequences.get('RF')).toBe(3);
  expect((b as unknown as Record<string, unknown>).addedLater).toEqual({ nested: new Map([['x', [1, 2]]]), tags: new Set(['t']), at: new Date('2026-12-01T08:00:00Z') });
  expect(typeof b.random).toBe('function');
  expect(serializeState(b).has('timers')).toBe(false);
  expect(serializeState(b).has('options')).toBe(false);
  reopened.close();
});

test('a reset is saved like any change: the fresh world is what loads next', () => {
  const a = fresh();
  a.ledger.record({ key: 'k2', kind: 'coupon', request: {}, result: {}, status: 201, fingerprint: 'g' });
  const store = new SandboxStore(file());
  store.save(a);
  resetState(a);
  expect(store.save(a)).toBe(true);
  store.close();
  const reopened = new SandboxStore(store.file);
  const b = fresh();
  restoreState(b, reopened.load()!);
  expect(b.ledger.list()).toEqual([]);
  expect(serializeState(b)).toEqual(serializeState(a));
  reopened.close();
});

test('an empty store loads nothing: the sandbox starts from its seed', () => {
  const store = new SandboxStore(file());
  expect(store.load()).toBeUndefined();
  store.close();
});

test('a save writes what changed: the one entry of a big collection, not the collection', () => {
  const a = fresh();
  const order = [...a.orders.values()][0]!;
  for (let i = 0; i < 5_000; i++) a.orders.set(`ORD-BULK-${i}`, { ...order, orderId: `ORD-BULK-${i}` });
  const store = new SandboxStore(file());
  store.save(a);

  a.refunded.set('ORD-BULK-7', 100);
  a.pickups['PU-000009'] = { pickupId: 'PU-000009', caseId: 'AC-9', orderId: 'ORD-BULK-9', carrier: 'SF', trackingNumber: 'SF9', status: 'booked' };
  a.ledger.record({ key: 'k3', kind: 'refund', request: {}, result: {}, status: 201, fingerprint: 'h' });
  a.parcels.get([...a.parcels.keys()][0]!)!.events.push({ event: 'lost', occurredAt: '2026-12-01T09:00:00Z' }); // in place, not told: not seen
  const changes = stateChanges(a);
  expect([...changes.entries].map(([field, c]) => [field, c.all, [...c.rows.keys()]])).toEqual([
    ['refunded', false, ['ORD-BULK-7']],
    ['pickups', false, ['PU-000009']],
    ['ledger', false, ['k3']],
  ]);
  expect([...changes.fields.values()].filter((json) => json.includes('ORD-BULK'))).toEqual([]); // no field carries the orders whole
  store.save(a);
  expect(stateChanges(a).entries.size).toBe(0);
  a.pickups['PU-000009']!.status = 'cancelled';
  touch(a.pickups, 'PU-000009'); // changed in place, and told: seen after a save too
  expect([...stateChanges(a).entries.keys()]).toEqual(['pickups']);
  store.save(a);
  store.close();

  const b = fresh();
  const reopened = new SandboxStore(store.file);
  restoreState(b, reopened.load()!);
  expect(b.orders.size).toBe(a.orders.size);
  expect(b.orders.get('ORD-BULK-4999')).toEqual(a.orders.get('ORD-BULK-4999'));
  expect([...b.orders.keys()]).toEqual([...a.orders.keys()]); // in the order they were added
  expect(b.refunded.get('ORD-BULK-7')).toBe(100);
  expect(b.pickups['PU-000009']!.status).toBe('cancelled');
  expect(stateChanges(b).entries.size).toBe(0); // loaded from its rows: nothing to write back
  reopened.close();
});

test('a store the version before wrote whole loads, and its next save keeps it entry by entry', () => {
  const a = fresh();
  a.ledger.record({ key: 'k4', kind: 'coupon', caseId: 'AC-4', request: {}, result: { couponId: 'C-1' }, status: 201, fingerprint: 'i' });
  a.pickups['PU-000001'] = { pickupId: 'PU-000001', caseId: 'AC-4', orderId: 'ORD-1', carrier: 'SF', trackingNumber: 'SF1', status: 'booked' };
  const older = file();
  const db = new Database(older);
  db.exec('CREATE TABLE sandbox_state (field TEXT PRIMARY KEY, json TEXT NOT NULL, format INTEGER NOT NULL, saved_at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO sandbox_state VALUES (?, ?, 1, ?)');
  for (const [field, json] of serializeState(a)) insert.run(field, json, '2026-12-01T00:00:00Z');
  db.close();

  const store = new SandboxStore(older);
  const b = fresh();
  restoreState(b, store.load()!);
  expect(serializeState(b)).toEqual(serializeState(a));
  expect(b.ledger.lookup('k4', 'i').outcome).toBe('replay');
  expect(store.save(b)).toBe(true); // the whole rows become entries
  store.close();

  const check = new Database(older, { readonly: true });
  const whole = check.prepare('SELECT field, json FROM sandbox_state').all() as { field: string; json: string }[];
  expect(whole.filter((r) => /ORD-|"k4"/.test(r.json)).map((r) => r.field)).toEqual([]); // orders, pickups and the ledger are rows of their own now
  expect(check.prepare("SELECT key FROM sandbox_entries WHERE field = 'pickups'").all()).toEqual([{ key: 'PU-000001' }]);
  check.close();
  const c = fresh();
  const again = new SandboxStore(older);
  restoreState(c, again.load()!);
  expect(serializeState(c)).toEqual(serializeState(a));
  again.close();
});
