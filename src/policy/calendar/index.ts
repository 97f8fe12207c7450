/**
 * Working calendars and working-time arithmetic for SLA clocks. Workflow-safe: no zod, no I/O, no
 * clock (instants are passed in as epoch ms).
 */
export * from './types';
export * from './civil';
export * from './shifts';
export * from './coverage';
export * from './validate';
export * from './working-time';
export * from './holidays-cn';
export * from './desks';
export * from './clock';
export * from './desk-tables';
export * from './horizon';
