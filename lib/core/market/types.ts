/**
 * Plain-data state of a perpetual market's funding (DESIGN.md §4.5). The venue stores the same
 * four fields per market; the worker mirrors them to show funding owed and the live rate.
 */
export type FundingState = {
  /** Funding rate r, fraction of price per day; longs pay shorts when r > 0. */
  fundingRate: number
  /** Cumulative funding index F, USD per unit of the underlying (`F_m` in DESIGN.md §4.1). */
  fundingIndex: number
  /** Time up to which `fundingRate` and `fundingIndex` are accrued, unix seconds. */
  lastUpdated: number
  /** Skew = long open interest − short open interest, base units (BTC for the BTC perp). */
  skew: number
}

/**
 * How the venue prices option trades (issue #8; contracts' `OptionParams`). Fractions, not
 * percent: 0.01 = 1 %.
 */
export type OptionTradingParams = {
  /** Half-spread around the model mark, fraction of the mark: buys fill at mark·(1 + spread), sells at mark·(1 − spread). In [0, 1). */
  spread: number
  /** Fee per contract, fraction of the underlying's price S (Deribit: 0.0003). >= 0. */
  feeRate: number
  /** Cap on the fee per contract, fraction of the option's mark (Deribit: 0.125). >= 0. */
  feeCap: number
}
