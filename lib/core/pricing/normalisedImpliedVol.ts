import { inverseNormalCdf } from '../math/inverseNormalCdf'
import { normalCdf } from '../math/normalCdf'
import { normalisedBlackCall } from './normalisedBlackCall'

/**
 * Parameters of {@link normalisedImpliedVol}: the normalised price β of an out-of-the-money
 * call, its log-moneyness x ≤ 0, and the most Householder steps to take.
 */
export type NormalisedImpliedVolParameters = [beta: number, x: number, maxSteps?: number]
/** Total implied volatility s = σ√T (dimensionless), ≥ 0. */
export type NormalisedImpliedVolReturnType = number

/**
 * Solves b(x, s) = β for the total volatility s = σ√T of an out-of-the-money call (x ≤ 0,
 * 0 < β < e^(x/2)), following P. Jäckel, "Let's Be Rational", Wilmott (January 2015) 40–53:
 *
 * 1. **Rational initial guess.** The inflection point s_c = √(2|x|) of b(s) and the tangents
 *    there split the price range into four segments at b_l = b(s_l), b_c = b(s_c),
 *    b_h = b(s_h), with s_l = s_c − b_c/b'(s_c) and s_h = s_c + (e^(x/2) − b_c)/b'(s_c).
 *    On the two middle segments s(β) is interpolated by a shape-preserving rational cubic
 *    (R. Delbourgo & J. A. Gregory, SIAM J. Sci. Stat. Comput. 6 (1985) 967–976) through the
 *    end points with slopes 1/b'. On the lowest segment the interpolation is done on the
 *    transformed price f = (2π/√27)·|x|·Φ(−|x|/(√3 s))³ — b's small-s asymptotics — and on the
 *    highest on f = Φ(−s/2), then inverted in closed form with Φ⁻¹.
 * 2. **Householder steps of order 3** (fourth-order convergence) on an objective chosen per
 *    segment so that it is nearly linear in s: 1/ln b(s) − 1/ln β on the lowest,
 *    ln((e^(x/2) − β)/(e^(x/2) − b(s))) on the highest (when β > e^(x/2)/2), b(s) − β between.
 *    With b' = e^(−(h² + t²)/2)/√(2π), b''/b' = x²/s³ − s/4 and
 *    b'''/b' = (b''/b')² − 3x²/s⁴ − 1/4 in closed form, a step costs one evaluation of b.
 *    The guess is accurate enough that two steps reach machine precision (Jäckel) for
 *    |x| ≤ 5 and s ≤ 5 and far beyond; a third is taken only when the second step was still
 *    larger than 1e-5·s (far wings), and a step that would leave the bracket known from the
 *    evaluations falls back to bisection. `maxSteps` (default 10) caps the count.
 *
 * A kernel for `impliedVol`: it trusts its inputs (x ≤ 0, 0 < β < e^(x/2), no NaN).
 *
 * @example
 * normalisedImpliedVol(normalisedBlackCall(-0.5, 0.3), -0.5) // 0.3 (to ~1e-16 relative)
 */
