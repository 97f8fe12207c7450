import { REGIONS } from '../../../src/domain/types';
import { isValidDivisionCode, PROVINCES, regionalQueueId, regionOfDivision } from '../../../src/policy';

// [code, province, region, remote] — GB/T 2260 province codes of all 31 mainland divisions.
const TABLE = [
  ['110101', 'Beijing', 'North', false],
  ['120101', 'Tianjin', 'North', false],
  ['130102', 'Hebei', 'North', false],
  ['140105', 'Shanxi', 'North', false],
  ['150102', 'Inner Mongolia', 'North', true],
  ['210102', 'Liaoning', 'Northeast', false],
  ['220102', 'Jilin', 'Northeast', false],
  ['230102', 'Heilongjiang', 'Northeast', false],
  ['310101', 'Shanghai', 'East', false],
  ['320102', 'Jiangsu', 'East', false],
  ['330102', 'Zhejiang', 'East', false],
  ['340102', 'Anhui', 'East', false],
  ['350102', 'Fujian', 'East', false],
  ['360102', 'Jiangxi', 'East', false],
  ['370102', 'Shandong', 'East', false],
  ['410102', 'Henan', 'Central', false],
  ['420102', 'Hubei', 'Central', false],
  ['430102', 'Hunan', 'Central', false],
  ['440103', 'Guangdong', 'South', false],
  ['450102', 'Guangxi', 'South', false],
  ['460105', 'Hainan', 'South', false],
  ['500101', 'Chongqing', 'Southwest', false],
  ['510104', 'Sichuan', 'Southwest', false],
  ['520102', 'Guizhou', 'Southwest', false],
  ['530102', 'Yunnan', 'Southwest', false],
  ['540102', 'Tibet', 'Southwest', true],
  ['610102', 'Shaanxi', 'Northwest', false],
  ['620102', 'Gansu', 'Northwest', false],
  ['630102', 'Qinghai', 'Northwest', true],
  ['640104', 'Ningxia', 'Northwest', false],
  ['650102', 'Xinjiang', 'Northwest', true],
] as const;

describe('regionOfDivision', () => {
  test('the table covers exactly the 31 mainland provinces', () => {
    expect(Object.keys(PROVINCES).sort()).toEqual(TABLE.map(([c]) => c.slice(0, 2)).sort());
    expect(Object.keys(PROVINCES)).toHaveLength(31);
  });

  test.each(TABLE)('%s → %s, %s, remote=%s', (code, province, region, remote) => {
    expect(regionOfDivision(code)).toEqual({ provinceCode: code.slice(0, 2), province, region, remote });
    expect(isValidDivisionCode(code)).toBe(true);
  });

  test('every region has at least one province', () => {
    const seen = new Set(TABLE.map(([, , r]) => r));
    expect([...seen].sort()).toEqual([...REGIONS].sort());
  });

  test.each([
    ['710000', /Taiwan/],
    ['810000', /Hong Kong/],
    ['820000', /Macau/],
    ['990000', /unknown province code 99/],
    ['000000', /unknown province code 00/],
    ['160000', /unknown province code 16/],
    ['11010', /6 digits/],
    ['1101011', /6 digits/],
    ['11a101', /6 digits/],
    ['', /6 digits/],
    [' 110101', /6 digits/],
  ])('%j throws %p', (code, message) => {
    expect(() => regionOfDivision(code)).toThrow(message);
    expect(isValidDivisionCode(code)).toBe(false);
  });

  test('non-string input is invalid, not a crash', () => {
    expect(isValidDivisionCode(110101 as unknown as string)).toBe(false);
    expect(() => regionOfDivision(undefined as unknown as string)).toThrow(/6 digits/);
  });
});

test('regionalQueueId names the region and role, never a person', () => {
  expect(regionalQueueId('East')).toBe('QUEUE-EAST-SPECIALIST');
  expect(regionalQueueId('Northwest', 'team_lead')).toBe('QUEUE-NORTHWEST-TEAM_LEAD');
});
