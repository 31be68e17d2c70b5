import { InvalidInputError, type UnknownMarketError } from '../core/errors'
import type { Account } from '../core/risk/types'
import { fromWad } from './fromWad'
import { marketSymbols } from './marketSymbols'
import type { AccountView, CollateralView, MarketView } from './types'

export type ToEngineAccountParameters = {
  /** `getAccount(trader)` at the read block. */
  account: AccountView
  /** `getMarkets()` at the same block: names the markets positions refer to by id. */
  markets: readonly MarketView[]
  /** `getCollaterals()` at the same block: names the balances, which the venue lists by id. */
  collaterals: readonly CollateralView[]
}

export type ToEngineAccountErrorType = InvalidInputError | UnknownMarketError

/**
 * A trader's account as the venue stores it (`getAccount`) as a lib/core `Account`
 * (DESIGN.md §3): balances in asset units keyed by collateral symbol (every listed collateral,
 * zero included; USDC may be negative: a debt), cross perps and isolated positions with sizes in
 * base units (long > 0), entry prices and last funding indices in USD per unit, isolated margin
 * in USDC units and the venue's isolated id as a string. Funding since `lastFundingIndex` is owed
 * but unsettled, as on-chain; `evaluateAccount` charges it against `Markets` from the same block.
 * Option positions (issue 8) carry their series' terms (strike in USD, expiry in unix seconds),
 * contracts as size and the average entry premium as `entryPrice`. A position whose series has
 * settled is cash the venue pays on the account's next action; it is counted here as the venue's
 * views count it: `size × payoff` added to the USDC balance (WAD arithmetic, truncated like the
 * contract's), not as an option.
 *
 * @throws {InvalidInputError} When the balances do not match the collateral list (views read at
 *   different blocks).
 * @throws {UnknownMarketError} For a position in a market `markets` does not list.
 *
 * @example
 * toEngineAccount({ account: view, markets: marketViews, collaterals: collateralViews })
 * // { collateral: { USDC: 10000, WETH: 2, wstETH: 0 }, perps: [{ underlying: 'BTC', size: 0.5, entryPrice: 60012.5, lastFundingIndex: 0 }], options: [], isolated: [] }
 */
export function toEngineAccount({ account, markets, collaterals }: ToEngineAccountParameters): Account {
  if (account.collateral.length !== collaterals.length)
    throw new InvalidInputError('account.collateral', account.collateral.length, `one balance per listed collateral (${collaterals.length})`)
  const symbolOf = marketSymbols(markets)
  const settledCash = account.options.reduce((cash, option) => (option.settled ? cash + settlementAmount(option) : cash), 0n)
  return {
    collateral: Object.fromEntries(
      collaterals.map((collateral) => {
        const balance = account.collateral[Number(collateral.id)]
        if (balance === undefined) throw new InvalidInputError(`account.collateral[${collateral.id}]`, balance, `a balance for ${collateral.symbol}`)
        return [collateral.symbol, fromWad(collateral.id === 0n ? balance + settledCash : balance)]
      }),
    ),
    perps: account.perps.map((position) => ({
      underlying: symbolOf(position.marketId),
      size: fromWad(position.size),
      entryPrice: fromWad(position.entryPrice),
      lastFundingIndex: fromWad(position.lastFundingIndex),
    })),
    options: account.options
      .filter((option) => !option.settled)
      .map((option) => ({
        underlying: symbolOf(option.marketId),
        kind: option.isCall ? ('call' as const) : ('put' as const),
        strike: fromWad(option.strike),
        expiry: Number(option.expiry),
        size: fromWad(option.size),
        entryPrice: fromWad(option.entryPremium),
        seriesId: String(option.seriesId),
      })),
    isolated: account.isolated.map((position) => ({
      id: String(position.id),
      margin: fromWad(position.margin),
      perp: {
        underlying: symbolOf(position.marketId),
        size: fromWad(position.size),
        entryPrice: fromWad(position.entryPrice),
        lastFundingIndex: fromWad(position.lastFundingIndex),
      },
    })),
  }
}

/** What a settled position is paid (negative: charged), WAD USDC: size × payoff at the settlement price. */
function settlementAmount(option: AccountView['options'][number]): bigint {
  const { settlementPrice: price, strike } = option
  const payoff = option.isCall ? (price > strike ? price - strike : 0n) : strike > price ? strike - price : 0n
  return (option.size * payoff) / 10n ** 18n
}
