/**
 * Damage verification: scores evidence photos in [0, 1]. The score follows the photo, so tests and
 * demos choose the outcome by URL: `score=0.83` → 0.83, `fake`/`stock-photo` → 0.1, `blurry` → 0.4,
 * `damaged`/`spoiled` → 0.9, anything else a stable hash-based value in [0.3, 0.95]. Several photos:
 * the best one counts, unless one looks fraudulent, then the worst one does.
 */
import { Router } from 'express';
import { z } from 'zod';
import { CASE_TYPES } from '../domain/types';
import { parse } from './http';
import type { SandboxState } from './state';

export interface PhotoVerdict { score: number; reason: string }

const round2 = (x: number) => Math.round(x * 100) / 100;

/** FNV-1a, 32 bit: a stable hash of the URL. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The verdict on one photo, from its URL alone. */
export function scorePhotoUrl(url: string): PhotoVerdict {
  const lower = url.toLowerCase();
  const explicit = /score=(\d+(?:\.\d+)?)/.exec(lower);
  if (explicit?.[1] !== undefined) return { score: round2(Math.min(1, Number(explicit[1]))), reason: 'explicit_score' };
  if (/fake|stock-photo/.test(lower)) return { score: 0.1, reason: 'suspected_stock_or_fake_photo' };
  if (lower.includes('blurry')) return { score: 0.4, reason: 'photo_blurry' };
  if (/damaged|spoiled/.test(lower)) return { score: 0.9, reason: 'damage_clearly_visible' };
  return { score: round2(0.3 + (hash(url) / 0xffffffff) * 0.65), reason: 'model_estimate' };
}

/** The verdict on a set of photos. */
export function scorePhotos(urls: string[]): { score: number; reasons: string[] } {
  const verdicts = urls.map(scorePhotoUrl);
  const fraud = verdicts.some((v) => v.reason === 'suspected_stock_or_fake_photo');
  const scores = verdicts.map((v) => v.score);
  return { score: fraud ? Math.min(...scores) : Math.max(...scores), reasons: [...new Set(verdicts.map((v) => v.reason))] };
}

const scoreSchema = z.strictObject({
  caseId: z.string().min(1).max(128),
  caseType: z.enum(CASE_TYPES),
  photos: z.array(z.strictObject({ url: z.string().min(1).max(2048).refine((u) => !u.startsWith('data:'), 'No data URIs'), kind: z.enum(['parcel', 'item', 'label', 'other']).optional() })).min(1).max(20),
});

export function verificationRouter(_state: SandboxState): Router {
  const router = Router();
  /** Scores the photos of a claim. Read-only: no ledger entry, safe to repeat. */
  router.post('/photo-scores', (req, res) => {
    const body = parse(scoreSchema, req.body);
    res.json(scorePhotos(body.photos.map((p) => p.url)));
  });
  return router;
}
