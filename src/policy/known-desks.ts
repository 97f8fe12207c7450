/**
 * Every desk a case can be at or be reassigned to: each region's desk and every desk a policy's
 * table names. A desk outside this list is a typo: it would count the merchant's clocks on the
 * fallback calendar, silently. (The API refuses it; see src/api/cases/actions.ts.)
 */
import { REGIONS } from '../domain/types';
import { DESK_TABLES, initialDesk } from './calendar';

export function knownDesks(): string[] {
  const named = Object.values(DESK_TABLES).flatMap((table) => Object.keys(table.desks));
  return [...new Set([...REGIONS.map((r) => initialDesk(r, 'P3', false)), ...named])].sort();
}