export function normalisedImpliedVol(beta: number, x: number, maxSteps = 10): NormalisedImpliedVolReturnType {
  const bMax = Math.exp(0.5 * x)
  const sC = Math.sqrt(-2 * x)
  const bC = normalisedBlackCall(x, sC, scratch)
  const vC = scratch[0] as number
  let s: number
  let sLeft = Number.MIN_VALUE
  let sRight = Number.MAX_VALUE
  let objective: Objective = MIDDLE

  if (beta < bC) {
    const sL = sC - bC / vC
    const bL = normalisedBlackCall(x, sL, scratch)
    const vL = scratch[0] as number
    if (beta < bL) {
      s = lowerGuess(beta, x, sL, bL)
      sRight = sL
      objective = LOWER
    } else {
      const r = convexControlFitting('right', bL, bC, sL, sC, 1 / vL, 1 / vC, 0, false)
      s = rationalCubic(beta, bL, bC, sL, sC, 1 / vL, 1 / vC, r)
      sLeft = sL
      sRight = sC
    }
  } else {
    const sH = vC > Number.MIN_VALUE ? sC + (bMax - bC) / vC : sC
    const bH = normalisedBlackCall(x, sH, scratch)
    const vH = scratch[0] as number
    if (beta <= bH) {
      const r = convexControlFitting('left', bC, bH, sC, sH, 1 / vC, 1 / vH, 0, false)
      s = rationalCubic(beta, bC, bH, sC, sH, 1 / vC, 1 / vH, r)
      sLeft = sC
      sRight = sH
    } else {
      s = upperGuess(beta, x, sH, bH, bMax)
      sLeft = sH
      if (beta > 0.5 * bMax) objective = UPPER
    }
  }

  let step = Number.MAX_VALUE
  let previousStep = 0
  let reversals = 0
  for (let i = 0; i < maxSteps && Math.abs(step) > Number.EPSILON * s; i++) {
    // Fourth-order convergence: after a step of relative size δ ≤ 1e-5 the error left is of
    // order δ⁴ ≤ 1e-20. Jäckel's guess makes the second step that small except in far wings
    // (|x| ≳ 50 or s ≳ 20), which get a third step or more.
    if (i >= 2 && Math.abs(step) <= CONVERGED * s) break
    if (step * previousStep < 0) reversals++
    if (i > 0 && (reversals === 3 || !(s > sLeft && s < sRight))) {
      // Oscillating, or pushed onto or beyond the bracket: bisect instead.
      s = 0.5 * (sLeft + sRight)
      if (sRight - sLeft <= Number.EPSILON * s) break
      reversals = 0
      step = 0
    }
    previousStep = step
    const b = normalisedBlackCall(x, s, scratch)
    const vega = scratch[0] as number
    if (b > beta && s < sRight) sRight = s
    else if (b < beta && s > sLeft) sLeft = s
    step = householderStep(objective, beta, x, s, b, vega, bMax, sLeft, sRight)
    step = Math.max(step, -0.5 * s)
    s += step
  }
  return s
}

/** Receives ∂b/∂s from `normalisedBlackCall` (no allocation per call). */
const scratch = new Float64Array(1)

/** Relative step size below which, after two steps, the iteration has converged. */
const CONVERGED = 1e-5

type Objective = 0 | 1 | 2
const LOWER: Objective = 0
const MIDDLE: Objective = 1
const UPPER: Objective = 2

/** One third-order Householder step for the segment's objective g(s) = 0. */
function householderStep(
  objective: Objective,
  beta: number,
  x: number,
  s: number,
  b: number,
  vega: number,
  bMax: number,
  sLeft: number,
  sRight: number,
): number {
  const bHalley = (x * x) / (s * s * s) - 0.25 * s // b''/b'
  const bThird = bHalley * bHalley - (3 * x * x) / (s * s * s * s) - 0.25 // b'''/b'
  let newton: number
  let halley: number
  let third: number
  if (objective === LOWER) {
    // g = 1/ln b − 1/ln β: nearly linear in s where b ~ exp(−x²/(2s²)).
    if (!(b > 0 && vega > 0)) return 0.5 * (sLeft + sRight) - s
    const lnB = Math.log(b)
    const lnBeta = Math.log(beta)
    const vegaOverB = vega / b
    const c = 1 + 2 / lnB
    newton = (((lnBeta - lnB) * lnB) / lnBeta) / vegaOverB
    halley = bHalley - vegaOverB * c
    third = bThird + 2 * vegaOverB * vegaOverB * (1 + (3 / lnB) * (1 + 1 / lnB)) - 3 * bHalley * vegaOverB * c
  } else if (objective === UPPER) {
    // g = ln((bMax − β)/(bMax − b)): nearly linear in s as b approaches its maximum.
    if (!(b < bMax && vega > Number.MIN_VALUE)) return 0.5 * (sLeft + sRight) - s
    const gap = bMax - b
    const slope = vega / gap // g'
    newton = -Math.log((bMax - beta) / gap) / slope
    halley = bHalley + slope
    third = bThird + slope * (2 * slope + 3 * bHalley)
  } else {
    newton = (beta - b) / vega
    halley = bHalley
    third = bThird
  }
  return (newton * (1 + 0.5 * halley * newton)) / (1 + newton * (halley + (third * newton) / 6))
}

