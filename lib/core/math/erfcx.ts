import { InvalidInputError } from '../errors'
import { erfNearZero } from './erfNearZero'

/** Parameters of {@link erfcx}: any number but NaN. */
export type ErfcxParameters = number
/** Return type of {@link erfcx}: a number in (0, +Infinity]. */
export type ErfcxReturnType = number

/**
 * Scaled complementary error function `erfcx(x) = exp(x²) · erfc(x)`, to about one ulp.
 *
 * Method: W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
 * (1969) 631–637, as implemented in his CALERF routine (SPECFUN / ACM TOMS 715, 1993), with the
 * three published minimax rationals:
 * - `|x| ≤ 0.46875`: erf(x) = x·R₁(x²) ({@link erfNearZero}), erfcx = exp(x²)·(1 − erf(x));
 * - `0.46875 < |x| ≤ 4`: erfcx(|x|) = R₂(|x|) directly (no exponential: the point of erfcx);
 * - `|x| > 4`: erfcx(|x|) = (1/√π − R₃(1/x²)/x²) / |x| (the asymptotic series, made minimax).
 * Negative arguments use the reflection `erfcx(−y) = 2·exp(y²) − erfcx(y)`, with `exp(y²)` split
 * so that its argument is exact (Cody's trick), and overflow to `+Infinity` below −26.628.
 *
 * `erfcx` is what deep-tail normal probabilities are built from: `erfc(x)` underflows at
 * x ≈ 26.5 and loses all relative accuracy if computed as `1 − erf(x)`, while `erfcx` is smooth
 * and well conditioned (≈ 1/(x√π) for large x).
 *
 * Pure number in, number out (no units). `+Infinity` → 0; NaN → {@link InvalidInputError}.
 *
 * @example
 * erfcx(0) // 1
 * erfcx(30) // 0.01879588886141675 (≈ 1/(30√π)·(1 − 1/1800 + …))
 */
export function erfcx(x: ErfcxParameters): ErfcxReturnType {
  if (x !== x) throw new InvalidInputError('x', x, 'a number')
  const y = x < 0 ? -x : x
  let result: number
  if (y <= THRESHOLD) return Math.exp(x * x) * (1 - erfNearZero(x))
  if (y <= 4) {
    let numerator = C8 * y
    let denominator = y
    numerator = (numerator + C0) * y
    denominator = (denominator + D0) * y
    numerator = (numerator + C1) * y
    denominator = (denominator + D1) * y
    numerator = (numerator + C2) * y
    denominator = (denominator + D2) * y
    numerator = (numerator + C3) * y
    denominator = (denominator + D3) * y
    numerator = (numerator + C4) * y
    denominator = (denominator + D4) * y
    numerator = (numerator + C5) * y
    denominator = (denominator + D5) * y
    numerator = (numerator + C6) * y
    denominator = (denominator + D6) * y
    result = (numerator + C7) / (denominator + D7)
  } else if (y >= XHUGE) {
    // 1/x² is below half an ulp of 1/√π: the rational correction cannot change the result.
    result = ONE_OVER_SQRT_PI / y
  } else {
    const ysq = 1 / (y * y)
    let numerator = P5 * ysq
    let denominator = ysq
    numerator = (numerator + P0) * ysq
    denominator = (denominator + Q0) * ysq
    numerator = (numerator + P1) * ysq
    denominator = (denominator + Q1) * ysq
    numerator = (numerator + P2) * ysq
    denominator = (denominator + Q2) * ysq
    numerator = (numerator + P3) * ysq
    denominator = (denominator + Q3) * ysq
    result = (ysq * (numerator + P4)) / (denominator + Q4)
    result = (ONE_OVER_SQRT_PI - result) / y
  }
  if (x >= 0) return result
  if (x < XNEG) return Number.POSITIVE_INFINITY
  // exp(x²) with x = s + d, s a multiple of 1/16: s² is exact, so only the small (x−s)(x+s)
  // carries rounding error — Cody's guard against the ~x²·ulp error of a naive exp(x*x).
  const s = Math.trunc(x * 16) / 16
  const expSquare = Math.exp(s * s) * Math.exp((x - s) * (x + s))
  return expSquare + expSquare - result
}

const THRESHOLD = 0.46875
/** Above this, erfcx(x) = 1/(x√π) to working precision (Cody's XHUGE). */
const XHUGE = 6.71e7
/** Below this, erfcx(x) overflows (Cody's XNEG). */
const XNEG = -26.628
const ONE_OVER_SQRT_PI = 5.6418958354775628695e-1

// 0.46875 < x ≤ 4: erfcx(x) ≈ (Σ C·xᵏ)/(Σ D·xᵏ).
const C0 = 5.64188496988670089e-1
const C1 = 8.88314979438837594
const C2 = 6.61191906371416295e1
const C3 = 2.98635138197400131e2
const C4 = 8.81952221241769090e2
const C5 = 1.71204761263407058e3
const C6 = 2.05107837782607147e3
const C7 = 1.23033935479799725e3
const C8 = 2.15311535474403846e-8
const D0 = 1.57449261107098347e1
const D1 = 1.17693950891312499e2
const D2 = 5.37181101862009858e2
const D3 = 1.62138957456669019e3
const D4 = 3.29079923573345963e3
const D5 = 4.36261909014324716e3
const D6 = 3.43936767414372164e3
const D7 = 1.23033935480374942e3

// x > 4: erfcx(x) ≈ (1/√π − z·(Σ P·zᵏ)/(Σ Q·zᵏ)) / x with z = 1/x².
const P0 = 3.05326634961232344e-1
const P1 = 3.60344899949804439e-1
const P2 = 1.25781726111229246e-1
const P3 = 1.60837851487422766e-2
const P4 = 6.58749161529837803e-4
const P5 = 1.63153871373020978e-2
const Q0 = 2.56852019228982242
const Q1 = 1.87295284992346047
const Q2 = 5.27905102951428412e-1
const Q3 = 6.05183413124413191e-2
const Q4 = 2.33520497626869185e-3
