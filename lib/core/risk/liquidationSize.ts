import { InvalidInputError } from '../errors'
import { bracketRoot } from '../math/bracketRoot'
import { brent } from '../math/brent'
import { accountRisk, type AccountRiskReturnType } from './accountRisk'
import { settlementAsset } from './settlementAsset'
import type { Account, Markets, PerpPosition, RiskParams } from './types'
import { validateAccount, type ValidateAccountErrorType } from './validateAccount'

export type LiquidationSizeParameters = {
  account: Account
  markets: Markets
  params: RiskParams
  /** Which book: the cross account (default) or one isolated position by id. */
  isolatedId?: string
}

/** Why the liquidation closes what it closes. */
export type LiquidationSizeReason =
  /** Equity >= MM: nothing to liquidate. */
  | 'notLiquidatable'
  /** The smallest closing that restores equity >= MM·(1 + liqBuffer) after the fee. */
  | 'partial'
  /** Equity < backstopRatio·MM: everything is closed. */
  | 'backstop'
  /** No partial close restores the buffer (not even closing all of it): everything is closed. */
  | 'partialInsufficient'

export type LiquidationSizeReturnType = {
  reason: LiquidationSizeReason
  /**
   * How much of the book is closed, t in [0, U] (U = `order.length`, the underlyings held): the
   * underlying of rank r (0-based, in `order`) closes the fraction clamp(t − r, 0, 1) of every
   * position it holds. t = 1.25: the first underlying closed in full, a quarter of the second.
   * For an isolated position (one underlying) it is the fraction of the position closed. The
   * venue's `liquidateAt(account, closing)` takes this number (WAD).
   */
  closing: number
  /** Fraction of every position closed, per underlying held, in [0, 1]. */
  fractions: Record<string, number>
  /** The book's underlyings in liquidation order: MM_m / G_m (requirement per USD of notional) highest first. */
  order: string[]
  /** Closed sizes, signed as traded (opposite to the positions): per `account.perps[i]`, or the isolated perp. */
  closedPerps: number[]
  /** Closed contracts per `account.options[i]` (cross book only). */
  closedOptions: number[]
  /** Σ |closed size|·S over the closed positions (options: their underlying's notional), USD. */
  closedNotional: number
  /** liqFee·closedNotional, USD: half to the liquidator, half to the insurance fund. */
  fee: number
  /** The book after the liquidation (before any insurance payout). */
  account: Account
  /** Equity and MM of the book before and after, USD. */
  equity: { before: number; after: number }
  maintenanceMargin: { before: number; after: number }
  /** After a full close, the negative equity the insurance fund (then bad debt) absorbs, USD; else 0. */
  shortfall: number
}

export type LiquidationSizeErrorType = ValidateAccountErrorType | InvalidInputError

/**
 * The venue's partial liquidation (DESIGN.md §4.4 and issue #8; contracts' `RiskMath.liquidationOrder`,
 * `closeUnderlyings` and `liquidationClosing`): a book with equity A < MM is liquidated by closing
 * positions at their valuation prices — perps at the oracle price (no skew premium), options at
 * their model mark (intrinsic once expired), no spread — paying `liqFee` of the closed notional
 * (perps |q|·S, options |n|·S).
 *
 * What closes first. Requirements add up across underlyings with no offsets (DESIGN.md §4.2),
 * and closing at the valuation price changes equity only by the fee (and by the USDC confidence
 * band on the cash it moves), so closing the fraction f_m of every position in underlying m
 * releases f_m·MM_m of requirement for f_m·G_m of notional, G_m being the underlying's gross
 * notional (exactly so with `sizeSlope = 0`, where every scenario's PnL and the contingency scale
 * with the book; `sizeSlope` makes the release slightly more than proportional). The buffer is
 * restored once
 * ```
 * Σ_m f_m·G_m·((1 + liqBuffer)·MM_m/G_m − liqFee)  >=  (1 + liqBuffer)·MM − A
 * ```
 * and the fee is liqFee·Σ_m f_m·G_m. Minimising the notional closed (and so the fee) under that
 * constraint is a fractional knapsack: fill it in order of the value per unit of weight,
 * MM_m/G_m, highest first (Dantzig 1957; any other mix can be improved by moving notional from a
 * lower-ratio underlying to a higher one). So the underlyings are ranked by MM_m/G_m, descending,
 * from the evaluation before the liquidation; ties keep the order of `Object.keys(params.markets)`
 * (the venue's market ids: BTC, ETH, SOL). Within an underlying every position closes in the same
 * proportion, perps and options alike, so its hedges stay intact (a short straddle keeps its
 * delta hedge) and the released requirement is proportional.
 *
 * How much. With U underlyings held, a closing amount t in [0, U] closes the fraction
 * `clamp(t − r, 0, 1)` of the underlying of rank r, and t is the smallest with
 * ```
 * A(t) − liqFee·N(t)  >=  MM(t)·(1 + liqBuffer)        (N(t): the notional closed)
 * ```
 * A(t), MM(t) being the re-evaluated book (through `sizeSlope` the grid shrinks a little more than
 * proportionally). Everything (t = U) is closed when A < backstopRatio·MM, or when no t restores
 * the buffer. An isolated position is a book of one underlying: t is the fraction of it closed.
 * Before closing, funding is settled into USDC as on every venue action; realized PnL and option
 * marks settle 1:1 into USDC.
 *
 * The venue bisects t to 2⁻⁴⁰ per underlying (or checks a proposed t in two evaluations,
 * `liquidateAt`); here the first crossing is bracketed by a scan of each unit [r, r + 1] from
 * t = 0 and closed by Brent's method to 1e-12, the reported t being the end that restores the
 * buffer.
 *
 * @throws {LiquidationSizeErrorType} invalid input, an unknown isolated id.
 *
 * @example
 * // long 1 BTC from 60,000 on 1,900 USDC, BTC at 59,000 (vol 0.5): equity 900 < MM 949.05
 * liquidationSize({ account, markets, params: defaultRiskParams })
 * // { reason: 'partial', closing: 0.19141…, fractions: { BTC: 0.19141… }, order: ['BTC'], closedPerps: [−0.19141…],
 * //   fee: 56.47…, equity: { before: 900, after: 843.53… }, maintenanceMargin: { before: 949.05…, after: 766.85… }, … }
 */
