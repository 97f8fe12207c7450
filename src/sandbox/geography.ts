/** Where things are: the mainland regions by GB/T 2260 province code, and one warehouse per region. */
import type { Region } from '../domain/types';

/** One warehouse per region; a reservation tries the case's region first. */
export const WAREHOUSES: Record<Region, string> = {
  East: 'WH-EAST-SH', South: 'WH-SOUTH-GZ', North: 'WH-NORTH-BJ', Central: 'WH-CENTRAL-WH',
  Southwest: 'WH-SOUTHWEST-CD', Northwest: 'WH-NORTHWEST-XA', Northeast: 'WH-NORTHEAST-SY',
};

const PROVINCE_REGION: Record<string, Region> = {
  '11': 'North', '12': 'North', '13': 'North', '14': 'North', '15': 'North',
  '21': 'Northeast', '22': 'Northeast', '23': 'Northeast',
  '31': 'East', '32': 'East', '33': 'East', '34': 'East', '35': 'East', '36': 'East', '37': 'East',
  '41': 'Central', '42': 'Central', '43': 'Central', '44': 'South', '45': 'South', '46': 'South',
  '50': 'Southwest', '51': 'Southwest', '52': 'Southwest', '53': 'Southwest', '54': 'Southwest',
  '61': 'Northwest', '62': 'Northwest', '63': 'Northwest', '64': 'Northwest', '65': 'Northwest',
};

/** The warehouse serving a GB/T 2260 division code (East for anything unknown). */
export function warehouseFor(divisionCode: string): string {
  return WAREHOUSES[PROVINCE_REGION[divisionCode.slice(0, 2)] ?? 'East'];
}

/** The region of a GB/T 2260 division code, or undefined when the province is unknown. */
export function regionOf(divisionCode: string): Region | undefined {
  return PROVINCE_REGION[divisionCode.slice(0, 2)];
}
