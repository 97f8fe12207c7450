/**
 * Where things are: one warehouse per region, and the region of a GB/T 2260 division code from the
 * one province table (src/policy/regions.ts).
 */
import type { Region } from '../domain/types';
import { PROVINCES } from '../policy/regions';

/** One warehouse per region; a reservation tries the case's region first. */
export const WAREHOUSES: Record<Region, string> = {
  East: 'WH-EAST-SH', South: 'WH-SOUTH-GZ', North: 'WH-NORTH-BJ', Central: 'WH-CENTRAL-WH',
  Southwest: 'WH-SOUTHWEST-CD', Northwest: 'WH-NORTHWEST-XA', Northeast: 'WH-NORTHEAST-SY',
};

/** The region of a GB/T 2260 division code, or undefined when the province is not a mainland one. */
export function regionOf(divisionCode: string): Region | undefined {
  return PROVINCES[divisionCode.slice(0, 2)]?.region;
}

/** The warehouse serving a GB/T 2260 division code (East for anything unknown). */
export function warehouseFor(divisionCode: string): string {
  return WAREHOUSES[regionOf(divisionCode) ?? 'East'];
}