/**
 * Guess on the lowest segment 0 < β < b_l, where b(s) ≈ f(s) = (2π/√27)|x|Φ(−z)³,
 * z = |x|/(√3 s): interpolate f(β) with f(0) = 0, f'(0) = 1 and f, f', f'' matched at b_l,
 * then invert f in closed form.
 */
function lowerGuess(beta: number, x: number, sL: number, bL: number): number {
  const ax = -x
  const z = (SQRT_ONE_THIRD * ax) / sL
  const y = z * z
  const sL2 = sL * sL
  const phiMinusZ = normalCdf(-z)
  const densityZ = ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * y)
  const phiSquared = phiMinusZ * phiMinusZ
  const fL = TWO_PI_OVER_SQRT_27 * ax * phiSquared * phiMinusZ
  // df/dβ = (df/ds)/(db/ds) and d²f/dβ², differentiated by hand from the definitions above.
  const fLPrime = TWO_PI * y * phiSquared * Math.exp(y + 0.125 * sL2)
  const fLSecond =
    TWO_PI * (y / sL) * phiMinusZ * (2 * z + (0.25 * sL2 - 2 - 2 * y) * (phiMinusZ / densityZ)) * Math.exp(2 * y + 0.25 * sL2)
  const r = convexControlFitting('right', 0, bL, 0, fL, 1, fLPrime, fLSecond, true)
  let f = rationalCubic(beta, 0, bL, 0, fL, 1, fLPrime, r)
  if (!(f > 0)) {
    // Round-off at extreme |x|: the quadratic through f(0) = 0, f'(0) = 1 and f(b_l).
    const u = beta / bL
    f = (fL * u + bL * (1 - u)) * u
  }
  const probability = Math.cbrt(f / (TWO_PI_OVER_SQRT_27 * ax)) // Φ(−z) ∈ (0, ½)
  // Only round-off at extreme |x| lands outside; the iteration then starts inside the bracket.
  if (!(probability > 0 && probability < 0.5)) return 0.5 * sL
  return ax / (SQRT_THREE * Math.abs(inverseNormalCdf(probability)))
}

/**
 * Guess on the highest segment b_h < β < e^(x/2), where f(s) = Φ(−s/2) → 0 with slope −½ as
 * β → e^(x/2): interpolate f(β) with f, f', f'' matched at b_h, then s = −2Φ⁻¹(f).
 */
function upperGuess(beta: number, x: number, sH: number, bH: number, bMax: number): number {
  const fH = normalCdf(-0.5 * sH)
  const w = (x / sH) * (x / sH)
  const fHPrime = x === 0 ? -0.5 : -0.5 * Math.exp(0.5 * w)
  const fHSecond = x === 0 ? 0 : SQRT_HALF_PI * (w / sH) * Math.exp(w + 0.125 * sH * sH)
  let f = -1
  if (fHSecond < SQRT_MAX_VALUE) {
    const r = convexControlFitting('left', bH, bMax, fH, 0, fHPrime, -0.5, fHSecond, true)
    f = rationalCubic(beta, bH, bMax, fH, 0, fHPrime, -0.5, r)
  }
  if (!(f > 0)) {
    // The quadratic through f(b_h), f(b_max) = 0 and f'(b_max) = −½.
    const width = bMax - bH
    const u = (beta - bH) / width
    f = (fH * (1 - u) + 0.5 * width * u) * (1 - u)
  }
  if (!(f < 0.5)) return sH // Φ(−s/2) < ½ for s > 0: only round-off lands here
  return -2 * inverseNormalCdf(f)
}

/**
 * Delbourgo–Gregory rational cubic on [xL, xR] through (xL, yL), (xR, yR) with end slopes dL,
 * dR and control parameter r (r = 3: the cubic Hermite; r → ∞: the straight line).
 */
