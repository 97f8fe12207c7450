// tests/support/ports.ts: a stack's ports are drawn one by one, each free when drawn but not held,
// so two draws can name the same port; distinctPorts draws again until it has n different ones.
import { distinctPorts } from '../../support/ports';

const from = (seq: number[]) => {
  let i = 0;
  return async () => seq[i++ % seq.length]!;
};

test('a port drawn twice is drawn again, not handed to two servers', async () => {
  expect(await distinctPorts(4, from([26514, 26514, 21000, 26514, 30088, 21000, 24001]))).toEqual([26514, 21000, 30088, 24001]);
});

test('a picker that keeps naming the same ports is refused, not looped on forever', async () => {
  await expect(distinctPorts(3, from([20001, 20002]))).rejects.toThrow('no 3 distinct free ports in 60 draws');
});

test('by default the ports are real, free and different', async () => {
  const ports = await distinctPorts(4);
  expect(new Set(ports).size).toBe(4);
  for (const p of ports) expect(p).toBeGreaterThanOrEqual(20_000);
});
