/**
 * GB/T 2260 administrative division codes: the first two digits of the six-digit code name the
 * province-level division. This table is geography, not policy, so it is not versioned.
 *
 * Remote (偏远) provinces: Inner Mongolia (15), Tibet (54), Qinghai (63), Xinjiang (65). Gansu (62)
 * and Ningxia (64) are deliberately NOT flagged remote: their capitals are regular hubs reached in
 * the standard delivery window, and they already sit in the Northwest region, which has no cold
 * chain and prefers EMS; flagging them would only lengthen their delivery deadline.
 */
import type { Region } from '../domain/types';

/** One province-level division of mainland China. */
export interface Province {
  code: string;
  name: string;
  region: Region;
  remote: boolean;
}

const p = (code: string, name: string, region: Region, remote = false): Province => ({ code, name, region, remote });

/** All 31 mainland province-level divisions, keyed by their two-digit GB/T 2260 code. */
export const PROVINCES: Readonly<Record<string, Province>> = Object.freeze(
  Object.fromEntries(
    [
      p('11', 'Beijing', 'North'),
      p('12', 'Tianjin', 'North'),
      p('13', 'Hebei', 'North'),
      p('14', 'Shanxi', 'North'),
      p('15', 'Inner Mongolia', 'North', true),
      p('21', 'Liaoning', 'Northeast'),
      p('22', 'Jilin', 'Northeast'),
      p('23', 'Heilongjiang', 'Northeast'),
      p('31', 'Shanghai', 'East'),
      p('32', 'Jiangsu', 'East'),
      p('33', 'Zhejiang', 'East'),
      p('34', 'Anhui', 'East'),
      p('35', 'Fujian', 'East'),
      p('36', 'Jiangxi', 'East'),
      p('37', 'Shandong', 'East'),
      p('41', 'Henan', 'Central'),
      p('42', 'Hubei', 'Central'),
      p('43', 'Hunan', 'Central'),
      p('44', 'Guangdong', 'South'),
      p('45', 'Guangxi', 'South'),
      p('46', 'Hainan', 'South'),
      p('50', 'Chongqing', 'Southwest'),
      p('51', 'Sichuan', 'Southwest'),
      p('52', 'Guizhou', 'Southwest'),
      p('53', 'Yunnan', 'Southwest'),
      p('54', 'Tibet', 'Southwest', true),
      p('61', 'Shaanxi', 'Northwest'),
      p('62', 'Gansu', 'Northwest'),
      p('63', 'Qinghai', 'Northwest', true),
      p('64', 'Ningxia', 'Northwest'),
      p('65', 'Xinjiang', 'Northwest', true),
    ].map((prov) => [prov.code, Object.freeze(prov)]),
  ),
);

/** GB/T 2260 province codes outside the mainland, which the product does not serve. */
const NON_MAINLAND: Readonly<Record<string, string>> = { '71': 'Taiwan', '81': 'Hong Kong', '82': 'Macau' };

const SIX_DIGITS = /^\d{6}$/;

/** Where a destination is: its province, region and whether it is remote. */
export interface DivisionRegion {
  provinceCode: string;
  province: string;
  region: Region;
  remote: boolean;
}

/** True for a six-digit code whose first two digits name a mainland province. */
export function isValidDivisionCode(code: string): boolean {
  return typeof code === 'string' && SIX_DIGITS.test(code) && PROVINCES[code.slice(0, 2)] !== undefined;
}

/** Province, region and remote flag of a six-digit GB/T 2260 code; throws on invalid or non-mainland codes. */
export function regionOfDivision(code: string): DivisionRegion {
  if (typeof code !== 'string' || !SIX_DIGITS.test(code)) {
    throw new Error(`Invalid GB/T 2260 division code ${JSON.stringify(code)}: expected 6 digits`);
  }
  const provinceCode = code.slice(0, 2);
  const outside = NON_MAINLAND[provinceCode];
  if (outside !== undefined) {
    throw new Error(`Division code ${code} is in ${outside}, outside the mainland regions served`);
  }
  const prov = PROVINCES[provinceCode];
  if (prov === undefined) {
    throw new Error(`Division code ${code} has unknown province code ${provinceCode}`);
  }
  return { provinceCode, province: prov.name, region: prov.region, remote: prov.remote };
}

/** The regional queue a case goes to when no named agent can be looked up (directory down). */
export function regionalQueueId(region: Region, role = 'specialist'): string {
  return `QUEUE-${region.toUpperCase()}-${role.toUpperCase()}`;
}
