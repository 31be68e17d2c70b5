import { createOptionBatch, type OptionBatch } from '../pricing/createOptionBatch'
import type { OptionBatchGreeksOutput } from '../pricing/optionBatchGreeks'
import { SECONDS_PER_YEAR } from '../units'
import type { Account, IsolatedPosition, Markets, OptionKind, OptionPosition, PerpPosition, RiskParams } from './types'

/** One option series of a book: every position with the same kind, strike and expiry, netted. */
export type PreparedSeries = {
  kind: OptionKind
  /** USD per unit. */
  strike: number
  /** Unix seconds. */
  expiry: number
  /** Years to expiry at the prepared valuation time, `(expiry − now) / 31,536,000`; 0 once expired. */
  years: number
  /** At or past expiry: valued at intrinsic value, no time value (see {@link prepareAccount}). */
  expired: boolean
  /** Net contracts of the series (sum of the positions' signed sizes). */
  size: number
}

/**
 * The positions of one underlying that are margined together — the cross book's positions in
 * that underlying, or one isolated position — grouped for fast revaluation. Built by
 * {@link prepareAccount}; read by `underlyingRisk`.
 */
export type PreparedBook = {
  underlying: string
  /** Sum of the perp sizes, base units (signed). */
  perpSize: number
  /** Sum of |perp size| over the perp positions, base units. */
  perpGrossSize: number
  /** Sum of the option sizes over the option positions, contracts (signed). */
  optionSize: number
  /** Sum of |option size| over the option positions, contracts. */
  optionGrossSize: number
  /** The book's option series in order of first appearance. */
  series: PreparedSeries[]
  /** Indices into `series` of the unexpired series, in batch order. */
  liveSeries: Int32Array
  /** Net contracts of each live series, in batch order. */
  liveSizes: Float64Array
  /** Every live series (null when there are none): marks and Greeks at the current point. */
  batch: OptionBatch | null
  /**
   * What the scenarios revalue: one series per distinct (strike, expiry) among the live series,
   * with `scenarioSizes` contracts — the call and the put of a strike and expiry are one priced
   * option plus a linear term, by put-call parity `C − P = S − K·e^(−rT)` (dividend yield 0).
   * Groups whose sizes net to zero contracts are purely linear and not priced at all. The live
   * options' value at (S', v) is then exactly (in real arithmetic)
   * `Σ_j scenarioSizes_j · V_j(S', v) + parityUnits · S' − parityCash`.
   */
  scenarioBatch: OptionBatch | null
  scenarioSizes: Float64Array
  /** Σ over parity-derived series of n·ω (ω = +1 call, −1 put), units of the underlying. */
  parityUnits: number
  /** Σ over parity-derived series of n·ω·K·e^(−rT), USD. */
  parityCash: number
  /** Scratch for scenario revaluations (values and deltas of `scenarioBatch`); overwritten by every evaluation. */
  scratchPrices: Float64Array
  scratchDeltas: Float64Array
  /** Scratch for the Greeks at the current point; overwritten by every evaluation. */
  scratchGreeks: OptionBatchGreeksOutput
}

/** What `accountRisk` can reuse from one evaluation to the next while the book is unchanged. */
export type PrepareAccountReturnType = {
  /** The account's arrays this was prepared from; `accountRisk` uses it only if they are the same objects. */
  source: { perps: readonly PerpPosition[]; options: readonly OptionPosition[]; isolated: readonly IsolatedPosition[] }
  /** Valuation time (unix seconds) and rate the option batches were built for. */
  now: number
  riskFreeRate: number
  /** The cross book, one entry per underlying it holds, in order of first appearance. */
  underlyings: Record<string, PreparedBook>
  /** For each `account.options[i]`, the index of its series in its underlying's book. */
  optionSeriesIndex: Int32Array
  /** One book per `account.isolated[i]`. */
  isolated: PreparedBook[]
}
export type PreparedAccount = PrepareAccountReturnType

