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
  /** The smallest fraction that restores equity >= MM·(1 + liqBuffer) after the fee. */
  | 'partial'
  /** Equity < backstopRatio·MM: everything is closed. */
  | 'backstop'
  /** No partial close restores the buffer (not even closing all of it): everything is closed. */
  | 'partialInsufficient'

export type LiquidationSizeReturnType = {
  reason: LiquidationSizeReason
  /** Fraction of every position of the book closed, in [0, 1]. */
  fraction: number
  /** Closed sizes, signed as traded (opposite to the positions): per `account.perps[i]`, or the isolated perp. */
  closedPerps: number[]
  /** Closed contracts per `account.options[i]` (cross book only). */
  closedOptions: number[]
  /** Σ |closed size|·S over the closed positions, USD. */
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
 * The venue's partial-liquidation size (DESIGN.md §4.4; contracts' `RiskMath.liquidationFraction`):
 * a book with equity A < MM is liquidated by closing the same fraction k of every position at
 * the oracle price (no skew premium), paying `liqFee` of the closed notional. k is the smallest
 * fraction after which
 * ```
 * A(k) − liqFee·k·N >= MM(k)·(1 + liqBuffer)      (N: the book's notional Σ|q|·S)
 * ```
 * with A(k), MM(k) the re-evaluated book (the margin grid shrinks with the book; through
 * `sizeSlope` more than proportionally). Everything is closed when `A < backstopRatio·MM`, or
 * when no fraction restores the buffer. Before closing, funding is settled into USDC as on every
 * venue action; realized PnL settles 1:1 into USDC.
 *
 * The venue bisects k to 2⁻⁴⁰; here the first crossing is bracketed by a scan from 0 and closed
 * by Brent's method to 1e-12, the reported k being the end that restores the buffer. Options
 * (the venue's v1 has none) are closed at their model mark with the fee on their underlying
 * notional |n|·S.
 *
 * @throws {LiquidationSizeErrorType} invalid input, an unknown isolated id.
 *
 * @example
 * // long 1 BTC from 60,000 on 1,900 USDC, BTC at 59,000 (vol 0.5): equity 900 < MM 949.05
 * liquidationSize({ account, markets, params: defaultRiskParams })
 * // { reason: 'partial', fraction: 0.19141…, closedPerps: [−0.19141…], fee: 56.47…,
 * //   equity: { before: 900, after: 843.53… }, maintenanceMargin: { before: 949.05…, after: 766.85… }, … }
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

  const close = (fraction: number) => closeBook(account, markets, params, isolatedIndex, fraction, optionMarks)
  const evaluate = (fraction: number) => {
    const closed = close(fraction)
    const risk = accountRisk(closed.account, markets, params)
    const after = book(risk)
    // A fully closed isolated position is gone: nothing is required of it any more.
    return { closed, risk, equity: after?.equity ?? closed.isolatedEquity, maintenanceMargin: after?.maintenanceMargin ?? 0 }
  }
  const surplus = (fraction: number) => {
    const after = evaluate(fraction)
    return after.equity - after.maintenanceMargin * (1 + params.liqBuffer)
  }

  let fraction: number
  let reason: LiquidationSizeReason
  if (!(current.equity < current.maintenanceMargin)) {
    fraction = 0
    reason = 'notLiquidatable'
  } else if (current.equity < params.backstopRatio * current.maintenanceMargin) {
    fraction = 1
    reason = 'backstop'
  } else if (surplus(1) < 0) {
    fraction = 1
    reason = 'partialInsufficient'
  } else {
    reason = 'partial'
    const bracket = bracketRoot({ f: surplus, start: 0, end: 1, firstStep: 1 / 64, growth: 1.5 })
    if (bracket === null) fraction = 1
    else {
      const root = brent({
        f: surplus,
        lower: bracket.near,
        upper: bracket.far,
        lowerValue: bracket.nearValue,
        upperValue: bracket.farValue,
        absoluteTolerance: 1e-13,
      })
      // Brent's last bracket straddles the crossing; take its end that restores the buffer.
      fraction = root.value >= 0 ? root.root : Math.min(1, root.root + root.bracketWidth)
    }
  }

  const after = evaluate(fraction)
  return {
    reason,
    fraction,
    closedPerps: after.closed.closedPerps,
    closedOptions: after.closed.closedOptions,
    closedNotional: after.closed.closedNotional,
    fee: after.closed.fee,
    account: after.closed.account,
    equity: { before: current.equity, after: after.equity },
    maintenanceMargin: { before: current.maintenanceMargin, after: after.maintenanceMargin },
    shortfall: fraction === 1 ? Math.max(0, -after.equity) : 0,
  }
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

/** Settles funding, closes `fraction` of every position at the oracle price, charges the fee. */
function closeBook(
  account: Account,
  markets: Markets,
  params: RiskParams,
  isolatedIndex: number,
  fraction: number,
  optionMarks: readonly number[],
): ClosedBook {
  const closePerp = (perp: PerpPosition) => {
    const market = markets.underlyings[perp.underlying] as Markets['underlyings'][string]
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
