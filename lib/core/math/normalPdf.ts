import { InvalidInputError } from '../errors'

/** Parameters of {@link normalPdf}: any number but NaN. */
export type NormalPdfParameters = number
/** Return type of {@link normalPdf}: a density in [0, 1/√(2π)]. */
export type NormalPdfReturnType = number

/**
 * Standard normal density `φ(x) = exp(−x²/2) / √(2π)`, to about two ulps relative for every x.
 *
 * A naive `Math.exp(-x * x / 2)` carries the rounding error of `x²` into the result: a relative
 * error of about x²/2 ulps (≈ 1e-13 at x = 30). Here `x²` is computed exactly as `p + e` with
 * Dekker's error-free product (T. J. Dekker, "A floating-point technique for extending the
 * available precision", Numer. Math. 18 (1971) 224–242: Veltkamp split of x into two 26-bit
 * halves), and `exp(−(p + e)/2) = exp(−p/2)·(1 − e/2)` since |e| ≤ ulp(p)/2 is tiny. One `exp`,
 * no extra transcendental call.
 *
 * Pure number in, number out. `±Infinity` → 0; NaN → {@link InvalidInputError}.
 *
 * @example
 * normalPdf(0) // 0.3989422804014327
 * normalPdf(1) // 0.24197072451914337
 */
export function normalPdf(x: NormalPdfParameters): NormalPdfReturnType {
  const square = x * x
  // One comparison rejects NaN and ±Infinity and skips the far tail: φ(38.6) is already below
  // the smallest subnormal double. Kept this small so callers' compilers inline it.
  if (!(square < 1600)) return farTail(x)
  // The split is odd (rounding is symmetric), so splitting x rather than |x| gives the same bits.
  const scaled = x * VELTKAMP_SPLITTER
  const high = scaled - (scaled - x)
  const low = x - high
  const squareError = high * high - square + 2 * high * low + low * low
  return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * square) * (1 - 0.5 * squareError)
}

/** φ(x) for |x| ≥ 40 or NaN: 0, or the typed error. */
function farTail(x: number): number {
  if (x !== x) throw new InvalidInputError('x', x, 'a number')
  return 0
}

/** 2²⁷ + 1: splits a double into two halves whose pairwise products are exact. */
const VELTKAMP_SPLITTER = 134217729
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327