export function liquidationSize(parameters: LiquidationSizeParameters): LiquidationSizeReturnType {
  const { account, markets, params, isolatedId } = parameters
  validateAccount(account, markets, params)
  const isolatedIndex = isolatedId === undefined ? -1 : account.isolated.findIndex((p) => p.id === isolatedId)
  if (isolatedId !== undefined && isolatedIndex < 0)
    throw new InvalidInputError('isolatedId', isolatedId, 'the id of an isolated position of the account')

  const book = (risk: AccountRiskReturnType) => (isolatedIndex >= 0 ? risk.isolated.find((p) => p.id === isolatedId) : risk)
  const before = accountRisk(account, markets, params)
  const current = book(before) as { equity: number; maintenanceMargin: number }
  const optionMarks = before.options.map((option) => option.mark)
  const order =
    isolatedIndex >= 0
      ? [(account.isolated[isolatedIndex] as Account['isolated'][number]).perp.underlying]
      : liquidationOrder(before.underlyings, Object.keys(params.markets))
  const held = order.length

  const fractionsAt = (closing: number) => Object.fromEntries(order.map((underlying, rank) => [underlying, Math.min(1, Math.max(0, closing - rank))]))
  const evaluate = (closing: number) => {
    const fractions = fractionsAt(closing)
    const closed = closeBook(account, markets, params, isolatedIndex, fractions, optionMarks)
    const risk = accountRisk(closed.account, markets, params)
    const after = book(risk)
    // A fully closed isolated position is gone: nothing is required of it any more.
    return { fractions, closed, equity: after?.equity ?? closed.isolatedEquity, maintenanceMargin: after?.maintenanceMargin ?? 0 }
  }
  const surplus = (closing: number) => {
    const after = evaluate(closing)
    return after.equity - after.maintenanceMargin * (1 + params.liqBuffer)
  }

  let closing: number
  let reason: LiquidationSizeReason
  if (!(current.equity < current.maintenanceMargin)) {
    closing = 0
    reason = 'notLiquidatable'
  } else if (current.equity < params.backstopRatio * current.maintenanceMargin) {
    closing = held
    reason = 'backstop'
  } else if (surplus(held) < 0) {
    closing = held
    reason = 'partialInsufficient'
  } else {
    reason = 'partial'
    closing = held
    // One scan per underlying: each has its own kink at its integer end, and a first step of
    // 1/64 of it resolves a crossing as finely as the one-underlying search always did.
    for (let rank = 0; rank < held; rank++) {
      const bracket = bracketRoot({ f: surplus, start: rank, end: rank + 1, firstStep: 1 / 64, growth: 1.5 })
      if (bracket === null) continue
      const root = brent({
        f: surplus,
        lower: bracket.near,
        upper: bracket.far,
        lowerValue: bracket.nearValue,
        upperValue: bracket.farValue,
        absoluteTolerance: 1e-13,
      })
      // Brent's last bracket straddles the crossing; take its end that restores the buffer.
      closing = root.value >= 0 ? root.root : Math.min(held, root.root + root.bracketWidth)
      break
    }
  }

  const after = evaluate(closing)
  return {
    reason,
    closing,
    fractions: after.fractions,
    order,
    closedPerps: after.closed.closedPerps,
    closedOptions: after.closed.closedOptions,
    closedNotional: after.closed.closedNotional,
    fee: after.closed.fee,
    account: after.closed.account,
    equity: { before: current.equity, after: after.equity },
    maintenanceMargin: { before: current.maintenanceMargin, after: after.maintenanceMargin },
    shortfall: closing === held ? Math.max(0, -after.equity) : 0,
  }
}

