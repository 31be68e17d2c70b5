import { UnknownMarketError } from '../core/errors'
import { normalizeFeedId, type FeedId } from './priceFeeds'

/**
 * The volatility-index feeds (DESIGN.md §4.2: a DVOL-like annualised implied volatility per
 * underlying). Pyth has no such feed, so the devnet streams them on its own route in Hermes's
 * format (`/v2/updates/vol/stream`, `/v2/updates/vol/latest`) and the same client reads them.
 *
 * A feed's id is the on-chain key of the venue's `VolatilityIndex`: the symbol as a Solidity
 * `bytes32("BTC")` (ASCII, left-aligned, zero-padded). Values are published like a Pyth price
 * with `expo` −18, i.e. the WAD integer the contract stores (0.6e18 = 60 %/yr).
 */

/** Underlyings with a volatility index: the perp and option markets. */
export type VolatilityFeedSymbol = 'BTC' | 'ETH' | 'SOL'

export type VolatilityFeed = {
  symbol: VolatilityFeedSymbol
  /** `bytes32(symbol)`: the `VolatilityIndex` key. */
  id: FeedId
  /** −18: the published integer is the annualised volatility in WAD. */
  expo: number
}

/**
 * `bytes32` of an ASCII symbol, as Solidity's `bytes32("BTC")` spells it.
 *
 * @example
 * volatilityFeedId('BTC') // '0x4254430000000000000000000000000000000000000000000000000000000000'
 */
export function volatilityFeedId(symbol: VolatilityFeedSymbol): FeedId {
  if (!volatilityFeedSymbols.includes(symbol)) throw new UnknownMarketError(String(symbol))
  let hex = ''
  for (const character of symbol) hex += character.charCodeAt(0).toString(16).padStart(2, '0')
  return `0x${hex.padEnd(64, '0')}`
}

/**
 * The symbol of a volatility feed id (with or without `0x`, any case); `undefined` for any
 * other id.
 *
 * @example
 * volatilityFeedSymbol('0x4554480000000000000000000000000000000000000000000000000000000000') // 'ETH'
 */
export function volatilityFeedSymbol(id: string): VolatilityFeedSymbol | undefined {
  const normalized = normalizeFeedId(id)
  return volatilityFeeds.find((feed) => feed.id === normalized)?.symbol
}

const volatilityFeedSymbols: readonly VolatilityFeedSymbol[] = ['BTC', 'ETH', 'SOL']

/** The BTC, ETH and SOL volatility indices. */
export const volatilityFeeds: readonly VolatilityFeed[] = volatilityFeedSymbols.map((symbol) => ({
  symbol,
  id: volatilityFeedId(symbol),
  expo: -18,
}))
