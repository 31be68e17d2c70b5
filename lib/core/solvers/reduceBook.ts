import type { FillPriceReturnType } from '../market/fillPrice'
import { settlementAsset } from '../risk/settlementAsset'
import type { Account, Markets, OptionPosition, RiskParams } from '../risk/types'
import { applyPerpTrade } from './applyPerpTrade'

export type ReduceBookParameters = {
  /** Assumed valid. */
  account: Account
  markets: Markets
  params: RiskParams
  /** Fraction of every cross position to close, in [0, 1]. */
  fraction: number
  /** Each market's skew before the trades, base units (default 0). */
  skews?: Record<string, number>
  /** Model mark of each `account.options[i]`, USD per contract (from `accountRisk`). */
  optionMarks: readonly number[]
}

/** One perp trade of the reduction (one per market: the venue holds one position per market). */
export type PerpReduction = {
  underlying: string
  /** Signed size traded, base units (opposite to the position). */
  size: number
  fill: FillPriceReturnType
}

/** One option position's reduction. */
export type OptionReduction = {
  /** Index into `account.options`. */
  index: number
  /** Signed contracts traded (opposite to the position). */
  size: number
  /** Premium per contract it closes at (the model mark), USD. */
  price: number
}

export type ReduceBookReturnType = {
  account: Account
  perps: PerpReduction[]
  options: OptionReduction[]
}

/**
 * The account after closing the same fraction of every cross position by trading: perps through
 * `applyPerpTrade` (skew-premium fill and taker fee, the venue's booking), one trade per market
 * (several engine perps in one market net, as the venue holds one position per market); options
 * at their model mark, with no fee (the venue has no option market yet: DESIGN.md §5, issue 8).
 * Isolated positions are untouched.
 * Internal to `sizeReductionForLeverage`.
 *
 * @example
 * reduceBook({ account, markets, params, fraction: 0.25, skews: { BTC: 120 }, optionMarks: [] })
 * // { account: { …every perp a quarter smaller… }, perps: [{ underlying: 'BTC', size: −0.25, fill: {…} }], options: [] }
 */
export function reduceBook({ account, markets, params, fraction, skews = {}, optionMarks }: ReduceBookParameters): ReduceBookReturnType {
  const keep = 1 - fraction
  const net = new Map<string, number>()
  for (const perp of account.perps) net.set(perp.underlying, (net.get(perp.underlying) ?? 0) + perp.size)
  let current: Account = account
  const perps: PerpReduction[] = []
  for (const [underlying, size] of net) {
    const traded = fraction === 1 ? -size : -size * fraction
    if (traded === 0) continue
    const booked = applyPerpTrade({ account: current, markets, params, trade: { underlying, size: traded, skew: skews[underlying] ?? 0 } })
    current = booked.account
    perps.push({ underlying, size: traded, fill: booked.fill })
  }

  const options: OptionReduction[] = []
  let premium = 0
  const remaining: OptionPosition[] = []
  account.options.forEach((option, index) => {
    const price = optionMarks[index] ?? 0
    const size = fraction === 1 ? -option.size : -option.size * fraction
    premium -= size * price
    if (size !== 0) options.push({ index, size, price })
    if (fraction < 1 && option.size * keep !== 0) remaining.push({ ...option, size: option.size * keep })
  })
  const collateral = { ...current.collateral }
  if (premium !== 0) collateral[settlementAsset] = (collateral[settlementAsset] ?? 0) + premium
  return { account: { ...current, collateral, options: remaining }, perps, options }
}
