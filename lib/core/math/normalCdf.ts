import { InvalidInputError } from '../errors'
import { normalTail } from './normalTail'

/** Parameters of {@link normalCdf}: any number but NaN. */
export type NormalCdfParameters = number
/** Return type of {@link normalCdf}: a probability in [0, 1]. */
export type NormalCdfReturnType = number

/**
 * Standard normal cumulative distribution `Φ(x) = P(Z ≤ x)`, Z ~ N(0, 1), accurate to about
 * 1e-15 relative everywhere, including the deep lower tail (Φ(−37) ≈ 5.7e-300).
 *
 * Method: `Φ(x) = Q(−x)` with {@link normalTail}, whose reference values are Cody's rational
 * Chebyshev approximations of erf / erfcx (W. J. Cody, Math. Comp. 23 (1969); ACM TOMS 715):
 * `Q(y) = ½ − ½·erf(y/√2)` near 0 and `Q(y) = √(π/2)·φ(y)·erfcx(y/√2)` beyond, with φ carrying
 * no rounding of y² and erfcx well conditioned — so the deep tail keeps full relative precision.
 * For |x| < 12 they are reached through a precomputed Taylor table (≈ 5 ns instead of ≈ 25 ns).
 * A textbook `½·erfc(−x/√2)` loses ~x²·1e-16 relative in the tail (1e-13 at x = −37); the
 * Abramowitz–Stegun 26.2.17 polynomial is good to only 7.5e-8 absolute.
 *
 * The upper half is `1 − Φ(−x)`, exact to an ulp of 1 (the best a double near 1 can do).
 *
 * Pure number in, number out. `−Infinity` → 0, `+Infinity` → 1, NaN → {@link InvalidInputError}.
 *
 * @example
 * normalCdf(0) // 0.5
 * normalCdf(-1.96) // 0.024997895148220442 (exact: 0.0249978951482204…)
 */
export function normalCdf(x: NormalCdfParameters): NormalCdfReturnType {
  if (x !== x) throw new InvalidInputError('x', x, 'a number')
  return normalTail(-x)
}
