/**
 * The sandbox's world through its SQLite store: every data field (Maps, the Ledger's entries, fields
 * added later) comes back as it was; only changed fields are written; wiring is never persisted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createState, disposeState, resetState, restoreState, serializeState, type SandboxState } from '../../../src/sandbox/state';
import { SandboxStore } from '../../../src/sandbox/store';

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
  expect(store.save(serializeState(a))).toBe(true);
  expect(store.save(serializeState(a))).toBe(false); // nothing changed: nothing written
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
  store.save(serializeState(a));
  resetState(a);
  expect(store.save(serializeState(a))).toBe(true);
  store.close();
  const reopened = new SandboxStore(store.file);
  const b = fresh();
  restoreState(b, reopened.load()!);
  expect(b.ledger.list()).toEqual([]);
  reopened.close();
});

test('an empty store loads nothing: the sandbox starts from its seed', () => {
  const store = new SandboxStore(file());
  expect(store.load()).toBeUndefined();
  store.close();
});
