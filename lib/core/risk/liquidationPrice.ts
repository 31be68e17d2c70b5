import type { InvalidInputError } from '../errors'
import { SECONDS_PER_YEAR } from '../units'
import { assertPositive } from '../validate'
import { accountRisk } from './accountRisk'
import { assertSearchRange, defaultSearchRange } from './assertSearchRange'
import { cushionRoots, type CushionRoot, type NoLiquidationReason } from './cushionRoots'
import { exposedUnderlyings } from './exposedUnderlyings'
import { marginCushion, type MarginCushionTarget } from './marginCushion'
import { prepareAccount } from './prepareAccount'
import type { Account, Markets, RiskParams } from './types'
import { validateAccount, type ValidateAccountErrorType } from './validateAccount'

export type { NoLiquidationReason } from './cushionRoots'

export type LiquidationPriceParameters = {
  /** Sizes in base units, collateral in asset units. */
  account: Account
  /** Oracle state at `markets.now` (unix seconds), USD. */
  markets: Markets
  params: RiskParams
  /** Horizon of the sigma distance, seconds (> 0; default `params.horizonSeconds`, or 1 h if that is 0). */
  horizonSeconds?: number
  /** Prices searched, as multiples of the current price: default `{ low: 0.01, high: 100 }`. */
  searchRange?: { low: number; high: number }
}

/** A price at which equity = MM. */
export type LiquidationLevel = {
  /** USD per unit of the underlying. */
  price: number
  /** (price − S) / S, a fraction: −0.12 is 12 % below the current price. */
  distance: number
  /**
   * ln(price / S) / (sigma · √(horizonSeconds / 31,536,000)): the move in horizon standard
   * deviations (±Infinity only if that deviation underflows to 0, e.g. a horizon of 1e-300 s).
   */
  distanceSigmas: number
  /** 'closedForm' for books without options, 'brent' when found by root finding. */
  method: 'closedForm' | 'brent'
}

/** No liquidation price on this side, and why. */
export type NoLiquidationPrice = { price: null; reason: NoLiquidationReason }

/** The liquidation prices of one book in one underlying: the first one on the way down and on the way up. */
export type LiquidationPrices = {
  underlying: string
  /** Current oracle price S, USD per unit. */
  spot: number
  below: LiquidationLevel | NoLiquidationPrice
  above: LiquidationLevel | NoLiquidationPrice
}

export type LiquidationPriceReturnType = {
  /** Cross account, per underlying it is exposed to (positions or linked collateral). */
  underlyings: Record<string, LiquidationPrices>
  /** Per `account.perps[i]`: its underlying's cross liquidation prices (the same object). */
  perps: LiquidationPrices[]
  /** Per `account.options[i]`: its underlying's cross liquidation prices. */
  options: LiquidationPrices[]
  /** Per `account.isolated[i]`, on its own margin. */
  isolated: (LiquidationPrices & { id: string })[]
  /** The searched range, as multiples of each current price: prices from `low·S` to `high·S`. */
  searchRange: { low: number; high: number }
}

export type LiquidationPriceErrorType = ValidateAccountErrorType | InvalidInputError

