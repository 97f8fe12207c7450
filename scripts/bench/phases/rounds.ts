/**
 * Interleaved measurement: the sides of a comparison (case and floor, API and raw start) measured
 * in alternating rounds on one server, so a change in the shared machine's load during the run
 * falls on every side alike, and each side's figure is the median of its rounds.
 */

/**
 * The order to measure `sides` in, round by round, as [round, side] pairs: forwards in even
 * rounds, backwards in odd ones, the list rotated by one every two rounds, so no side always goes
 * first or last. Two sides run A B, B A, B A, A B (ABBA BAAB: a steady drift in the machine's load
 * falls on both alike); three run A B C, C B A, B C A, A C B.
 */
export function abba<S>(rounds: number, sides: readonly S[]): Array<[number, S]> {
  const out: Array<[number, S]> = [];
  for (let r = 0; r < rounds; r++) {
    const shift = Math.floor(r / 2) % sides.length;
    const rotated = [...sides.slice(shift), ...sides.slice(0, shift)];
    for (const s of r % 2 === 0 ? rotated : rotated.reverse()) out.push([r, s]);
  }
  return out;
}

/** The median (the mean of the middle two for an even count); NaN for none. */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
