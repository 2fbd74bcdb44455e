/**
 * A share as reports give it: what was counted, what it was counted out of, and the quotient.
 * Never stored rounded: a client formats `ratio` (0-1) as it likes. No denominator, no ratio.
 */
export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, unrounded; null when the denominator is 0. */
  ratio: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, ratio: denominator === 0 ? null : numerator / denominator };
}
