import { NoSolutionError, type InvalidInputError } from '../errors'
import { bracketRoot } from '../math/bracketRoot'
import { brent } from '../math/brent'
import { accountRisk } from '../risk/accountRisk'
import type { Account, Markets, RiskParams } from '../risk/types'
import { validateAccount, type ValidateAccountErrorType } from '../risk/validateAccount'
import { assertFinite } from '../validate'
import { applyPerpTrade } from './applyPerpTrade'

export type BorrowingPowerParameters = {
  account: Account
  markets: Markets
  params: RiskParams
  /** Each market's current skew, base units (long − short open interest; default 0). */
  skews?: Record<string, number>
  /** Markets to report (default: every underlying with market state and parameters). */
  underlyings?: readonly string[]
}

/** The largest trade in one direction the venue accepts, and what it costs. */
export type TradeCapacity = {
  /** Base units (>= 0): the size of the largest accepted buy (long) or sell (short). */
  size: number
  /** |size|·fill price, USD. */
  notional: number
  /** The fill price of that trade, USD per unit (the oracle price when size is 0). */
  fillPrice: number
  /**
   * What binds: equity after = IM after ('initialMargin'); for a pure reduction, the position
   * itself ('reduction'); or, selling, the skew discount taking the fill price towards 0 before
   * the margin binds ('fillPrice': the size stops at 99.9 % of that point).
   */
  limitedBy: 'initialMargin' | 'reduction' | 'fillPrice'
}

export type BorrowingPowerReturnType = Record<string, { long: TradeCapacity; short: TradeCapacity }>

export type BorrowingPowerErrorType = ValidateAccountErrorType | InvalidInputError

/**
 * Borrowing power per perp market: the largest additional size the cross account can buy and
 * sell, each on its own, and still pass the venue's margin rule (DESIGN.md §4.4): a trade that
 * opens, grows or flips a position needs equity after >= IM after; a pure reduction always
 * passes. The trade is booked as the venue books it — funding settled, fill at the skew-premium
 * price, taker fee (DESIGN.md §4.5, `applyPerpTrade`) — and the account re-evaluated, so the
 * premium, the fee and the grown margin grid (including `sizeSlope` and options in the same
 * underlying) all count.
 *
 * For each direction, `h(s) = A_after(s) − IM_after(s)` is scanned outwards from the current
 * size (steps growing ×2 from a size worth the free collateral) to its first sign change and
 * Brent's method closes it to 1e-12 relative; in the reducing direction the scan starts where
 * the position is fully closed. Sells stop short of the size at which the skew discount would
 * take the fill price to 0.
 *
 * @throws {BorrowingPowerErrorType} invalid input, non-finite skews, unknown markets.
 *
 * @example
 * // the same account: 4,000 USDC and 2 WETH behind 1 BTC long at 60,000
 * borrowingPower({ account, markets, params: defaultRiskParams, skews: { BTC: 120 } }).BTC
 * // { long: { size: 2.7502…, notional: 167_016.6…, fillPrice: 60_728.25…, limitedBy: 'initialMargin' },
 * //   short: { size: 8.6552…, notional: 525_321.9…, fillPrice: 60_694.03…, limitedBy: 'initialMargin' } }
 */
export function borrowingPower(parameters: BorrowingPowerParameters): BorrowingPowerReturnType {
  const { account, markets, params } = parameters
  const skews = parameters.skews ?? {}
  validateAccount(account, markets, params)
  for (const [market, skew] of Object.entries(skews)) assertFinite(`skews.${market}`, skew)
  const underlyings =
    parameters.underlyings ?? Object.keys(markets.underlyings).filter((underlying) => Object.hasOwn(params.markets, underlying))

  const risk = accountRisk(account, markets, params)
  const result: BorrowingPowerReturnType = {}
  for (const underlying of underlyings) {
    const market = markets.underlyings[underlying]
    const marketParams = params.markets[underlying]
    if (market === undefined || marketParams === undefined) throw new NoSolutionError('borrowing power', `no market state or parameters for ${underlying}`)
    const skew = skews[underlying] ?? 0
    let position = 0
    for (const perp of account.perps) if (perp.underlying === underlying) position += perp.size

    const capacity = (direction: 1 | -1): TradeCapacity => {
      const headroom = (size: number) => {
        if (size === 0) return risk.equity - risk.initialMargin
        const booked = applyPerpTrade({ account, markets, params, trade: { underlying, size: direction * size, skew } })
        const after = accountRisk(booked.account, markets, params)
        return after.equity - after.initialMargin
      }
      const result = (size: number, limitedBy: TradeCapacity['limitedBy']): TradeCapacity => {
        if (size === 0) return { size: 0, notional: 0, fillPrice: market.price, limitedBy }
        const booked = applyPerpTrade({ account, markets, params, trade: { underlying, size: direction * size, skew } })
        return { size, notional: size * booked.fill.fillPrice, fillPrice: booked.fill.fillPrice, limitedBy }
      }
      // A reduction (up to closing the position) is always accepted; beyond it the trade opens risk.
      const reducible = position * direction < 0 ? Math.abs(position) : 0
      // Buys: the premium grows with the size squared and always binds before 1e18 USD of
      // notional (the engine's bound on amounts). Sells: the fill price
      // S·(1 + (2·skew − s)/(2·skewScale)) must stay > 0.
      const limit = direction > 0 ? reducible + 1e18 / market.price : 0.999 * 2 * (skew + marketParams.skewScale)
      if (!(limit > reducible)) return result(Math.max(0, Math.min(reducible, limit)), reducible > 0 ? 'reduction' : 'fillPrice')
      const start = reducible
      const startValue = start === 0 ? risk.equity - risk.initialMargin : headroom(start)
      if (startValue < 0) return result(reducible, reducible > 0 ? 'reduction' : 'initialMargin')
      const scale = Math.max(Math.abs(risk.equity - risk.initialMargin), 1e-9 * market.price) / market.price
      const firstStep = Math.min(scale, limit - start)
      const bracket = bracketRoot({ f: headroom, start, startValue, end: limit, firstStep, growth: 2 })
      if (bracket === null) return result(limit, direction > 0 ? 'initialMargin' : 'fillPrice')
      const root = brent({
        f: headroom,
        lower: bracket.near,
        upper: bracket.far,
        lowerValue: bracket.nearValue,
        upperValue: bracket.farValue,
        relativeTolerance: 1e-12,
        // a crossing at (or next to) size 0 needs a floor on the bracket width
        absoluteTolerance: 1e-12 * firstStep,
      })
      // Brent's last bracket straddles the crossing; report its accepted (h >= 0, nearer) end.
      const size = root.value >= 0 ? root.root : root.root - root.bracketWidth
      return result(Math.max(size, reducible), 'initialMargin')
    }
    result[underlying] = { long: capacity(1), short: capacity(-1) }
  }
  return result
}
