/**
 * Where the sandbox keeps its world between runs: a SQLite file (better-sqlite3) in the data
 * directory, one row per field of the sandbox state (orders, stock, ledger, faults, …) as JSON.
 * Saves are synchronous and transactional and write only the fields whose JSON changed. WAL with
 * synchronous=NORMAL: a crash of the process loses nothing written; only a power loss may lose the
 * last transactions.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const FORMAT = 1;

export class SandboxStore {
  private readonly db: Database.Database;
  private readonly saved = new Map<string, string>();

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS sandbox_state (
      field TEXT PRIMARY KEY, json TEXT NOT NULL, format INTEGER NOT NULL, saved_at TEXT NOT NULL)`);
  }

  /** The saved fields, or undefined when nothing was saved yet (a fresh sandbox). */
  load(): Map<string, string> | undefined {
    const rows = this.db.prepare('SELECT field, json FROM sandbox_state WHERE format = ?').all(FORMAT) as { field: string; json: string }[];
    if (rows.length === 0) return undefined;
    for (const r of rows) this.saved.set(r.field, r.json);
    return new Map(this.saved);
  }

  /** Writes the fields that changed since the last save or load; true when anything was written. */
  save(fields: ReadonlyMap<string, string>): boolean {
    const changed = [...fields].filter(([name, json]) => this.saved.get(name) !== json);
    const gone = [...this.saved.keys()].filter((name) => !fields.has(name));
    if (changed.length === 0 && gone.length === 0) return false;
    const upsert = this.db.prepare(
      'INSERT INTO sandbox_state (field, json, format, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT(field) DO UPDATE SET json = excluded.json, format = excluded.format, saved_at = excluded.saved_at',
    );
    const remove = this.db.prepare('DELETE FROM sandbox_state WHERE field = ?');
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const [name, json] of changed) upsert.run(name, json, FORMAT, now);
      for (const name of gone) remove.run(name);
    })();
    for (const [name, json] of changed) this.saved.set(name, json);
    for (const name of gone) this.saved.delete(name);
    return true;
  }

  close(): void {
    this.db.close();
  }
}
