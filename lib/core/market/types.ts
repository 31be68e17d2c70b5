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
