import type { NoLiquidationReason } from '@/lib/core/risk/liquidationPrice'

export type NoLiquidationTextParameters = {
  reason: NoLiquidationReason
  /** Which way the price (or every price, for the correlated move) moves. */
  side: 'below' | 'above'
  /** The searched range as multiples of the current price (lib/core's `searchRange`: 0.01 and 100 by default). */
  searchRange: { low: number; high: number }
  /** What moves: `BTC`, or `every underlying` for the correlated move. */
  moving: string
}

/**
 * Why there is no liquidation price on a side, in words (lib/core returns `null` with a reason,
 * never a guess).
 *
 * @example
 * noLiquidationText({ reason: 'noneInRange', side: 'below', searchRange: { low: 0.01, high: 100 }, moving: 'BTC' })
 * // { short: 'none down to −99 %', long: 'No liquidation even if BTC falls 99 % (to 0.01× its price): the account survives every fall searched.' }
 */
export function noLiquidationText({ reason, side, searchRange, moving }: NoLiquidationTextParameters): { short: string; long: string } {
  switch (reason) {
    case 'alreadyLiquidatable':
      return { short: 'already liquidatable', long: 'Equity is already below the maintenance margin: the account can be liquidated now.' }
    case 'noExposure':
      return { short: 'no exposure', long: `Nothing in the book changes value with ${moving}: no price of it liquidates.` }
    case 'noneInRange': {
      if (side === 'below') {
        const fall = Math.round((1 - searchRange.low) * 100)
        return { short: `none down to −${fall} %`, long: `No liquidation even if ${moving} falls ${fall} % (to ${searchRange.low}× its price): the account survives every fall searched.` }
      }
      return { short: `none up to ${searchRange.high}×`, long: `No liquidation even if ${moving} rises to ${searchRange.high}× its price: the account survives every rise searched.` }
    }
  }
}
