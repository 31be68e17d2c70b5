import { InvalidInputError } from '../errors'
import { assertFinite, assertNonNegative } from '../validate'
import { erfcx } from './erfcx'
import { normalCdf } from './normalCdf'

export type BarrierHitProbabilityParameters = {
  /** Drift ν of X_t per year (for a log-price under GBM: μ − σ²/2). */
  drift: number
  /** Volatility σ of X_t per √year (> 0). */
  vol: number
  /** Horizon T in years (>= 0). */
  years: number
  /** Lower barrier a <= 0 (X_0 = 0), or `-Infinity` for none. */
  lower: number
  /** Upper barrier b >= 0, or `+Infinity` for none. */
  upper: number
}

/** Probability in [0, 1] that X touches `lower` or `upper` at some t <= T. */
export type BarrierHitProbabilityReturnType = number

/**
 * Probability that a Brownian motion with drift, X_t = ν·t + σ·W_t, X_0 = 0, touches a barrier
 * within T years. Applied to X_t = ln(S_t/S_0) under geometric Brownian motion (ν = μ − σ²/2)
 * it is the probability that the price touches S_0·e^a or S_0·e^b.
 *
 * One barrier (reflection principle and Girsanov; Shreve, "Stochastic Calculus for Finance II"
 * (2004), §7.2.2, the running maximum of Brownian motion with drift; Harrison,
 * "Brownian Motion and Stochastic Flow Systems" (1985), §1.8), for an upper barrier b > 0:
 * ```
 * P(max_{t<=T} X_t >= b) = Φ((−b + νT)/(σ√T)) + e^(2νb/σ²)·Φ((−b − νT)/(σ√T))
 * ```
 * and by symmetry (X → −X, ν → −ν) for a lower barrier a < 0.
 *
 * Two barriers a < 0 < b: survival is the method of images (Feller, "An Introduction to
 * Probability Theory", vol. II, §X.5; for drifted motion, Kunitomo & Ikeda, "Pricing options
 * with curved boundaries", Math. Finance 2 (1992)), with w = b − a and s = σ√T:
 * ```
 * P(survive) = Σ_n e^(ν·c_n/σ²)·[Φ((b − c_n − νT)/s) − Φ((a − c_n − νT)/s)]
 *            − e^(ν·d_n/σ²)·[Φ((b − d_n − νT)/s) − Φ((a − d_n − νT)/s)],
 * c_n = 2nw, d_n = 2b − 2nw, n ∈ ℤ
 * ```
 * summed until the terms vanish (each product is formed in log space, so no overflow); when
 * s > 10·w survival is below e^(−π²·50) and the answer is 1.
 *
 * A barrier at 0 has been touched already: the answer is 1.
 *
 * @throws {InvalidInputError} NaN or infinite drift/vol/years, vol <= 0, years < 0, a > 0, b < 0.
 *
 * @example
 * // a driftless log-price with 60 %/yr vol touching −10 % (ln 0.9) within 7 days
 * barrierHitProbability({ drift: 0, vol: 0.6, years: 7 / 365, lower: Math.log(0.9), upper: Infinity })
 * // 2·Φ(ln 0.9 / (0.6·√(7/365))) ≈ 0.445
 */
export function barrierHitProbability(parameters: BarrierHitProbabilityParameters): BarrierHitProbabilityReturnType {
  const { drift, vol, years, lower, upper } = parameters
  assertFinite('drift', drift)
  if (typeof vol !== 'number' || !(vol > 0) || !Number.isFinite(vol))
    throw new InvalidInputError('vol', vol, 'a finite number greater than 0')
  assertNonNegative('years', years)
  if (typeof lower !== 'number' || !(lower <= 0)) throw new InvalidInputError('lower', lower, 'a number of at most 0 or -Infinity')
  if (typeof upper !== 'number' || !(upper >= 0)) throw new InvalidInputError('upper', upper, 'a number of at least 0 or +Infinity')

  if (lower === 0 || upper === 0) return 1
  if (lower === -Infinity && upper === Infinity) return 0
  if (years === 0) return 0
  const s = vol * Math.sqrt(years)
  const nuT = drift * years
  const variance = vol * vol

  if (lower === -Infinity) return clampProbability(upperHit(upper, drift, nuT, s, variance))
  if (upper === Infinity) return clampProbability(upperHit(-lower, -drift, -nuT, s, variance))

  const width = upper - lower
  if (s > 10 * width) return 1
  let survival = 0
  for (let n = 0; n < 100_000; n++) {
    let term = imagePair(n, lower, upper, width, drift, nuT, s, variance)
    if (n > 0) term += imagePair(-n, lower, upper, width, drift, nuT, s, variance)
    survival += term
    // Images move out by 2w per n; once both are many s beyond the band their mass is nil.
    if (n > 1 && Math.abs(term) < 1e-18 && 2 * (n - 1) * width > 40 * s + Math.abs(nuT)) break
  }
  return clampProbability(1 - survival)
}

/** P(max X >= b) for b > 0 (Shreve eq. 7.2.2 complemented), both terms non-negative. */
function upperHit(b: number, drift: number, nuT: number, s: number, variance: number): number {
  return normalCdf((-b + nuT) / s) + weightedNormalMass((2 * drift * b) / variance, -Infinity, (-b - nuT) / s)
}

/** One image pair of the series for index n. */
function imagePair(n: number, a: number, b: number, w: number, drift: number, nuT: number, s: number, variance: number): number {
  const c = 2 * n * w
  const d = 2 * b - 2 * n * w
  return (
    weightedNormalMass((drift * c) / variance, (a - c - nuT) / s, (b - c - nuT) / s) -
    weightedNormalMass((drift * d) / variance, (a - d - nuT) / s, (b - d - nuT) / s)
  )
}

/**
 * e^logWeight · (Φ(hi) − Φ(lo)) without overflow: in a tail, Φ is written as
 * ½·erfcx(|x|/√2)·e^(−x²/2) and the exponents are added before exponentiating.
 */
function weightedNormalMass(logWeight: number, lo: number, hi: number): number {
  if (lo >= 0) return 0.5 * (tail(logWeight, lo) - tail(logWeight, hi))
  if (hi <= 0) return 0.5 * (tail(logWeight, -hi) - tail(logWeight, -lo))
  return Math.exp(logWeight) * (normalCdf(hi) - normalCdf(lo))
}

/** 2·e^logWeight·Q(x) for x >= 0 (Q the upper normal tail), 0 at x = +Infinity. */
function tail(logWeight: number, x: number): number {
  if (x === Infinity) return 0
  return Math.exp(logWeight - 0.5 * x * x) * erfcx(x * Math.SQRT1_2)
}

function clampProbability(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p
}
