/** The Prefer header (RFC 7240) as the action routes read it: only `return=minimal` asks for the minimal answer. */
import { PreferHeaderSchema, prefersMinimal } from '../../../src/api/cases/schemas';

test.each([
  ['return=minimal', true],
  ['RETURN=Minimal', true],
  ['return="minimal"', true],
  [' return = minimal ', true],
  ['respond-async, return=minimal', true],
  ['return=minimal; foo=bar', true],
  ['wait=10,return=minimal', true],
  ['return=minimal, return=representation', true],
])('%j asks for the minimal answer', (header, expected) => {
  expect(prefersMinimal(header)).toBe(expected);
});

test.each([[undefined], [''], ['return=representation'], ['respond-async'], ['minimal'], ['return'], ['return=minimalist'], ['x-return=minimal'], ['foo; return=minimal'], ['return=representation, return=minimal']])(
  '%j does not',
  (header) => {
    expect(prefersMinimal(header)).toBe(false);
  },
);

test('an overlong Prefer header is a validation error, not ignored', () => {
  expect(PreferHeaderSchema.safeParse('return=minimal,'.repeat(100)).success).toBe(false);
  expect(PreferHeaderSchema.safeParse('return=minimal').success).toBe(true);
  expect(PreferHeaderSchema.safeParse(undefined).success).toBe(true);
});
