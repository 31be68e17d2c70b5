import type { InvalidInputError, NoSolutionError } from '../errors'
import type { FillPriceReturnType } from '../market/fillPrice'
import { accountRisk } from '../risk/accountRisk'
import { liquidationPrice, type LiquidationPriceReturnType } from '../risk/liquidationPrice'
import type { Account, Markets, RiskParams } from '../risk/types'
import { validateAccount, type ValidateAccountErrorType } from '../risk/validateAccount'
import { applyPerpTrade, type PerpTrade } from './applyPerpTrade'
import { riskChanges, type Change, type RiskChanges } from './riskChanges'

export type TradePreviewParameters = {
  account: Account
  markets: Markets
  params: RiskParams
  /** The perp order: underlying, signed size (base units), the market's skew, optional isolated id. */
  trade: PerpTrade
  /** Also compute the liquidation prices before and after (default true; the costly part for big option books). */
  liquidationPrices?: boolean
}

export type TradePreviewReturnType = {
  /** The account after the trade, exactly as the venue books it (see `applyPerpTrade`). */
  account: Account
  /** Fill price (USD per unit), premium, premium cost and taker fee (USD). */
  fill: FillPriceReturnType
  /** PnL realized at the fill, USD. */
  realizedPnl: number
  /** Funding settled before the fill, USD (positive: paid). */
  fundingSettled: number
  /** Opens, grows or flips a position. */
  increasesRisk: boolean
  /**
   * Whether the venue's margin rule accepts it (DESIGN.md §4.4): a risk-reducing trade always; a
   * risk-increasing one when equity after >= IM after, of the cross account or, for an isolated
   * trade, of that position. Oracle freshness is checked elsewhere (DESIGN.md §4.6).
   */
  allowed: boolean
  /** Every figure before → after; `after` is a plain re-evaluation of `account`. */
  changes: RiskChanges
  /** Liquidation prices before → after, when asked for. */
  liquidationPrices: Change<LiquidationPriceReturnType> | null
}

export type TradePreviewErrorType = ValidateAccountErrorType | InvalidInputError | NoSolutionError

/**
 * Preview of a perp trade, every figure before → after (the form pattern of dYdX v4-web: current →
 * projected, computed by a pure function the transaction then uses). The trade is booked as the
 * venue books it — funding settled, fill at the skew-premium price, taker fee, average-entry PnL
 * (DESIGN.md §4.5, `applyPerpTrade`) — and the changed account is evaluated from scratch with
 * `accountRisk`, so `after` is exactly what a fresh evaluation of the new state shows.
 *
 * @throws {TradePreviewErrorType} invalid account/markets/params, a zero or non-finite size, an
 *   unknown isolated id, or a sell whose fill price would be <= 0.
 *
 * @example
 * const preview = tradePreview({ account, markets, params: defaultRiskParams, trade: { underlying: 'BTC', size: 0.25, skew: 40 } })
 * preview.fill.fillPrice // 60_240.75 USD: 60,000·(1 + (40 + 40.25)/2/10,000)
 * preview.changes.grossLeverage // { before: 6.38…, after: 8.04… }
 * preview.allowed // true: equity after >= IM after
 */
export function tradePreview(parameters: TradePreviewParameters): TradePreviewReturnType {
  const { account, markets, params, trade } = parameters
  validateAccount(account, markets, params)
  const booked = applyPerpTrade({ account, markets, params, trade })
  const before = accountRisk(account, markets, params)
  const after = accountRisk(booked.account, markets, params)

  let allowed = true
  if (booked.increasesRisk) {
    if (trade.isolatedId === undefined) allowed = after.equity >= after.initialMargin
    else {
      const position = after.isolated.find((p) => p.id === trade.isolatedId)
      allowed = position === undefined || position.equity >= position.initialMargin
    }
  }

  const withLiquidation = parameters.liquidationPrices ?? true
  return {
    account: booked.account,
    fill: booked.fill,
    realizedPnl: booked.realizedPnl,
    fundingSettled: booked.fundingSettled,
    increasesRisk: booked.increasesRisk,
    allowed,
    changes: riskChanges(before, after),
    liquidationPrices: withLiquidation
      ? {
          before: liquidationPrice({ account, markets, params }),
          after: liquidationPrice({ account: booked.account, markets, params }),
        }
      : null,
  }
}