/**
 * Groups an account's positions by underlying and builds, per underlying, one option batch of
 * its distinct series (positions with the same kind, strike and expiry are netted into one
 * series), so that each tick revalues every series of an underlying at the points of its MM and
 * IM scenario grids without allocating per series. The result depends on the book, on `markets.now` (years to expiry) and on
 * `params.riskFreeRate` only: prepare once when any of them changes, then pass it to
 * `accountRisk` / `evaluateAccount` on every price tick. A prepared account that does not match
 * (other arrays, time or rate) is ignored there, never used wrongly; the account's arrays must
 * be replaced, not mutated, when the book changes. It holds scratch buffers the evaluation
 * overwrites: plain data, but not to be shared by two evaluations running at once.
 *
 * For the scenarios, a call and a put of the same strike and expiry are priced once: by
 * put-call parity `C − P = S − K·e^(−rT)` (H. Stoll, J. Finance 24 (1969); Hull, Options, Futures
 * and Other Derivatives, ch. 11, with no dividend yield) the other is that value plus a term
 * linear in S (see {@link PreparedBook.scenarioBatch}). Marks and Greeks still come from every
 * series priced on its own.
 *
 * Expired options: a series whose expiry is at or before `markets.now` has `years = 0` and
 * `expired = true`. It is no longer priced with Black-Scholes but at intrinsic value
 * (`max(0, S − K)` for a call, `max(0, K − S)` for a put) at the current oracle price and, in the
 * margin scenarios, at the shocked price: the payoff it will settle at, with no time value and
 * no volatility sensitivity. It stays in the book (gross notional, net short contracts) until
 * the venue settles it.
 *
 * Input is assumed valid (see `validateAccount`).
 *
 * @param account The account (only its positions are read).
 * @param markets Only `markets.now` (unix seconds) is read.
 * @param params Only `params.riskFreeRate` (per year, continuous) is read.
 *
 * @example
 * const prepared = prepareAccount(account, markets, defaultRiskParams)
 * const risk = accountRisk(account, markets, defaultRiskParams, { prepared })
 */
export function prepareAccount(account: Account, markets: Markets, params: RiskParams): PrepareAccountReturnType {
  const now = markets.now
  const rate = params.riskFreeRate
  const builders = new Map<string, BookBuilder>()
  const optionSeriesIndex = new Int32Array(account.options.length)

  for (const perp of account.perps) addPerp(builderFor(builders, perp.underlying), perp)
  account.options.forEach((option, i) => {
    const builder = builderFor(builders, option.underlying)
    builder.optionSize += option.size
    builder.optionGrossSize += Math.abs(option.size)
    // Numeric nested maps, not string keys: formatting doubles would dominate the cost.
    let byStrike = builder.contracts.get(option.expiry)
    if (byStrike === undefined) builder.contracts.set(option.expiry, (byStrike = new Map()))
    let contract = byStrike.get(option.strike)
    if (contract === undefined) byStrike.set(option.strike, (contract = { call: -1, put: -1, group: -1 }))
    let index = contract[option.kind]
    if (index === -1) {
      index = contract[option.kind] = builder.series.length
      const years = Math.max(0, (option.expiry - now) / SECONDS_PER_YEAR)
      builder.series.push({ kind: option.kind, strike: option.strike, expiry: option.expiry, years, expired: years === 0, size: 0 })
    }
    const series = builder.series[index] as PreparedSeries
    series.size += option.size
    optionSeriesIndex[i] = index
  })

  const underlyings: Record<string, PreparedBook> = {}
  for (const [underlying, builder] of builders) underlyings[underlying] = finishBook(builder, rate)

  const isolated = account.isolated.map((position) => {
    const builder = newBuilder(position.perp.underlying)
    addPerp(builder, position.perp)
    return finishBook(builder, rate)
  })

  return {
    source: { perps: account.perps, options: account.options, isolated: account.isolated },
    now,
    riskFreeRate: rate,
    underlyings,
    optionSeriesIndex,
    isolated,
  }
}

