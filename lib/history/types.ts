/**
 * One stored moment of an account's history (issue 9). Times are wall-clock milliseconds
 * (`Date.now()`); money in USD; leverage as a multiple (×); margin ratio as a fraction
 * (MM / equity, 1.0 = liquidation), DESIGN.md §3 and §4.4.
 *
 * A sample is taken only from confident figures (every price and vol the figures depend on was
 * live). A stretch without them is stored as one gap record (`confident: false`, every figure
 * `null`): a stale price is not history, and the chart breaks its line there.
 *
 * Leverage and margin ratio are `Infinity` in lib/core when equity ≤ 0; IndexedDB would keep
 * that, but no chart or average can use it, so they are stored as `null` with equity (which
 * says why) beside them.
 */
export type HistorySample = ConfidentSample | HistoryGap

/** Figures from live prices. */
export type ConfidentSample = {
  /** Account address, lower case (the key's first part). */
  address: string
  /** Wall-clock ms when the snapshot was taken (the key's second part). */
  time: number
  confident: true
  /** Cross account equity, USD. */
  equity: number
  /** Σ |notional| / equity, ×; `null` when equity ≤ 0 (lib/core's `Infinity`). */
  grossLeverage: number | null
  /** Σ_m |net delta_m| · S_m / equity, ×; `null` when equity ≤ 0. */
  netLeverage: number | null
  /** MM / equity (1.0 = liquidation); `null` when equity ≤ 0. */
  marginRatio: number | null
  /** Maintenance margin, USD. */
  maintenanceMargin: number
}

/** From here until the next confident sample the figures were not live: nothing is known. */
export type HistoryGap = {
  address: string
  time: number
  confident: false
  equity: null
  grossLeverage: null
  netLeverage: null
  marginRatio: null
  maintenanceMargin: null
}

/** The figures a chart draws, by name. */
export type HistoryFigure = 'equity' | 'grossLeverage' | 'netLeverage' | 'marginRatio'
