/**
 * Collections of the sandbox's state that remember which entries changed since the last save, so a
 * save writes only those (store.ts): every order, parcel, reservation, refund total, remedy, pickup
 * and ledger entry is a row of its own, and a write costs the same with 10 orders or 100,000.
 *
 * Writes through set/delete (a Map) or a property write or delete (a record) are seen by
 * themselves; an entry changed in place (a parcel's events, a booking's status) is told with
 * touch(). A new collection, or one cleared, is saved whole.
 */

export interface Changes {
  /** Keys written, deleted or touched. */
  keys: Set<string>;
  /** Save the collection whole: it is new to the store, or was cleared. */
  all: boolean;
}

const changesOf = new WeakMap<object, Changes>();
const fresh = (all: boolean): Changes => ({ keys: new Set(), all });

export class TrackedMap<V> extends Map<string, V> {
  constructor(entries?: Iterable<readonly [string, V]>) {
    super();
    changesOf.set(this, fresh(true));
    if (entries) for (const [k, v] of entries) super.set(k, v);
  }

  override set(key: string, value: V): this {
    changesOf.get(this)!.keys.add(key);
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    changesOf.get(this)!.keys.add(key);
    return super.delete(key);
  }

  override clear(): void {
    changesOf.get(this)!.all = true;
    super.clear();
  }
}

/** A plain record whose property writes and deletes are seen (a copy of `record`). */
export function trackedRecord<V>(record: Record<string, V>): Record<string, V> {
  const changes = fresh(true);
  const proxy = new Proxy<Record<string, V>>(
    { ...record },
    {
      set(target, key, value) {
        if (typeof key === 'string') changes.keys.add(key);
        return Reflect.set(target, key, value);
      },
      deleteProperty(target, key) {
        if (typeof key === 'string') changes.keys.add(key);
        return Reflect.deleteProperty(target, key);
      },
    },
  );
  changesOf.set(proxy, changes);
  return proxy;
}

/** An entry of a tracked collection changed in place: save it again. */
export function touch(collection: object, key: string): void {
  changesOf.get(collection)?.keys.add(key);
}

export function isTracked(collection: unknown): boolean {
  return typeof collection === 'object' && collection !== null && changesOf.has(collection);
}

/** What changed in a tracked collection since it was last saved. */
export function pendingChanges(collection: object): Changes {
  const changes = changesOf.get(collection);
  if (!changes) throw new Error('not a tracked collection');
  return changes;
}

/** The store now holds the collection as it is: count changes afresh. */
export function markSaved(collection: object): void {
  const changes = changesOf.get(collection);
  if (!changes) return;
  changes.keys.clear(); // the same object: a record's traps hold it
  changes.all = false;
}
