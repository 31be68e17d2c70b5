/** Parameters of {@link erfNearZero}: a number with |x| ≤ 0.46875. */
export type ErfNearZeroParameters = number
/** Return type of {@link erfNearZero}: erf(x), |erf(x)| < 0.4926. */
export type ErfNearZeroReturnType = number

/**
 * Error function `erf(x) = (2/√π) ∫₀ˣ exp(−t²) dt` on Cody's first interval |x| ≤ 0.46875, to
 * about one ulp: `erf(x) = x·P(x²)/Q(x²)` with the degree-4/4 minimax rational of W. J. Cody,
 * "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–637
 * (coefficients as in his CALERF, ACM TOMS 715).
 *
 * This is the building block the normal CDF needs near 0, where `½ + ½·erf(x/√2)` is exact to
 * an ulp of ½ and passes exactly through ½ at 0. It is a kernel for {@link erfcx} and
 * `normalCdf`: it does not check its argument (outside the interval it silently degrades), so
 * callers must keep |x| ≤ 0.46875.
 *
 * @example
 * erfNearZero(0) // 0
 * erfNearZero(0.25) // 0.2763263901682369
 */
export function erfNearZero(x: ErfNearZeroParameters): ErfNearZeroReturnType {
  // Below XSMALL, x² is under half an ulp of the leading coefficients: erf(x) = x·A3/B3.
  const xsq = x > XSMALL || x < -XSMALL ? x * x : 0
  let numerator = A4 * xsq
  let denominator = xsq
  numerator = (numerator + A0) * xsq
  denominator = (denominator + B0) * xsq
  numerator = (numerator + A1) * xsq
  denominator = (denominator + B1) * xsq
  numerator = (numerator + A2) * xsq
  denominator = (denominator + B2) * xsq
  return (x * (numerator + A3)) / (denominator + B3)
}

const XSMALL = 1.11e-16
const A0 = 3.1611237438705656
const A1 = 1.13864154151050156e2
const A2 = 3.77485237685302021e2
const A3 = 3.20937758913846947e3
const A4 = 1.85777706184603153e-1
const B0 = 2.36012909523441209e1
const B1 = 2.44024637934444173e2
const B2 = 1.28261652607737228e3
const B3 = 2.84423683343917062e3
