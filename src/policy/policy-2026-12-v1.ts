/**
 * Policy version 2026-12-v1: the 2026-11-v1 tables unchanged; what is new is that its desks count
 * the merchant's clocks on working calendars (see ./calendar/desk-tables.ts, DESK_TABLES).
 */
import type { PolicyConfig } from './config';
import { POLICY_2026_11_V1 } from './policy-2026-11-v1';

/** The 2026-12-v1 policy tables. */
export const POLICY_2026_12_V1: PolicyConfig = { ...POLICY_2026_11_V1, version: '2026-12-v1' };
