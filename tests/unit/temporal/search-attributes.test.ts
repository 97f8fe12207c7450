import { missingSearchAttributes, searchAttributeFlags } from '../../../src/temporal/search-attributes';
import { CASE_SEARCH_ATTRIBUTES, OPENED_AT } from '../../../src/workflows/case/search-attributes';

/** A connection whose operator service lists `names` as the namespace's custom attributes, or refuses. */
function connectionListing(names: string[] | 'refused') {
  return {
    operatorService: {
      listSearchAttributes: async () => {
        if (names === 'refused') throw new Error('PermissionDenied');
        return { customAttributes: Object.fromEntries(names.map((n) => [n, 2])) };
      },
    },
  } as unknown as Parameters<typeof missingSearchAttributes>[0];
}

const ALL = CASE_SEARCH_ATTRIBUTES.map((k) => k.name);

test('a namespace registered before OpenedAt lacks exactly OpenedAt', async () => {
  expect(await missingSearchAttributes(connectionListing(ALL.filter((n) => n !== OPENED_AT.name)), 'aftercase')).toEqual(['OpenedAt']);
});

test('a namespace with every case attribute lacks none; one that cannot be read is unknown', async () => {
  expect(await missingSearchAttributes(connectionListing([...ALL, 'CustomKeywordField']), 'aftercase')).toEqual([]);
  expect(await missingSearchAttributes(connectionListing('refused'), 'aftercase')).toBeUndefined();
});

test('the dev server is started with every case attribute, OpenedAt as a Datetime', () => {
  expect(searchAttributeFlags()).toContain('OpenedAt=Datetime');
  expect(searchAttributeFlags().filter((f) => f === '--search-attribute')).toHaveLength(ALL.length);
});
