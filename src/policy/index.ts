/**
 * The policy layer: typed, versioned configuration and pure deterministic functions over it.
 * Safe to import from workflow code (no zod, no I/O). The zod schema lives in ./schema, which only
 * the worker and API import.
 */
export * from './units';
export * from './config';
export * from './versions';
export * from './regions';
export * from './triage';
export * from './ladder';
export * from './evidence';
export * from './claims';
export * from './resolution';
export * from './carriers';
export * from './waiting';
export * from './calendar';
