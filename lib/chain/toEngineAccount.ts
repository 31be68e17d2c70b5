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
 * The venue lists no options yet (issue 8), so `options` is empty.
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
  return {
    collateral: Object.fromEntries(
      collaterals.map((collateral) => {
        const balance = account.collateral[Number(collateral.id)]
        if (balance === undefined) throw new InvalidInputError(`account.collateral[${collateral.id}]`, balance, `a balance for ${collateral.symbol}`)
        return [collateral.symbol, fromWad(balance)]
      }),
    ),
    perps: account.perps.map((position) => ({
      underlying: symbolOf(position.marketId),
      size: fromWad(position.size),
      entryPrice: fromWad(position.entryPrice),
      lastFundingIndex: fromWad(position.lastFundingIndex),
    })),
    options: [],
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
