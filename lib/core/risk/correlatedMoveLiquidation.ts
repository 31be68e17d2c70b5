import type { InvalidInputError } from '../errors'
import { accountRisk } from './accountRisk'
import { assertSearchRange, defaultSearchRange } from './assertSearchRange'
import { cushionRoots, type CushionRoot, type NoLiquidationReason } from './cushionRoots'
import { exposedUnderlyings } from './exposedUnderlyings'
import { marginCushion } from './marginCushion'
import { prepareAccount } from './prepareAccount'
import type { Account, Markets, RiskParams } from './types'
import { validateAccount, type ValidateAccountErrorType } from './validateAccount'

export type CorrelatedMoveLiquidationParameters = {
  /** Sizes in base units, collateral in asset units. */
  account: Account
  /** Oracle state at `markets.now`, USD. */
  markets: Markets
  params: RiskParams
  /** Moves searched, as price multiples: default `{ low: 0.01, high: 100 }` (−99 % to +9,900 %). */
  searchRange?: { low: number; high: number }
}

/** A common move at which the cross account's equity = MM. */
export type CorrelatedMove = {
  /** Relative move x applied to every price: −0.25 is every underlying 25 % lower. */
  move: number
  /** Each exposed underlying's price after the move, USD per unit: S·(1 + x). */
  prices: Record<string, number>
  method: 'closedForm' | 'brent'
}

/** No such move on this side, and why. */
export type NoCorrelatedMove = { move: null; reason: NoLiquidationReason }

export type CorrelatedMoveLiquidationReturnType = {
  /** The underlyings moved: every one the cross book holds or has linked collateral in. */
  underlyings: string[]
  /** The smallest common fall that liquidates the cross account. */
  down: CorrelatedMove | NoCorrelatedMove
  /** The smallest common rise that liquidates it. */
  up: CorrelatedMove | NoCorrelatedMove
}

export type CorrelatedMoveLiquidationErrorType = ValidateAccountErrorType | InvalidInputError

/**
 * The correlated-move liquidation distance (DESIGN.md §4.7): the one relative move x that,
 * applied to every underlying of the cross account at once (BTC, ETH and SOL all −x %), together
 * with the collateral linked to them (WETH, wstETH move with ETH, price and conf), brings equity
 * down to the maintenance margin — on the way down and on the way up. It answers "how far can
 * the whole market fall before I am liquidated", which per-underlying liquidation prices (each
 * holding the others fixed) understate for a book that is long everything and overstate for a
 * hedged one.
 *
 * With λ = 1 + x, the cushion `A − MM` is revalued with every exposed price multiplied by λ
 * (time, vol and funding fixed; each underlying's margin grid is recomputed at its moved price,
 * DESIGN.md §4.2). A book without options gives a quadratic in λ solved exactly; otherwise the
 * first sign change on each side is bracketed by a scan outwards in ln λ and closed by Brent's
 * method to 1e-12 (see `cushionRoots`). Isolated positions are not part of the cross account.
 *
 * `null` with a reason: 'noneInRange', 'alreadyLiquidatable' (A < MM now) or 'noExposure'.
 *
 * @throws {CorrelatedMoveLiquidationErrorType} invalid input (see `validateAccount`) or a search
 *   range that does not contain 1.
 *
 * @example
 * // long 1 BTC (60,000) and 20 ETH (3,000) on 15,000 USDC, vols 0.5 and 0.7
 * correlatedMoveLiquidation({ account, markets, params: defaultRiskParams }).down
 * // { move: −0.10779…, prices: { BTC: 53_532.39…, ETH: 2_676.62… }, method: 'closedForm' }
 */
export function correlatedMoveLiquidation(parameters: CorrelatedMoveLiquidationParameters): CorrelatedMoveLiquidationReturnType {
  const { account, markets, params } = parameters
  validateAccount(account, markets, params)
  const range = parameters.searchRange ?? defaultSearchRange
  assertSearchRange(range)
  const prepared = prepareAccount(account, markets, params)
  const risk = accountRisk(account, markets, params, { prepared })
  const underlyings = exposedUnderlyings(account, markets, prepared)
  const cushion = marginCushion({ risk, prepared, markets, params, target: { kind: 'cross', underlyings } })
  const roots = cushionRoots({ cushion, minMultiplier: range.low, maxMultiplier: range.high })

  const toMove = (root: CushionRoot): CorrelatedMove | NoCorrelatedMove => {
    if (root.multiplier === null) return { move: null, reason: root.reason }
    const prices: Record<string, number> = {}
    for (const underlying of underlyings) prices[underlying] = root.multiplier * (markets.underlyings[underlying] as Markets['underlyings'][string]).price
    return { move: root.multiplier - 1, prices, method: root.method }
  }
  return { underlyings, down: toMove(roots.below), up: toMove(roots.above) }
}
