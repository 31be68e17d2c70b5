import type { AccountRiskReturnType } from '@/lib/core/risk/accountRisk'
import { DAYS_PER_YEAR, VOL_POINTS } from '@/lib/core/units'

/** One option position as the positions table shows it (DESIGN.md §3 units: USD, contracts, seconds). */
export type OptionRow = {
  /** Stable React key: the venue's series id, else the series terms. */
  key: string
  underlying: string
  kind: 'call' | 'put'
  /** USD per unit. */
  strike: number
  /** Unix seconds. */
  expiry: number
  side: 'long' | 'short'
  /** Signed contracts (1 contract = 1 unit of the underlying). */
  size: number
  /** Average premium per contract paid (long) or received (short), USD; null when unknown. */
  entryPremium: number | null
  /** Model mark per contract, USD: Black-Scholes at the volatility index, or intrinsic once expired. */
  mark: number
  /** size × mark, USD (a liability when short). */
  value: number
  /** size × (mark − entry), USD; null without an entry premium. */
  unrealizedPnl: number | null
  /** Position delta, units of the underlying. */
  delta: number
  /** Position vega per volatility point (0.01), USD. */
  vegaPerPoint: number
  /** Position theta per day, USD (calendar day, 1/365 of a year). */
  thetaPerDay: number
  /** Seconds left to expiry at the valuation time; 0 once expired. */
  secondsToExpiry: number
  expired: boolean
}

/**
 * The cross book's option positions in table order — by underlying, then expiry, then strike,
 * calls before puts — with the engine's per-position figures converted to what a trader reads:
 * vega per volatility point (lib/core's vega is per 1.00 of vol) and theta per day (lib/core's is
 * per year; a 365-day year, as the venue's 31,536,000-second year).
 *
 * @example
 * optionRows(risk)[0] // { underlying: 'BTC', kind: 'call', strike: 62_000, side: 'short', vegaPerPoint: -41.2, … }
 */
export function optionRows(risk: AccountRiskReturnType): OptionRow[] {
  return risk.options
    .map((option) => ({
      key: `${option.underlying}-${option.kind}-${option.strike}-${option.expiry}`,
      underlying: option.underlying,
      kind: option.kind,
      strike: option.strike,
      expiry: option.expiry,
      side: option.size >= 0 ? ('long' as const) : ('short' as const),
      size: option.size,
      entryPremium: option.entryPrice,
      mark: option.mark,
      value: option.value,
      unrealizedPnl: option.unrealizedPnl,
      delta: option.delta,
      vegaPerPoint: option.vega / VOL_POINTS,
      thetaPerDay: option.theta / DAYS_PER_YEAR,
      secondsToExpiry: Math.max(0, option.expiry - risk.now),
      expired: option.expired,
    }))
    .sort((a, b) => a.underlying.localeCompare(b.underlying) || a.expiry - b.expiry || a.strike - b.strike || (a.kind === b.kind ? 0 : a.kind === 'call' ? -1 : 1))
}
