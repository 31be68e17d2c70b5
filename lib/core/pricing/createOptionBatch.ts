import { InvalidInputError } from '../errors'
import type { OptionKind } from '../risk/types'
import { assertFinite, assertNonNegative, assertOneOf, assertPositive } from '../validate'
import { strikeScale } from './strikeScale'
import { optionKinds } from './types'

/** One option series of a batch: what stays fixed while spot and vol move. */
export type OptionBatchSeries = {
  kind: OptionKind
  /** Strike, USD per unit (> 0). */
  strike: number
  /** Time to expiry in years of 365 days (≥ 0). */
  years: number
}

export type CreateOptionBatchParameters = {
  /** The series to revalue together (one underlying). May be empty. */
  series: readonly OptionBatchSeries[]
  /** Risk-free rate, per year, continuously compounded. */
  rate: number
  /** Continuous yield of the underlying, per year. */
  dividendYield: number
}

/**
 * Everything about a set of option series that does not depend on spot or vol, precomputed once
 * (plain data: numbers and typed arrays, safe to keep across ticks and to post to a worker).
 * Index i of every per-series array is `series[i]`. Built by {@link createOptionBatch}; read by
 * `revalueOptionBatch` and `optionBatchGreeks`.
 */
export type OptionBatch = {
  readonly count: number
  readonly rate: number
  readonly dividendYield: number
  /** +1 for a call, −1 for a put. */
  readonly sign: Float64Array
  readonly strike: Float64Array
  readonly years: Float64Array
  readonly sqrtYears: Float64Array
  /** e^(−qT): S·e^(−qT) is the discounted forward. */
  readonly carry: Float64Array
  /** K·e^(−rT). */
  readonly discountedStrike: Float64Array
  /**
   * ln(K·2⁻ᵉ) − (r − q)T, with 2⁻ᵉ = `strikeScale(K)`: ln(F/K) = ln(S·2⁻ᵉ) − this. Strikes
   * share a few exponents e, so a revaluation takes one logarithm per exponent, not per series.
   */
  readonly logStrikeLessCarry: Float64Array
  /** Index into `scales` of each series' 2⁻ᵉ. */
  readonly scaleIndex: Int32Array
  /** The distinct powers of two 2⁻ᵉ of the strikes. */
  readonly scales: Float64Array
  /** Scratch for ln(S·2⁻ᵉ) per scale, overwritten by every revaluation (no allocation per call). */
  readonly logSpotScratch: Float64Array
}
export type CreateOptionBatchReturnType = OptionBatch

/**
 * Precomputes a batch of option series on one underlying for fast revaluation at many
 * (spot, vol) pairs — the per-tick path of the margin engine's 27-scenario grid (DESIGN.md §4.2).
 * For each series: sign, √T, e^(−qT), K·e^(−rT) and ln(K·2⁻ᵉ) − (r − q)T (see
 * {@link OptionBatch}); the pricing formulas are those of `optionPrice` / `optionGreeks`
 * (generalized Black-Scholes-Merton), evaluated in the same order so results are identical.
 *
 * Throws {@link InvalidInputError} (naming e.g. `series[3].strike`) for an unknown kind, NaN or
 * infinite numbers, strike ≤ 0, negative years, or a discount factor that overflows.
 *
 * @example
 * const batch = createOptionBatch({
 *   series: [{ kind: 'call', strike: 100_000, years: 30 / 365 }, { kind: 'put', strike: 90_000, years: 30 / 365 }],
 *   rate: 0.04,
 *   dividendYield: 0,
 * })
 * const prices = new Float64Array(batch.count)
 * revalueOptionBatch(batch, 97_500, 0.55, prices) // prices[0]: the call, prices[1]: the put
 */
export function createOptionBatch(parameters: CreateOptionBatchParameters): CreateOptionBatchReturnType {
  if (typeof parameters !== 'object' || parameters === null) throw new InvalidInputError('parameters', parameters, 'an object')
  const { series, rate, dividendYield } = parameters
  if (!Array.isArray(series)) throw new InvalidInputError('series', series, 'an array of option series')
  assertFinite('rate', rate)
  assertFinite('dividendYield', dividendYield)
  const count = series.length
  const sign = new Float64Array(count)
  const strike = new Float64Array(count)
  const years = new Float64Array(count)
  const sqrtYears = new Float64Array(count)
  const carry = new Float64Array(count)
  const discountedStrike = new Float64Array(count)
  const logStrikeLessCarry = new Float64Array(count)
  const scaleIndex = new Int32Array(count)
  const distinctScales: number[] = []
  for (let i = 0; i < count; i++) {
    const item: unknown = series[i]
    if (typeof item !== 'object' || item === null) throw new InvalidInputError(`series[${i}]`, item, 'an option series')
    const { kind, strike: k, years: t } = item as OptionBatchSeries
    assertOneOf(`series[${i}].kind`, kind, optionKinds)
    assertPositive(`series[${i}].strike`, k)
    assertNonNegative(`series[${i}].years`, t)
    // Same expressions, in the same order, as optionPrice / optionGreeks: results are identical.
    const carryExponent = -dividendYield * t
    const discountExponent = -rate * t
    const scale = strikeScale(k)
    let index = distinctScales.indexOf(scale)
    if (index < 0) index = distinctScales.push(scale) - 1
    sign[i] = kind === 'call' ? 1 : -1
    strike[i] = k
    years[i] = t
    sqrtYears[i] = Math.sqrt(t)
    carry[i] = carryExponent === 0 ? 1 : Math.exp(carryExponent)
    discountedStrike[i] = discountExponent === 0 ? k : k * Math.exp(discountExponent)
    logStrikeLessCarry[i] = Math.log(k * scale) - (rate - dividendYield) * t
    scaleIndex[i] = index
    if (!(carry[i]! < Number.POSITIVE_INFINITY) || !(discountedStrike[i]! < Number.POSITIVE_INFINITY) || !(discountedStrike[i]! > 0))
      throw new InvalidInputError(`series[${i}].years`, t, 'a maturity whose discount factors are finite and non-zero at this rate and yield')
  }
  return {
    count,
    rate,
    dividendYield,
    sign,
    strike,
    years,
    sqrtYears,
    carry,
    discountedStrike,
    logStrikeLessCarry,
    scaleIndex,
    scales: Float64Array.from(distinctScales),
    logSpotScratch: new Float64Array(distinctScales.length),
  }
}

