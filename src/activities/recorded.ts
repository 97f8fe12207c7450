/**
 * Look-ups of what a system recorded under an idempotency key, for a movement whose answer was lost
 * (the call timed out: did the money, stock or parcel move?). The system answers the original
 * result, or 404 with its own "nothing recorded" code. Only that code means "not found": any other
 * 404 (a wrong base URL, an unknown route) stays a failure, so a misconfiguration can never read as
 * "it never happened" and make a workflow pay or ship again.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import type { SystemClient } from './http';
import type { LookupMovementInput } from './types';

function isNothingRecorded(err: unknown, notFoundCode: string): boolean {
  if (!(err instanceof ApplicationFailure) || !err.type?.endsWith('NotFound')) return false;
  const details = err.details?.[0] as { code?: unknown } | undefined;
  return details?.code === notFoundCode;
}

/** GET `<collection>/by-key/<key>?caseId=`: the recorded answer, or undefined when nothing was recorded. */
export async function recordedUnder<T>(
  client: SystemClient,
  collection: string,
  { caseId, idempotencyKey }: LookupMovementInput,
  notFoundCode: string,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  try {
    return await client({ method: 'GET', path: `${collection}/by-key/${encodeURIComponent(idempotencyKey)}`, query: { caseId } }, schema);
  } catch (err) {
    if (isNothingRecorded(err, notFoundCode)) return undefined;
    throw err;
  }
}
