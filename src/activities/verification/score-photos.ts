import { z } from 'zod';
import type { SystemClient } from '../http';
import type { PhotoScore, ScorePhotosInput } from '../types';

const scoreSchema: z.ZodType<PhotoScore> = z.object({ score: z.number().min(0).max(1), reasons: z.array(z.string()) });

/** Scores evidence photos in [0, 1] (现场拍照核实). Read-only, safe to repeat. */
export function scorePhotos(verification: SystemClient) {
  return ({ caseId, caseType, photos }: ScorePhotosInput): Promise<PhotoScore> =>
    verification({ method: 'POST', path: '/photo-scores', body: { caseId, caseType, photos } }, scoreSchema);
}
