/**
 * Where the sandbox keeps its world between runs: a SQLite file (better-sqlite3) in the data
 * directory. The small fields of the sandbox state (stock, faults, counters, …) are one row each, as
 * JSON, written when their JSON changed; the collections that grow with every order and case
 * (orders, parcels, the ledger, …: state.ts KEYED_FIELDS) are one row per entry, written when that
 * entry changed. So a save costs what changed, not the size of the world. Saves are synchronous and
 * transactional. WAL with synchronous=NORMAL: a crash of the process loses nothing written; only a
 * power loss may lose the last transactions.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { savedAll, stateChanges, type SandboxState, type SavedState, type StateChanges } from './state';

const FORMAT = 1;

export class SandboxStore {
  private readonly db: Database.Database;
  private readonly saved = new Map<string, string>();

  /** Prepared once: a save runs on every mutating request. */
  private readonly statements: Record<'upsert' | 'remove' | 'upsertEntry' | 'removeEntry' | 'removeEntries', Database.Statement>;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS sandbox_state (
      field TEXT PRIMARY KEY, json TEXT NOT NULL, format INTEGER NOT NULL, saved_at TEXT NOT NULL)`);
    // A rowid table: rows load in the order their entries were added (an update keeps its row).
    this.db.exec(`CREATE TABLE IF NOT EXISTS sandbox_entries (
      field TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, saved_at TEXT NOT NULL, UNIQUE (field, key))`);
    this.statements = {
      upsert: this.db.prepare(
        'INSERT INTO sandbox_state (field, json, format, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT(field) DO UPDATE SET json = excluded.json, format = excluded.format, saved_at = excluded.saved_at',
      ),
      remove: this.db.prepare('DELETE FROM sandbox_state WHERE field = ?'),
      upsertEntry: this.db.prepare(
        'INSERT INTO sandbox_entries (field, key, json, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT(field, key) DO UPDATE SET json = excluded.json, saved_at = excluded.saved_at',
      ),
      removeEntry: this.db.prepare('DELETE FROM sandbox_entries WHERE field = ? AND key = ?'),
      removeEntries: this.db.prepare('DELETE FROM sandbox_entries WHERE field = ?'),
    };
  }

  /** The saved world, or undefined when nothing was saved yet (a fresh sandbox). */
  load(): SavedState | undefined {
    const rows = this.db.prepare('SELECT field, json FROM sandbox_state WHERE format = ?').all(FORMAT) as { field: string; json: string }[];
    const entryRows = this.db.prepare('SELECT field, key, json FROM sandbox_entries ORDER BY rowid').all() as { field: string; key: string; json: string }[];
    if (rows.length === 0 && entryRows.length === 0) return undefined;
    for (const r of rows) this.saved.set(r.field, r.json);
    const entries = new Map<string, Map<string, string>>();
    for (const r of entryRows) {
      if (!entries.has(r.field)) entries.set(r.field, new Map());
      entries.get(r.field)!.set(r.key, r.json);
    }
    return { fields: new Map(this.saved), entries };
  }

  /** Saves what changed in `state` since its last save or load; true when anything was written. */
  save(state: SandboxState): boolean {
    const wrote = this.write(stateChanges(state));
    savedAll(state); // only once written: a failed write leaves the changes to the next save
    return wrote;
  }

  /**
   * Writes, in one transaction, the whole fields whose JSON changed since the last save or load
   * (and drops those the state no longer has) and the changed entries; true when anything was written.
   */
  private write(changes: StateChanges): boolean {
    const changed = [...changes.fields].filter(([name, json]) => this.saved.get(name) !== json);
    const gone = [...this.saved.keys()].filter((name) => !changes.fields.has(name));
    if (changed.length === 0 && gone.length === 0 && changes.entries.size === 0) return false;
    const { upsert, remove, upsertEntry, removeEntry, removeEntries } = this.statements;
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const [name, json] of changed) upsert.run(name, json, FORMAT, now);
      for (const name of gone) remove.run(name);
      for (const [name, { all, rows }] of changes.entries) {
        if (all) removeEntries.run(name);
        for (const [key, json] of rows) {
          if (json === undefined) removeEntry.run(name, key);
          else upsertEntry.run(name, key, json, now);
        }
      }
    })();
    for (const [name, json] of changed) this.saved.set(name, json);
    for (const name of gone) this.saved.delete(name);
    return true;
  }

  close(): void {
    this.db.close();
  }
}
