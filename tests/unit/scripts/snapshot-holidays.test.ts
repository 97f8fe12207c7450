// The holiday snapshot script: reproduces the committed data, refuses a year the package does not
// ship, and never rewrites a year already snapshotted. Writes only to a temporary folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshot, snapshotHolidays } from '../../../scripts/snapshot-holidays';
import { HOLIDAYS_CN } from '../../../src/policy';

const committed = join(__dirname, '../../../src/policy/calendar/holidays-cn.ts');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'snapshot-holidays-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('snapshot-holidays', () => {
  test('the committed snapshot is what the script writes for its years, byte for byte', () => {
    const out = join(dir, 'holidays-cn.ts');
    snapshotHolidays(Object.keys(HOLIDAYS_CN.years).map(Number), out);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(committed, 'utf8'));
    expect(readSnapshot(out)).toEqual(HOLIDAYS_CN);
  });

  test('a year the package does not ship is refused and nothing is written', () => {
    const out = join(dir, 'holidays-cn.ts');
    expect(() => snapshotHolidays([2026, 2027], out)).toThrow(/ships no schedule for 2027/);
    expect(existsSync(out)).toBe(false);
  });

  test('years are added, kept years stay as they are', () => {
    const out = join(dir, 'holidays-cn.ts');
    snapshotHolidays([2026], out);
    expect(Object.keys(snapshotHolidays([2025], out).years)).toEqual(['2025', '2026']);
  });

  test('a kept year the package now gives differently stops the script without writing', () => {
    const out = join(dir, 'holidays-cn.ts');
    snapshotHolidays([2026], out);
    const tampered = readFileSync(out, 'utf8').replace('"2026-10-10"', '"2026-10-11"');
    writeFileSync(out, tampered);
    expect(() => snapshotHolidays([2026], out)).toThrow(/2026 in .* differs from chinese-days@/);
    expect(readFileSync(out, 'utf8')).toBe(tampered);
  });
});
