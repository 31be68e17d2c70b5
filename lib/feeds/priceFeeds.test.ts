import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { UnknownMarketError } from '../core/errors'
import { normalizeFeedId, priceFeedId, priceFeeds, priceFeedSymbol } from './priceFeeds'

// Pyth's published ids (https://pyth.network/developers/price-feed-ids, "Pyth Core" stable feeds).
const published = {
  BTC: '0xe62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43',
  ETH: '0xff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace',
  SOL: '0xef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d',
  USDC: '0xeaa020c61cc479712813461ce153894a96a6c00b21ed0cfc2798d1f9a9e9c94a',
} as const

describe('priceFeeds', () => {
  it('are Pyth’s mainnet ids for BTC, ETH, SOL and USDC', () => {
    expect(Object.fromEntries(priceFeeds.map((feed) => [feed.symbol, feed.id]))).toEqual(published)
  })

  it('agree with the Solidity copy the venue tests deploy with (contracts/test/base/VenueFixture.sol)', () => {
    const fixture = readFileSync(new URL('../../contracts/test/base/VenueFixture.sol', import.meta.url), 'utf8')
    for (const feed of priceFeeds) {
      const constant = new RegExp(`bytes32 internal constant ${feed.symbol}_USD = (0x[0-9a-f]{64});`).exec(fixture)
      expect(constant?.[1]).toBe(feed.id)
    }
  })

  it('map ids to symbols and back, with or without 0x, in any case', () => {
    for (const [symbol, id] of Object.entries(published)) {
      expect(priceFeedId(symbol as keyof typeof published)).toBe(id)
      expect(priceFeedSymbol(id)).toBe(symbol)
      expect(priceFeedSymbol(id.slice(2).toUpperCase())).toBe(symbol)
    }
    expect(priceFeedSymbol(`0x${'11'.repeat(32)}`)).toBeUndefined()
    expect(priceFeedSymbol('not an id')).toBeUndefined()
    expect(() => priceFeedId('DOGE' as never)).toThrow(UnknownMarketError)
  })

  it('normalise ids to 0x + lowercase and refuse anything but 32 bytes of hex', () => {
    expect(normalizeFeedId('E62DF6C8B4A85FE1A67DB44DC12DE5DB330F7AC66B72DC658AFEDF0F4A415B43')).toBe(published.BTC)
    for (const bad of ['0x1234', `${published.BTC}00`, `0X${published.BTC.slice(2)}`, ` ${published.BTC}`, 42, undefined]) expect(normalizeFeedId(bad)).toBeUndefined()
  })
})