type BookBuilder = {
  underlying: string
  perpSize: number
  perpGrossSize: number
  optionSize: number
  optionGrossSize: number
  series: PreparedSeries[]
  /** expiry → strike → the call and put series there (index into `series`, −1 if none) and their parity group. */
  contracts: Map<number, Map<number, Contract>>
}

type Contract = { call: number; put: number; group: number }

function newBuilder(underlying: string): BookBuilder {
  return { underlying, perpSize: 0, perpGrossSize: 0, optionSize: 0, optionGrossSize: 0, series: [], contracts: new Map() }
}

function builderFor(builders: Map<string, BookBuilder>, underlying: string): BookBuilder {
  let builder = builders.get(underlying)
  if (builder === undefined) {
    builder = newBuilder(underlying)
    builders.set(underlying, builder)
  }
  return builder
}

function addPerp(builder: BookBuilder, perp: PerpPosition): void {
  builder.perpSize += perp.size
  builder.perpGrossSize += Math.abs(perp.size)
}

function finishBook(builder: BookBuilder, rate: number): PreparedBook {
  const live: number[] = []
  builder.series.forEach((series, i) => {
    if (!series.expired) live.push(i)
  })
  const count = live.length
  const liveSeries = Int32Array.from(live)
  const liveSizes = new Float64Array(count)
  const batchSeries = live.map((index, k) => {
    const series = builder.series[index] as PreparedSeries
    liveSizes[k] = series.size
    return { kind: series.kind, strike: series.strike, years: series.years }
  })
  const batch = count > 0 ? createOptionBatch({ series: batchSeries, rate, dividendYield: 0 }) : null

  // Put-call parity groups: the first series seen at a (strike, expiry) is priced, the other kind
  // is derived as V_other = V_priced + ω_other · (S' − K·e^(−rT)).
  const groups: { kind: OptionKind; strike: number; years: number; size: number }[] = []
  let parityUnits = 0
  let parityCash = 0
  batchSeries.forEach((series, k) => {
    const original = builder.series[live[k] as number] as PreparedSeries
    const contract = builder.contracts.get(original.expiry)?.get(original.strike) as Contract
    if (contract.group === -1) {
      contract.group = groups.length
      groups.push({ kind: series.kind, strike: series.strike, years: series.years, size: 0 })
    }
    const group = groups[contract.group] as (typeof groups)[number]
    const size = liveSizes[k] as number
    group.size += size
    if (series.kind !== group.kind) {
      const omega = series.kind === 'call' ? 1 : -1
      parityUnits += size * omega
      parityCash += size * omega * ((batch as OptionBatch).discountedStrike[k] as number)
    }
  })
  const priced = groups.filter((group) => group.size !== 0)
  const scenarioBatch =
    priced.length === count ? batch : priced.length > 0 ? createOptionBatch({ series: priced, rate, dividendYield: 0 }) : null
  const scenarioSizes = priced.length === count ? liveSizes : Float64Array.from(priced, (group) => group.size)

  return {
    underlying: builder.underlying,
    perpSize: builder.perpSize,
    perpGrossSize: builder.perpGrossSize,
    optionSize: builder.optionSize,
    optionGrossSize: builder.optionGrossSize,
    series: builder.series,
    liveSeries,
    liveSizes,
    batch,
    scenarioBatch,
    scenarioSizes,
    parityUnits,
    parityCash,
    scratchPrices: new Float64Array(priced.length),
    scratchDeltas: new Float64Array(priced.length),
    scratchGreeks: {
      price: new Float64Array(count),
      delta: new Float64Array(count),
      gamma: new Float64Array(count),
      vega: new Float64Array(count),
      theta: new Float64Array(count),
      rho: new Float64Array(count),
    },
  }
}
