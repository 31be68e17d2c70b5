import { InvalidInputError, UnknownMarketError } from '../errors'
import { optionGreeks } from '../pricing/optionGreeks'
import type { Markets, OptionKind, RiskParams } from '../risk/types'
import { DAYS_PER_YEAR, SECONDS_PER_YEAR, VOL_POINTS } from '../units'
import { assertFinite, assertOneOf, assertPositive } from '../validate'
import { optionFill } from './optionFill'
import type { OptionTradingParams } from './types'

/** The terms of one listed series, as the venue lists it (`getOptionSeries`). */
export type OptionSeriesTerms = {
  /** The venue's series id (a decimal string of its `uint256`). */
  seriesId: string
  /** Underlying market, e.g. `'BTC'`. */
  underlying: string
  kind: OptionKind
  /** USD per unit. */
  strike: number
  /** Unix seconds. */
  expiry: number
}

export type OptionChainParameters = {
  /** Oracle price and volatility index per underlying, and the valuation time `now` (unix seconds). */
  markets: Markets
  /** Only `riskFreeRate` (per year, continuous) is read: the venue prices with it. */
  params: RiskParams
  /** The venue's spread and fee rule (`optionParams`). */
  tradingParams: OptionTradingParams
  /** The listed series, in any order; the rows keep it. */
  series: readonly OptionSeriesTerms[]
}

/** One series quoted now: every figure per contract (1 contract = 1 unit of the underlying). */
export type OptionChainRow = OptionSeriesTerms & {
  /** Time to expiry, years of 31,536,000 s (0 once expired). */
  years: number
  /** `now >= expiry` (the venue's rule): not tradable, quoted at intrinsic, no bid, ask, fee or Greeks. */
  expired: boolean
  /** Volatility the series is priced at, annualised: the underlying's index (flat across strikes and expiries). */
  vol: number
  /** Model mark, USD: Black-Scholes-Merton at S and the index (q = 0); intrinsic value at the live price once expired. */
  mark: number
  /** What selling one contract fills at, USD: mark·(1 − spread). `null` once expired. */
  bid: number | null
  /** What buying one contract costs, USD: mark·(1 + spread). `null` once expired. */
  ask: number | null
  /** Fee per contract, buy or sell, USD: min(feeRate·S, feeCap·mark). `null` once expired. */
  fee: number | null
  /** dV/dS, units of the underlying per contract. `null` once expired. */
  delta: number | null
  /** d²V/dS², per USD. `null` once expired. */
  gamma: number | null
  /** dV/dσ, USD per 1.00 of volatility. `null` once expired. */
  vega: number | null
  /** dV/dt, USD per year (negative for a long option). `null` once expired. */
  theta: number | null
  /** Vega per volatility point (0.01), USD: vega / 100. `null` once expired. */
  vegaPerPoint: number | null
  /** Theta per calendar day, USD: theta / 365 (the engine's 365-day year). `null` once expired. */
  thetaPerDay: number | null
}

export type OptionChainReturnType = {
  /** Valuation time, unix seconds (`markets.now`). */
  now: number
  /** The oracle price (USD per unit) and volatility index (annualised) each quoted underlying was priced at. */
  underlyings: Record<string, { price: number; vol: number }>
  rows: OptionChainRow[]
}

export type OptionChainErrorType = InvalidInputError | UnknownMarketError

/**
 * The venue's option chain now (issue 9, options ticket): for every listed series the quote the
 * venue would give — contracts' `MarginVenueViews.getOptionSeries` and `_quoteOption` — and the
 * Greeks per contract.
 * ```
 * T      = max(0, expiry − now) / 31,536,000
 * mark   = BSM(kind, S, K, T, r, q = 0, σ_index)          (optionGreeks; T = 0: intrinsic)
 * bid    = mark·(1 − spread)      ask = mark·(1 + spread)
 * fee    = min(feeRate·S, feeCap·mark)                    per contract (optionFill's rule)
 * delta, gamma, vega, theta: optionGreeks (Haug §1.1.6, §2.1); vega/100 per vol point, theta/365 per day
 * ```
 * The venue prices every strike and expiry at the underlying's volatility index, so the implied
 * volatility is flat per underlying: there is no smile to show. An expired series (`now >= expiry`,
 * the venue's rule) gets no quote: it trades no more and is worth its intrinsic value until settled.
 *
 * @throws {OptionChainErrorType} a series whose underlying has no market state (`UnknownMarketError`);
 *   a bad kind, strike, expiry or series id, a non-list `series`, or trading parameters `optionFill`
 *   rejects (`InvalidInputError`, `field` names the series by index).
 *
 * @example
 * optionChain({ markets, params, tradingParams: defaultOptionTradingParams, series: [{ seriesId: '0', underlying: 'BTC', kind: 'call', strike: 62_000, expiry }] })
 * // { now, underlyings: { BTC: { price: 60_000, vol: 0.55 } }, rows: [{ seriesId: '0', mark: 1_104.…, bid: 1_093.…, ask: 1_115.…, fee: 18, delta: 0.33…, … }] }
 */
export function optionChain({ markets, params, tradingParams, series }: OptionChainParameters): OptionChainReturnType {
  if (!Array.isArray(series)) throw new InvalidInputError('series', series, 'a list of option series')
  assertFinite('markets.now', markets.now)
  const now = markets.now
  const rate = params.riskFreeRate
  const underlyings: OptionChainReturnType['underlyings'] = {}
  const rows = series.map((terms, i): OptionChainRow => {
    const field = `series[${i}]`
    if (typeof terms !== 'object' || terms === null) throw new InvalidInputError(field, terms, 'option series terms')
    const { seriesId, underlying, kind, strike, expiry } = terms
    if (typeof seriesId !== 'string' || seriesId === '') throw new InvalidInputError(`${field}.seriesId`, seriesId, 'a series id')
    assertOneOf(`${field}.kind`, kind, ['call', 'put'] as const)
    assertPositive(`${field}.strike`, strike)
    assertFinite(`${field}.expiry`, expiry)
    const market = markets.underlyings[underlying]
    if (market === undefined) throw new UnknownMarketError(String(underlying))
    underlyings[underlying] = { price: market.price, vol: market.vol }

    const expired = now >= expiry
    const years = expired ? 0 : (expiry - now) / SECONDS_PER_YEAR
    const base = { seriesId, underlying, kind, strike, expiry, years, expired, vol: market.vol }
    const greeks = optionGreeks({ kind, spot: market.price, strike, years, rate, dividendYield: 0, vol: market.vol })
    if (expired)
      return { ...base, mark: greeks.price, bid: null, ask: null, fee: null, delta: null, gamma: null, vega: null, theta: null, vegaPerPoint: null, thetaPerDay: null }
    // optionFill is the venue's fill rule: one contract each way gives the bid, the ask and the fee.
    const fill = { kind, spot: market.price, strike, years, rate, vol: market.vol, params: tradingParams }
    const buy = optionFill({ ...fill, size: 1 })
    const sell = optionFill({ ...fill, size: -1 })
    return {
      ...base,
      mark: buy.mark,
      bid: sell.premium,
      ask: buy.premium,
      fee: buy.fee,
      delta: greeks.delta,
      gamma: greeks.gamma,
      vega: greeks.vega,
      theta: greeks.theta,
      vegaPerPoint: greeks.vega / VOL_POINTS,
      thetaPerDay: greeks.theta / DAYS_PER_YEAR,
    }
  })
  return { now, underlyings, rows }
}
