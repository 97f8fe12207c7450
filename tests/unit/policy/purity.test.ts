// Guards the rules of src/policy: workflow-safe (no zod outside schema.ts, no Node built-ins,
// no clocks or randomness), and schema.ts never imported by another policy file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(__dirname, '../../../src/policy');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
const workflowSafe = files.filter((f) => f !== 'schema.ts');
const importsOf = (src: string): string[] => [...src.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1] as string);

describe('src/policy purity', () => {
  test('the policy folder has its modules', () => {
    expect(files).toEqual(expect.arrayContaining(['index.ts', 'config.ts', 'versions.ts', 'schema.ts']));
  });

  test.each(workflowSafe)('%s imports only policy and domain modules', (file) => {
    const src = readFileSync(join(dir, file), 'utf8');
    // The domain modules a policy may read: its types and the message templates (constants, no imports of their own).
    const bad = importsOf(src).filter((m) => !(m.startsWith('./') && m !== './schema') && m !== '../domain/types' && m !== '../domain/messages');
    expect(bad).toEqual([]);
  });

  test.each(workflowSafe)('%s uses no clock or randomness', (file) => {
    const src = readFileSync(join(dir, file), 'utf8');
    // `new Date()` reads the clock; `new Date(instant)` only converts one (units.ts's addMinutes).
    expect(src).not.toMatch(/Date\.now|new Date(?!\(\s*[^\s)])|Math\.random|performance\.now|process\./);
  });
});
