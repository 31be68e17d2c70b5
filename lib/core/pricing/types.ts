import type { OptionKind } from '../risk/types'

/** A European option and the market it is priced in — everything but the volatility. */
export type OptionMarket = {
  /** `'call'` or `'put'` (European). */
  kind: OptionKind
  /** Price of the underlying, USD per unit (> 0). */
  spot: number
  /** Strike, USD per unit (> 0). */
  strike: number
  /** Time to expiry in years of 365 days (≥ 0; 0 = expiring now). */
  years: number
  /** Risk-free rate, per year, continuously compounded. */
  rate: number
  /** Continuous yield of the underlying, per year (cost of carry b = rate − dividendYield; Black-76: = rate). */
  dividendYield: number
}

/** The option kinds the engine prices, for input validation. */
export const optionKinds: readonly OptionKind[] = ['call', 'put']
