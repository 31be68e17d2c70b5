import { InvalidInputError } from '../errors'
import { erfcx } from './erfcx'

/** Parameters of {@link erfc}: any number but NaN. */
export type ErfcParameters = number
/** Return type of {@link erfc}: a number in [0, 2]. */
export type ErfcReturnType = number

/**
 * Complementary error function `erfc(x) = (2/√π) ∫ₓ^∞ exp(−t²) dt`, to a few ulps relative
 * (including the far tail, down to the underflow at x ≈ 26.55).
 *
 * Built on Cody's rational approximations (see {@link erfcx}; W. J. Cody, Math. Comp. 23 (1969),
 * ACM TOMS 715): `erfc(x) = exp(−x²) · erfcx(x)` for x ≥ 0, with `exp(−x²)` evaluated as
 * `exp(−s²)·exp(−(x−s)(x+s))`, s = x truncated to a multiple of 1/16, so that the large part of
 * the exponent is exact; `erfc(−x) = 2 − erfc(x)`.
 *
 * Pure number in, number out. `±Infinity` → 0 / 2; NaN → {@link InvalidInputError}.
 *
 * @example
 * erfc(0) // 1
 * erfc(1) // 0.15729920705028516 (exact: 0.157299207050285130…)
 */
export function erfc(x: ErfcParameters): ErfcReturnType {
  if (x !== x) throw new InvalidInputError('x', x, 'a number')
  const y = x < 0 ? -x : x
  let upperTail: number
  if (y < 0.46875) {
    // exp(−y²) is exact to an ulp here (y² < 0.22), and erfcx's own exp(y²) cancels it.
    upperTail = Math.exp(-y * y) * erfcx(y)
  } else if (y < 27) {
    const s = Math.trunc(y * 16) / 16
    upperTail = Math.exp(-s * s) * Math.exp(-(y - s) * (y + s)) * erfcx(y)
  } else {
    upperTail = 0 // erfc(27) ≈ 5e-319: below the smallest normal double
  }
  return x < 0 ? 2 - upperTail : upperTail
}
