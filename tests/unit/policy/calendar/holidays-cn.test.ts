// The committed holiday snapshot: the official 2026 schedule as chinese-days ships it, and a
// faithful copy of the package for every year snapshotted from the installed version.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HOLIDAYS_CN, holidayTableIssues } from '../../../../src/policy';

const pkgDir = dirname(require.resolve('chinese-days/package.json'));
const installed = `chinese-days@${(JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version}`;

const range = (from: number, to: number, month: string) => Array.from({ length: to - from + 1 }, (_, i) => `2026-${month}-${String(from + i).padStart(2, '0')}`);

describe('HOLIDAYS_CN snapshot', () => {
  test('covers 2025 and 2026 and is valid', () => {
    expect(Object.keys(HOLIDAYS_CN.years)).toEqual(['2025', '2026']);
    expect(holidayTableIssues(HOLIDAYS_CN)).toEqual([]);
  });

  const y2026 = HOLIDAYS_CN.years[2026];
  test.each([
    ['National Day 2026: Oct 1–7 closed', range(1, 7, '10'), 'closed'],
    ['National Day 2026: Sun Sep 20 and Sat Oct 10 worked', ['2026-09-20', '2026-10-10'], 'open'],
    ['Mid-autumn 2026: Sep 25–27 closed', range(25, 27, '09'), 'closed'],
    ['Spring Festival 2026: Feb 15–23 closed', range(15, 23, '02'), 'closed'],
    ['Spring Festival 2026: Sat Feb 14 and Sat Feb 28 worked', ['2026-02-14', '2026-02-28'], 'open'],
    ['New Year 2026: Jan 1–3 closed', range(1, 3, '01'), 'closed'],
    ['New Year 2026: Sun Jan 4 worked', ['2026-01-04'], 'open'],
  ] as const)('%s', (_, dates, kind) => {
    for (const date of dates) expect(Object.keys(y2026?.[kind] ?? {})).toContain(date);
  });

  test('lists exactly the six 2026 make-up working days', () => {
    expect(Object.keys(y2026?.open ?? {})).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  test('years snapshotted from the installed package equal the package data', () => {
    for (const [year, schedule] of Object.entries(HOLIDAYS_CN.years)) {
      expect(schedule.source).toMatch(/^chinese-days@\d+\.\d+\.\d+$/);
      if (schedule.source !== installed) continue; // pinned from an older version: kept as it was
      const shipped = JSON.parse(readFileSync(join(pkgDir, 'dist', 'years', `${year}.json`), 'utf8')) as { holidays: object; workdays: object };
      expect(Object.keys(schedule.closed)).toEqual(Object.keys(shipped.holidays).sort());
      expect(Object.keys(schedule.open)).toEqual(Object.keys(shipped.workdays).sort());
    }
  });
});