function rationalCubic(x: number, xL: number, xR: number, yL: number, yR: number, dL: number, dR: number, r: number): number {
  const h = xR - xL
  if (!(Math.abs(h) > 0)) return 0.5 * (yL + yR)
  const t = (x - xL) / h
  if (!(r < MAX_CONTROL)) return yR * t + yL * (1 - t)
  const u = 1 - t
  const numerator = yR * t * t * t + (r * yR - h * dR) * t * t * u + (r * yL + h * dL) * t * u * u + yL * u * u * u
  return numerator / (1 + (r - 3) * t * u)
}

/**
 * Control parameter matching the second derivative `second` at the `side` end of [xL, xR], kept
 * shape-preserving. The two ends differ only in the gap the ratio divides by: the secant slope's
 * distance from the left end's derivative (slope − dL), or the right end's from it (dR − slope).
 */
function convexControlFitting(
  side: 'left' | 'right',
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  second: number,
  preferShape: boolean,
): number {
  const h = xR - xL
  const slope = (yR - yL) / h
  const numerator = 0.5 * h * second + (dR - dL)
  const r = controlFromRatio(numerator, side === 'left' ? slope - dL : dR - slope)
  return Math.max(r, minimumShapePreservingControl(dL, dR, slope, preferShape))
}

function controlFromRatio(numerator: number, denominator: number): number {
  if (Math.abs(numerator) < NEGLIGIBLE) return 0
  if (Math.abs(denominator) < NEGLIGIBLE) return numerator > 0 ? MAX_CONTROL : MIN_CONTROL
  return numerator / denominator
}

/**
 * Smallest r keeping the interpolant monotone (r ≥ (dL + dR)/Δ) and convex or concave
 * (r ≥ |dR − dL| / min(|dR − Δ|, |Δ − dL|)) when the data are: Delbourgo & Gregory (1985),
 * conditions (3.8) and (3.18). Where a condition cannot be met, `preferShape` asks for the
 * straight line rather than a smooth curve that breaks the shape.
 */
function minimumShapePreservingControl(dL: number, dR: number, slope: number, preferShape: boolean): number {
  const monotonic = dL * slope >= 0 && dR * slope >= 0
  const convex = dL <= slope && slope <= dR
  const concave = dL >= slope && slope >= dR
  if (!monotonic && !convex && !concave) return MIN_CONTROL
  let forMonotonicity = -Number.MAX_VALUE
  let forConvexity = -Number.MAX_VALUE
  if (monotonic) {
    if (Math.abs(slope) >= NEGLIGIBLE) forMonotonicity = (dR + dL) / slope
    else if (preferShape) forMonotonicity = MAX_CONTROL
  }
  if (convex || concave) {
    const left = slope - dL
    const right = dR - slope
    if (Math.abs(left) >= NEGLIGIBLE && Math.abs(right) >= NEGLIGIBLE)
      forConvexity = Math.max(Math.abs((dR - dL) / right), Math.abs((dR - dL) / left))
    else if (preferShape) forConvexity = MAX_CONTROL
  } else if (monotonic && preferShape) {
    forConvexity = MAX_CONTROL
  }
  return Math.max(MIN_CONTROL, forMonotonicity, forConvexity)
}

const NEGLIGIBLE = 2.2250738585072014e-308 // smallest normal double
const MIN_CONTROL = -(1 - Math.sqrt(Number.EPSILON))
const MAX_CONTROL = 2 / (Number.EPSILON * Number.EPSILON)
const SQRT_MAX_VALUE = Math.sqrt(Number.MAX_VALUE)
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327
const SQRT_HALF_PI = 1.2533141373155003
const TWO_PI = 2 * Math.PI
const SQRT_THREE = Math.sqrt(3)
const SQRT_ONE_THIRD = Math.sqrt(1 / 3)
const TWO_PI_OVER_SQRT_27 = (2 * Math.PI) / Math.sqrt(27)
