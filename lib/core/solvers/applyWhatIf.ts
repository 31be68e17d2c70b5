import { InvalidInputError, UnknownMarketError } from '../errors'
import type { FillPriceReturnType } from '../market/fillPrice'
import type { OptionFillReturnType } from '../market/optionFill'
import { defaultOptionTradingParams } from '../market/params'
import type { OptionTradingParams } from '../market/types'
import type { Account, Markets, RiskParams } from '../risk/types'
import { validateAccount } from '../risk/validateAccount'
import { assertFinite } from '../validate'
import { applyOptionTrade, type OptionTrade } from './applyOptionTrade'
import { applyPerpTrade, type PerpTrade } from './applyPerpTrade'

/**
 * One hypothetical change to a book (issue 9, what-if), in trader units (DESIGN.md §3).
 * - `perpTrade`: buy (size > 0) or sell a perp, in the cross book or an isolated position;
 * - `optionTrade`: buy or sell contracts of an option series (cross book only);
 * - `collateral`: deposit (amount > 0) or withdraw (amount < 0) `asset`, in asset units.
 */
export type WhatIfChange =
  | { type: 'perpTrade'; trade: Omit<PerpTrade, 'skew'> }
  | { type: 'optionTrade'; trade: OptionTrade }
  | { type: 'collateral'; asset: string; amount: number }

/** What one change did, in the order given. */
export type WhatIfStep =
  | { type: 'perpTrade'; fill: FillPriceReturnType; realizedPnl: number; increasesRisk: boolean }
  | { type: 'optionTrade'; fill: OptionFillReturnType; increasesRisk: boolean }
  | { type: 'collateral'; asset: string; amount: number }

export type ApplyWhatIfParameters = {
  account: Account
  markets: Markets
  params: RiskParams
  /** Applied in order; each sees the book the previous ones left. */
  changes: readonly WhatIfChange[]
  /** The venue's option spread and fee rule (`optionParams`); default `defaultOptionTradingParams`. */
  tradingParams?: OptionTradingParams
  /** Each market's skew before the first change (long − short open interest, base units); default 0. */
  skews?: Readonly<Record<string, number>>
}

export type ApplyWhatIfReturnType = {
  /** The book after every change (a new object; the input is not changed). */
  account: Account
  /** One entry per change: its fill, fee and realized PnL. */
  steps: WhatIfStep[]
}

export type ApplyWhatIfErrorType = InvalidInputError | UnknownMarketError

/**
 * The book a list of hypothetical changes would leave (issue 9: what-if), booked exactly as the
 * venue would book the same transactions sent in order at today's prices: perp trades through
 * `applyPerpTrade` (fill at the oracle price plus the skew premium, each trade moving the skew
 * the next one sees), option trades through `applyOptionTrade` (model mark ± spread, Deribit's fee
 * rule), and collateral moves as balance changes. Nothing is sent anywhere: this is the what-if
 * book the worker evaluates beside the real one on every tick.
 *
 * Whether the venue would accept each step (live feeds, equity >= IM after a risk-increasing
 * trade or a withdrawal) is the caller's check, made on the evaluated result.
 *
 * @throws {ApplyWhatIfErrorType} an invalid book; a change of unknown type; a collateral change
 *   that is zero, non-finite, of an asset the venue does not take, or withdraws more than the
 *   balance (the venue's `withdraw` reverts); anything `applyPerpTrade` or `applyOptionTrade`
 *   rejects (zero size, unknown market or isolated id, an expired series). `field` names the
 *   change by index, e.g. `changes[2].amount`.
 *
 * @example
 * applyWhatIf({ account, markets, params, changes: [
 *   { type: 'collateral', asset: 'USDC', amount: 5_000 },
 *   { type: 'perpTrade', trade: { underlying: 'BTC', size: 0.25 } },
 * ] })
 * // { account: { …USDC + 5,000 − fee, 0.25 BTC more… }, steps: [{ type: 'collateral', … }, { type: 'perpTrade', fill, … }] }
 */
export function applyWhatIf({ account, markets, params, changes, tradingParams = defaultOptionTradingParams, skews = {} }: ApplyWhatIfParameters): ApplyWhatIfReturnType {
  validateAccount(account, markets, params)
  if (!Array.isArray(changes)) throw new InvalidInputError('changes', changes, 'a list of changes')
  const skew: Record<string, number> = { ...skews }
  const steps: WhatIfStep[] = []
  let book = account
  changes.forEach((change, i) => {
    const field = `changes[${i}]`
    try {
      switch (change?.type) {
        case 'collateral': {
          const { asset, amount } = change
          if (typeof asset !== 'string' || markets.collateral[asset] === undefined || params.collateral[asset] === undefined) throw new UnknownMarketError(String(asset))
          assertFinite(`${field}.amount`, amount)
          if (amount === 0) throw new InvalidInputError(`${field}.amount`, amount, 'a non-zero amount (> 0 deposits, < 0 withdraws)')
          const balance = book.collateral[asset] ?? 0
          if (amount < 0 && -amount > balance) throw new InvalidInputError(`${field}.amount`, amount, `a withdrawal of at most the ${asset} balance (${balance})`)
          book = { ...book, collateral: { ...book.collateral, [asset]: balance + amount } }
          steps.push({ type: 'collateral', asset, amount })
          return
        }
        case 'perpTrade': {
          const trade = change.trade
          const before = skew[trade?.underlying] ?? 0
          const result = applyPerpTrade({ account: book, markets, params, trade: { ...trade, skew: before } })
          skew[trade.underlying] = before + trade.size
          book = result.account
          steps.push({ type: 'perpTrade', fill: result.fill, realizedPnl: result.realizedPnl, increasesRisk: result.increasesRisk })
          return
        }
        case 'optionTrade': {
          const result = applyOptionTrade({ account: book, markets, params, trade: change.trade, tradingParams })
          book = result.account
          steps.push({ type: 'optionTrade', fill: result.fill, increasesRisk: result.increasesRisk })
          return
        }
        default:
          throw new InvalidInputError(`${field}.type`, (change as { type?: unknown } | null)?.type, "'perpTrade', 'optionTrade' or 'collateral'")
      }
    } catch (error) {
      // Name the change by its index: a list of ten needs to say which one is wrong.
      if (error instanceof InvalidInputError && !error.field.startsWith('changes[')) throw new InvalidInputError(`${field}.${error.field}`, error.value, error.shortMessage.replace(/^Invalid [^:]+: expected /, '').replace(/, got .*$/, ''))
      throw error
    }
  })
  return { account: book, steps }
}