/**
 * Liquidation prices: for each underlying, the price(s) at which the cross account's equity
 * falls to its maintenance margin (DESIGN.md §4.4: liquidatable when A < MM) with every other
 * price fixed; and for each isolated position, the same on its own margin. A cross position's
 * liquidation price is its underlying's (the whole cross book shares one collateral pool).
 *
 * Moving an underlying's price S moves its perps' PnL, revalues its options and its whole
 * margin grid (the range M_mm grows with gross notional through `sizeSlope`), and scales the
 * price and conf of collateral linked to it (WETH, wstETH → ETH) in proportion. Time, vol and
 * funding are held fixed. On each side the reported price is the first one reached from S.
 *
 * Method (see `marginCushion`, `cushionRoots`): a book without options has a cushion
 * `A − MM = c0 + c1·S' + c2·S'²` (MM = |Q|·S'·(M0 + sizeSlope·g·S')), solved exactly; with
 * options, a scan outwards from S on both sides and Brent's method to 1e-12 relative. For an
 * isolated position with margin m_v (valued USDC), size q, entry E and funding owed f and no
 * size slope this is the familiar
 * ```
 * S_liq = (q·E − m_v + f) / (q − |q|·M0)       (M0 the maintenance fraction)
 * ```
 * e.g. Hyperliquid's `price − side·margin_available / size / (1 − l·side)` with l = M0.
 *
 * `null` with a reason instead of a number: 'noneInRange' (no crossing between `low·S` and
 * `high·S`), 'alreadyLiquidatable' (A < MM now), 'noExposure' (nothing depends on that price).
 *
 * Distances: `distance = S_liq/S − 1`; `distanceSigmas = ln(S_liq/S) / (sigma·√(h/yr))` with
 * sigma the market's volatility index and h `horizonSeconds`.
 *
 * @throws {LiquidationPriceErrorType} invalid account, markets or params (see `validateAccount`),
 *   horizon <= 0 or a search range that does not contain 1.
 *
 * @example
 * const { underlyings } = liquidationPrice({
 *   account: { collateral: { USDC: 10_000 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] },
 *   markets: { now: 1_700_000_000, underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 } }, collateral: { USDC: { price: 1, conf: 0 } } },
 *   params: defaultRiskParams,
 * })
 * underlyings.BTC.below // { price: 50_817.00…, distance: −0.15305…, distanceSigmas: −31.09…, method: 'closedForm' }
 * underlyings.BTC.above // { price: null, reason: 'noneInRange' }
 */
export function liquidationPrice(parameters: LiquidationPriceParameters): LiquidationPriceReturnType {
  const { account, markets, params } = parameters
  validateAccount(account, markets, params)
  const horizonSeconds = parameters.horizonSeconds ?? (params.horizonSeconds > 0 ? params.horizonSeconds : 3600)
  assertPositive('horizonSeconds', horizonSeconds)
  const range = parameters.searchRange ?? defaultSearchRange
  assertSearchRange(range)
  const prepared = prepareAccount(account, markets, params)
  const risk = accountRisk(account, markets, params, { prepared })
  const horizonYears = horizonSeconds / SECONDS_PER_YEAR

  const solve = (underlying: string, target: MarginCushionTarget): LiquidationPrices => {
    const market = markets.underlyings[underlying] as Markets['underlyings'][string]
    const cushion = marginCushion({ risk, prepared, markets, params, target })
    const roots = cushionRoots({ cushion, minMultiplier: range.low, maxMultiplier: range.high })
    const sigma = market.vol * Math.sqrt(horizonYears)
    return {
      underlying,
      spot: market.price,
      below: level(roots.below, market.price, sigma),
      above: level(roots.above, market.price, sigma),
    }
  }

  const underlyings: Record<string, LiquidationPrices> = {}
  for (const underlying of exposedUnderlyings(account, markets, prepared)) underlyings[underlying] = solve(underlying, { kind: 'cross', underlyings: [underlying] })

  return {
    underlyings,
    perps: account.perps.map((perp) => underlyings[perp.underlying] as LiquidationPrices),
    options: account.options.map((option) => underlyings[option.underlying] as LiquidationPrices),
    isolated: account.isolated.map((position, index) => ({
      id: position.id,
      ...solve(position.perp.underlying, { kind: 'isolated', index }),
    })),
    searchRange: { low: range.low, high: range.high },
  }
}

function level(root: CushionRoot, spot: number, sigma: number): LiquidationLevel | NoLiquidationPrice {
  if (root.multiplier === null) return { price: null, reason: root.reason }
  const logMove = Math.log(root.multiplier)
  return {
    price: root.multiplier * spot,
    distance: root.multiplier - 1,
    distanceSigmas: logMove === 0 ? 0 : logMove / sigma,
    method: root.method,
  }
}
