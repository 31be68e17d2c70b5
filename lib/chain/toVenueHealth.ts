import type { UnknownMarketError } from '../core/errors'
import { fromWad } from './fromWad'
import { marketSymbols } from './marketSymbols'
import type { AccountHealthView, MarketView, VenueAccountHealth, VenueBookHealth } from './types'

export type ToVenueHealthParameters = {
  /** `accountHealth(trader)` at the read block. */
  health: AccountHealthView
  /** `getMarkets()` at the same block, to name underlyings by symbol. */
  markets: readonly MarketView[]
}

export type ToVenueHealthErrorType = UnknownMarketError

/**
 * The venue's own verdict on an account (`accountHealth`) in USD: equity and its parts, IM and
 * MM of the cross book (per underlying, with the margin ranges as fractions of price) and of each
 * isolated position keyed by its id, and the venue's liquidation flags (`A < MM` on live feeds).
 * The engine computes the same figures (DESIGN.md §3: parity to 1e-9 relative); the worker can
 * show the venue's as the reference, or check its own against them.
 *
 * @throws {UnknownMarketError} For an underlying `markets` does not list.
 *
 * @example
 * toVenueHealth({ health, markets: marketViews }).cross.maintenanceMargin // 582.1 (USD)
 */
export function toVenueHealth({ health, markets }: ToVenueHealthParameters): VenueAccountHealth {
  const symbolOf = marketSymbols(markets)
  const book = (view: AccountHealthView['cross']): VenueBookHealth => ({
    equity: fromWad(view.equity),
    collateralValue: fromWad(view.collateralValue),
    unrealizedPnl: fromWad(view.unrealizedPnl),
    fundingOwed: fromWad(view.fundingOwed),
    optionValue: fromWad(view.optionValue),
    maintenanceMargin: fromWad(view.maintenanceMargin),
    initialMargin: fromWad(view.initialMargin),
    underlyings: Object.fromEntries(
      view.underlyings.map((underlying) => [
        symbolOf(underlying.marketId),
        {
          grossNotional: fromWad(underlying.grossNotional),
          maintenanceRange: fromWad(underlying.maintenanceRange),
          initialRange: fromWad(underlying.initialRange),
          maintenanceMargin: fromWad(underlying.maintenanceMargin),
          initialMargin: fromWad(underlying.initialMargin),
        },
      ]),
    ),
  })
  return {
    cross: book(health.cross),
    liquidatable: health.liquidatable,
    isolated: Object.fromEntries(
      health.isolated.map((position) => [String(position.id), { underlying: symbolOf(position.marketId), health: book(position.health), liquidatable: position.liquidatable }]),
    ),
  }
}
