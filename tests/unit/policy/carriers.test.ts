import type { Carrier, Region } from '../../../src/domain/types';
import type { PolicyConfig } from '../../../src/policy';
import { chooseCarrier, coldChainReaches, deliveryDeadlineMinutes, policyFor, regionOfDivision } from '../../../src/policy';

const policy = policyFor('2026-11-v1');
type DeepMutable<T> = { -readonly [K in keyof T]: DeepMutable<T[K]> };
const variant = (edit: (p: DeepMutable<PolicyConfig>) => void): PolicyConfig => {
  const copy = structuredClone(policy) as DeepMutable<PolicyConfig>;
  edit(copy);
  return copy;
};

type Expect = Carrier | 'no_cold_chain';
// [region, remote, perishable, expected carrier or no-carrier reason, score]
const MATRIX: ReadonlyArray<readonly [Region, boolean, boolean, Expect, number | null]> = [
  ['East', false, false, 'SF', 0.97],
  ['East', false, true, 'SF', 0.97],
  ['South', false, false, 'SF', 0.964],
  ['South', false, true, 'SF', 0.964],
  ['North', false, false, 'SF', 0.96],
  ['North', false, true, 'SF', 0.96],
  ['North', true, false, 'EMS', 1.15],
  ['North', true, true, 'no_cold_chain', null],
  ['Central', false, false, 'SF', 0.94],
  ['Central', false, true, 'SF', 0.94],
  ['Northeast', false, false, 'SF', 0.926],
  ['Northeast', false, true, 'SF', 0.926],
  ['Southwest', false, false, 'EMS', 1.156],
  ['Southwest', false, true, 'SF', 0.859],
  ['Southwest', true, false, 'EMS', 1.156],
  ['Southwest', true, true, 'no_cold_chain', null],
  ['Northwest', false, false, 'EMS', 1.156],
  ['Northwest', false, true, 'no_cold_chain', null],
  ['Northwest', true, false, 'EMS', 1.156],
  ['Northwest', true, true, 'no_cold_chain', null],
];

describe('chooseCarrier: every region × remote × perishable', () => {
  test.each(MATRIX)('%s remote=%s perishable=%s → %s', (region, remote, perishable, expected, score) => {
    const choice = chooseCarrier(policy, { region, remote, perishable });
    if (expected === 'no_cold_chain') {
      expect(choice).toEqual({ carrier: null, reason: 'no_cold_chain' });
    } else {
      expect(choice).toMatchObject({ carrier: expected, score });
    }
  });
});

describe('chooseCarrier: stories from the field', () => {
  const to = (code: string, perishable: boolean) => {
    const { region, remote } = regionOfDivision(code);
    return chooseCarrier(policy, { region, remote, perishable });
  };

  test('Xinjiang lipstick goes by EMS, coverage and EMS preference stated', () => {
    const c = to('650102', false);
    expect(c.carrier).toBe('EMS');
    expect(c).toMatchObject({ reasons: expect.arrayContaining(['remote destination: coverage weighs more, EMS preferred']) });
  });

  test('Shanghai seafood goes by a cold-chain carrier', () => {
    const c = to('310101', true);
    expect(c.carrier).not.toBeNull();
    expect(coldChainReaches(policy, c.carrier as Carrier, 'East', false)).toBe(true);
    expect(c).toMatchObject({ carrier: 'SF', reasons: expect.arrayContaining(['perishable: cold chain required']) });
  });

  test('Xinjiang fresh food has no cold chain', () => {
    expect(to('650102', true)).toEqual({ carrier: null, reason: 'no_cold_chain' });
  });

  test('Inner Mongolia (remote, North) prefers EMS even though SF leads the North', () => {
    expect(to('150102', false).carrier).toBe('EMS');
    expect(to('110101', false).carrier).toBe('SF');
  });
});

describe('chooseCarrier: table mechanics', () => {
  test('without SF cold chain in the East, JD (cold chain) takes Shanghai seafood', () => {
    const p = variant((c) => { c.carriers.table.SF.East.coldChain = false; });
    expect(chooseCarrier(p, { region: 'East', remote: false, perishable: true }).carrier).toBe('JD');
  });

  test('no carrier above the minimum coverage → no_coverage', () => {
    const p = variant((c) => { c.carriers.minCoverage = 0.99; });
    expect(chooseCarrier(p, { region: 'East', remote: false, perishable: false })).toEqual({ carrier: null, reason: 'no_coverage' });
  });

  test('a carrier below the minimum coverage is skipped even if it scores best', () => {
    const p = variant((c) => { c.carriers.minCoverage = 0.975; });
    expect(chooseCarrier(p, { region: 'East', remote: false, perishable: false }).carrier).toBe('EMS');
  });

  test('equal scores fall to the tie-break order', () => {
    const same = { coverage: 0.9, onTime: 0.9, coldChain: false };
    const p = variant((c) => {
      for (const k of ['SF', 'EMS', 'JD', 'ZTO'] as const) c.carriers.table[k].Central = { ...same };
      c.carriers.tieBreak = ['ZTO', 'EMS', 'JD', 'SF'];
    });
    expect(chooseCarrier(p, { region: 'Central', remote: false, perishable: false }).carrier).toBe('ZTO');
  });

  test('when remote cold chains are allowed, remote perishables use the regional table', () => {
    const p = variant((c) => { c.carriers.coldChainExcludesRemote = false; });
    expect(chooseCarrier(p, { region: 'North', remote: true, perishable: true }).carrier).toBe('SF');
  });
});

describe('deliveryDeadlineMinutes', () => {
  test.each([
    ['East', false, 4 * 1440],
    ['South', false, 4 * 1440],
    ['North', false, 4 * 1440],
    ['Central', false, 4 * 1440],
    ['Northeast', false, 5 * 1440],
    ['Southwest', false, 5 * 1440],
    ['Northwest', false, 6 * 1440],
    ['North', true, 7 * 1440],
    ['Southwest', true, 7 * 1440],
    ['Northwest', true, 7 * 1440],
  ] as const)('%s remote=%s: %d minutes', (region, remote, minutes) => {
    expect(deliveryDeadlineMinutes(policy, region, remote)).toBe(minutes);
  });
});
