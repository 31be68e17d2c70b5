import { UnknownMarketError } from '../core/errors'

/**
 * The Pyth price feeds Marginflow reads, under their real Pyth mainnet ids (the stable channel of
 * Pyth Core, as listed on https://pyth.network/developers/price-feed-ids and in
 * https://docs.pyth.network/price-feeds/core/price-feeds). The devnet publishes under the same ids
 * (devnet/hermes, the keeper and MockPyth on-chain), so live Hermes and the demo are
 * interchangeable: nothing downstream knows which one it is reading.
 *
 * The Solidity side keeps its own copy of these four constants (contracts/test/base/VenueFixture.sol);
 * TypeScript code imports them from here only.
 */

/** A feed id as the venue and viem spell it: `0x` and 64 lowercase hex digits (32 bytes). */
export type FeedId = `0x${string}`

/** Symbols of the price feeds: the three perp underlyings and the settlement asset. */
export type PriceFeedSymbol = 'BTC' | 'ETH' | 'SOL' | 'USDC'

/** One price feed: its symbol, its Pyth id and the metadata Hermes lists for it. */
export type PriceFeed = {
  /** Market (or collateral asset) symbol, e.g. `'BTC'`. WETH and wstETH are valued from `'ETH'`. */
  symbol: PriceFeedSymbol
  id: FeedId
  /** Exponent Pyth publishes the feed with: price = integer × 10^expo USD. */
  expo: number
  /** The feed's attributes as Hermes's `GET /v2/price_feeds` returns them. */
  attributes: {
    asset_type: string
    base: string
    description: string
    generic_symbol: string
    quote_currency: string
    symbol: string
  }
}

/** BTC/USD, ETH/USD, SOL/USD and USDC/USD, each with expo −8 as Pyth publishes them. */
export const priceFeeds: readonly PriceFeed[] = [
  {
    symbol: 'BTC',
    id: '0xe62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43',
    expo: -8,
    attributes: { asset_type: 'Crypto', base: 'BTC', description: 'BITCOIN / US DOLLAR', generic_symbol: 'BTCUSD', quote_currency: 'USD', symbol: 'Crypto.BTC/USD' },
  },
  {
    symbol: 'ETH',
    id: '0xff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace',
    expo: -8,
    attributes: { asset_type: 'Crypto', base: 'ETH', description: 'ETHEREUM / US DOLLAR', generic_symbol: 'ETHUSD', quote_currency: 'USD', symbol: 'Crypto.ETH/USD' },
  },
  {
    symbol: 'SOL',
    id: '0xef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d',
    expo: -8,
    attributes: { asset_type: 'Crypto', base: 'SOL', description: 'SOLANA / US DOLLAR', generic_symbol: 'SOLUSD', quote_currency: 'USD', symbol: 'Crypto.SOL/USD' },
  },
  {
    symbol: 'USDC',
    id: '0xeaa020c61cc479712813461ce153894a96a6c00b21ed0cfc2798d1f9a9e9c94a',
    expo: -8,
    attributes: { asset_type: 'Crypto', base: 'USDC', description: 'USD COIN / US DOLLAR', generic_symbol: 'USDCUSD', quote_currency: 'USD', symbol: 'Crypto.USDC/USD' },
  },
]

/**
 * Canonical form of a feed id: Hermes writes ids without `0x` and accepts either, in any case;
 * the venue and viem use `0x` + lowercase. Returns `undefined` for anything that is not 32 bytes
 * of hex.
 *
 * @example
 * normalizeFeedId('E62DF6C8B4A85FE1A67DB44DC12DE5DB330F7AC66B72DC658AFEDF0F4A415B43') // '0xe62df6c8…5b43'
 * normalizeFeedId('0x1234') // undefined
 */
export function normalizeFeedId(id: unknown): FeedId | undefined {
  if (typeof id !== 'string' || !/^(0x)?[0-9a-fA-F]{64}$/.test(id)) return undefined
  return `0x${(id.startsWith('0x') ? id.slice(2) : id).toLowerCase()}`
}

/**
 * The Pyth id of a price feed. Throws `UnknownMarketError` for a symbol without a feed.
 *
 * @example
 * priceFeedId('ETH') // '0xff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace'
 */
export function priceFeedId(symbol: PriceFeedSymbol): FeedId {
  const feed = priceFeeds.find((candidate) => candidate.symbol === symbol)
  if (feed === undefined) throw new UnknownMarketError(String(symbol))
  return feed.id
}

/**
 * The symbol of a price feed id (with or without `0x`, any case); `undefined` for an id that is
 * not one of `priceFeeds`.
 *
 * @example
 * priceFeedSymbol('ef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d') // 'SOL'
 */
export function priceFeedSymbol(id: string): PriceFeedSymbol | undefined {
  const normalized = normalizeFeedId(id)
  return priceFeeds.find((feed) => feed.id === normalized)?.symbol
}
