/**
 * The ledger: every effect the sandbox's systems performed (refunds, reservations, parcels,
 * quarantines, coupons, messages), keyed by the caller's Idempotency-Key. A repeated request with
 * the same key and body gets the original answer and adds nothing; the same key with another body
 * is a caller bug, answered 409 `idempotency_key_reused`. Tests read it to prove "exactly one".
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { SandboxError, parse, sendError } from './http';
import { touch, TrackedMap } from './tracked';

export const LEDGER_KINDS = ['refund', 'reservation', 'release', 'shipment', 'pickup', 'pickup_cancellation', 'quarantine', 'coupon', 'notification'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface LedgerEntry {
  key: string;
  kind: LedgerKind;
  caseId?: string;
  /** The request as received (bodies carry ids and amounts, never personal data). */
  request: unknown;
  result: unknown;
  status: number;
  fingerprint: string;
  createdAt: string;
  /** How many times the same request came back and got this answer again. */
  replays: number;
}

export type LedgerLookup =
  | { outcome: 'new' }
  | { outcome: 'replay'; entry: LedgerEntry }
  | { outcome: 'conflict'; entry: LedgerEntry };

/** Key order-independent JSON, so `{a,b}` and `{b,a}` fingerprint alike. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function fingerprint(kind: LedgerKind, request: unknown): string {
  return createHash('sha256').update(`${kind}\n${stableStringify(request)}`).digest('hex');
}

export class Ledger {
  /** By Idempotency-Key; saved entry by entry (state.ts, store.ts). */
  readonly entries = new TrackedMap<LedgerEntry>();

  lookup(key: string, print: string): LedgerLookup {
    const entry = this.entries.get(key);
    if (!entry) return { outcome: 'new' };
    return entry.fingerprint === print ? { outcome: 'replay', entry } : { outcome: 'conflict', entry };
  }

  record(entry: Omit<LedgerEntry, 'replays' | 'createdAt'>): LedgerEntry {
    const full = { ...entry, createdAt: new Date().toISOString(), replays: 0 };
    this.entries.set(entry.key, full);
    return full;
  }

  list(filter: { kind?: string; caseId?: string; key?: string } = {}): LedgerEntry[] {
    return [...this.entries.values()].filter(
      (e) => (!filter.kind || e.kind === filter.kind) && (!filter.caseId || e.caseId === filter.caseId) && (!filter.key || e.key === filter.key),
    );
  }

  /** The same request came back and got the entry's answer again. */
  replayed(entry: LedgerEntry): void {
    entry.replays += 1;
    touch(this.entries, entry.key);
  }

  /** Puts back saved entries (state.ts). */
  load(entries: Iterable<readonly [string, LedgerEntry]>): void {
    this.entries.clear();
    for (const [key, entry] of entries) this.entries.set(key, entry);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Runs `perform` at most once per Idempotency-Key and answers with its result. `perform` must be
 * synchronous: the check and the effect then happen in one turn of the event loop, so two
 * concurrent requests with one key cannot both perform. Refusals (thrown SandboxErrors) are not
 * recorded, so a corrected retry can still succeed.
 */
export function respondOnce<T>(
  ledger: Ledger,
  req: Request,
  res: Response,
  what: { kind: LedgerKind; caseId?: string; request: unknown; status?: number | ((result: T) => number) },
  perform: (key: string) => T,
): void {
  const key = requireIdempotencyKey(req);
  const print = fingerprint(what.kind, what.request);
  const found = ledger.lookup(key, print);
  if (found.outcome === 'conflict') {
    return sendError(res, 409, 'idempotency_key_reused', 'This Idempotency-Key was used with a different request', { kind: found.entry.kind });
  }
  if (found.outcome === 'replay') {
    ledger.replayed(found.entry);
    res.set('Idempotent-Replayed', 'true').status(found.entry.status).json(found.entry.result);
    return;
  }
  const result = perform(key);
  const status = typeof what.status === 'function' ? what.status(result) : (what.status ?? 201);
  ledger.record({ key, kind: what.kind, caseId: what.caseId, request: what.request, result, status, fingerprint: print });
  res.status(status).json(result);
}

/** The request's Idempotency-Key, or 400 `idempotency_key_required`. */
export function requireIdempotencyKey(req: Request): string {
  const key = req.get('Idempotency-Key');
  if (!key) throw new SandboxError(400, 'idempotency_key_required', 'This call moves money, stock, parcels or messages: send an Idempotency-Key header');
  return key;
}

const byKeyQuery = z.object({ caseId: z.string().min(1).max(128) });

/**
 * Answers what was recorded under the Idempotency-Key in the path (`:key`) for the case in
 * `?caseId=`: the original answer (200), or 404 `notFoundCode` when nothing was, so a caller whose
 * answer was lost can tell "done" from "never happened". Refusals are not recorded: not found.
 */
export function answerRecorded(ledger: Ledger, req: Request, res: Response, kind: LedgerKind, notFoundCode: string): void {
  const { caseId } = parse(byKeyQuery, req.query);
  const [entry] = ledger.list({ kind, caseId, key: String(req.params.key) });
  if (!entry) throw new SandboxError(404, notFoundCode, `No ${kind} recorded under this Idempotency-Key for the case`);
  res.status(200).json(entry.result);
}
