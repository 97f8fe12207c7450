/**
 * The external systems a case talks to. The adapters (src/activities, one folder each) and the
 * sandbox that plays them (src/sandbox, one router each) both name them from here. Plain constants
 * only, so workflow code may import it too.
 */
export const SYSTEMS = ['orders', 'payments', 'warehouse', 'carriers', 'verification', 'agents', 'notifications', 'coupons'] as const;
export type SystemName = (typeof SYSTEMS)[number];