/**
 * The held underlyings by MM_m / G_m, highest first; ties (and underlyings without notional) in
 * `marketOrder`, then as held. The venue compares MM_a·G_b > MM_b·G_a in exact WAD integers.
 */
function liquidationOrder(underlyings: AccountRiskReturnType['underlyings'], marketOrder: readonly string[]): string[] {
  const ranked = Object.entries(underlyings).map(([underlying, risk]) => {
    const position = marketOrder.indexOf(underlying)
    return {
      underlying,
      ratio: risk.grossNotional > 0 ? risk.maintenanceMargin / risk.grossNotional : 0,
      position: position < 0 ? Number.POSITIVE_INFINITY : position,
    }
  })
  // Array.prototype.sort is stable (ES2019), so equal keys keep the order they are held in.
  ranked.sort((a, b) => (a.ratio !== b.ratio ? b.ratio - a.ratio : a.position === b.position ? 0 : a.position < b.position ? -1 : 1))
  return ranked.map((entry) => entry.underlying)
}

type ClosedBook = {
  account: Account
  closedPerps: number[]
  closedOptions: number[]
  closedNotional: number
  fee: number
  /** Equity of a fully closed isolated position (its margin), which leaves the account. */
  isolatedEquity: number
}

/**
 * Settles funding, closes `fractions[m]` of every position in underlying m (perps at the oracle
 * price, options at `optionMarks`), charges the fee.
 */
function closeBook(
  account: Account,
  markets: Markets,
  params: RiskParams,
  isolatedIndex: number,
  fractions: Readonly<Record<string, number>>,
  optionMarks: readonly number[],
): ClosedBook {
  const closePerp = (perp: PerpPosition) => {
    const market = markets.underlyings[perp.underlying] as Markets['underlyings'][string]
    const fraction = fractions[perp.underlying] ?? 0
    const funding = perp.size * (market.fundingIndex - perp.lastFundingIndex)
    const closed = fraction === 0 ? 0 : fraction === 1 ? -perp.size : -perp.size * fraction
    const remaining = fraction === 1 ? 0 : perp.size + closed
    const realized = -closed * (market.price - perp.entryPrice)
    return {
      closed,
      cash: realized - funding,
      notional: Math.abs(closed) * market.price,
      position: remaining === 0 ? null : { ...perp, size: remaining, lastFundingIndex: market.fundingIndex },
    }
  }

  if (isolatedIndex >= 0) {
    const isolated = account.isolated[isolatedIndex] as Account['isolated'][number]
    const result = closePerp(isolated.perp)
    const fee = params.liqFee * result.notional
    const margin = isolated.margin + result.cash - fee
    const next: Account = { ...account, isolated: [...account.isolated], collateral: { ...account.collateral } }
    let isolatedEquity = 0
    if (result.position === null) {
      next.isolated.splice(isolatedIndex, 1)
      // The venue returns the margin to the cross account (a shortfall is the insurance fund's).
      next.collateral[settlementAsset] = (next.collateral[settlementAsset] ?? 0) + Math.max(0, margin)
      isolatedEquity = margin * marginUnitValue(margin, markets, params)
    } else {
      next.isolated[isolatedIndex] = { ...isolated, margin, perp: result.position }
    }
    return { account: next, closedPerps: [result.closed], closedOptions: [], closedNotional: result.notional, fee, isolatedEquity }
  }

  let cash = 0
  let closedNotional = 0
  const closedPerps: number[] = []
  const perps: PerpPosition[] = []
  for (const perp of account.perps) {
    const result = closePerp(perp)
    closedPerps.push(result.closed)
    cash += result.cash
    closedNotional += result.notional
    if (result.position !== null) perps.push(result.position)
  }
  const closedOptions: number[] = []
  const options: Account['options'] = []
  account.options.forEach((option, i) => {
    const fraction = fractions[option.underlying] ?? 0
    const closed = fraction === 0 ? 0 : fraction === 1 ? -option.size : -option.size * fraction
    closedOptions.push(closed)
    cash -= closed * (optionMarks[i] ?? 0)
    closedNotional += Math.abs(closed) * (markets.underlyings[option.underlying] as Markets['underlyings'][string]).price
    const remaining = fraction === 1 ? 0 : option.size + closed
    if (remaining !== 0) options.push({ ...option, size: remaining })
  })
  const fee = params.liqFee * closedNotional
  const collateral = { ...account.collateral }
  collateral[settlementAsset] = (collateral[settlementAsset] ?? 0) + cash - fee
  return { account: { ...account, collateral, perps, options }, closedPerps, closedOptions, closedNotional, fee, isolatedEquity: 0 }
}

/** USD value of one unit of an isolated USDC margin of this sign (DESIGN.md §4.1 valuation). */
function marginUnitValue(margin: number, markets: Markets, params: RiskParams): number {
  const quote = markets.collateral[settlementAsset] as Markets['collateral'][string]
  if (margin < 0) return quote.price + quote.conf
  return Math.max(0, quote.price - quote.conf) * (1 - (params.collateral[settlementAsset]?.haircut ?? 0))
}
