// src/policy/calendar is imported by workflow code: no zod, no Node built-ins, no clock or
// randomness, imports only from the calendar folder and the policy units.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(__dirname, '../../../../src/policy/calendar');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
const importsOf = (src: string): string[] => [...src.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1] as string);

describe('src/policy/calendar purity', () => {
  test('the folder has its modules', () => {
    expect(files).toEqual(expect.arrayContaining(['index.ts', 'types.ts', 'working-time.ts', 'holidays-cn.ts', 'desks.ts']));
  });

  test.each(files)('%s imports only calendar modules and ../units', (file) => {
    const bad = importsOf(readFileSync(join(dir, file), 'utf8')).filter((m) => !m.startsWith('./') && m !== '../units');
    expect(bad).toEqual([]);
  });

  test.each(files)('%s uses no clock or randomness', (file) => {
    expect(readFileSync(join(dir, file), 'utf8')).not.toMatch(/Date\.now|new Date|Math\.random|performance\.now|process\.|Intl\./);
  });
});
