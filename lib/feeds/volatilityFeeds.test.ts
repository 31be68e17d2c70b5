import { stringToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { UnknownMarketError } from '../core/errors'
import { volatilityFeedId, volatilityFeeds, volatilityFeedSymbol } from './volatilityFeeds'

describe('volatilityFeeds', () => {
  it('are keyed like the venue’s VolatilityIndex: bytes32("BTC") etc. (viem’s right-padded stringToHex as the second method)', () => {
    for (const symbol of ['BTC', 'ETH', 'SOL'] as const) {
      expect(volatilityFeedId(symbol)).toBe(stringToHex(symbol, { size: 32 }))
      expect(volatilityFeedSymbol(stringToHex(symbol, { size: 32 }).toUpperCase().replace('0X', ''))).toBe(symbol)
    }
    expect(volatilityFeeds.map((feed) => [feed.symbol, feed.expo])).toEqual([['BTC', -18], ['ETH', -18], ['SOL', -18]])
  })

  it('know no other feed', () => {
    expect(() => volatilityFeedId('USDC' as never)).toThrow(UnknownMarketError)
    expect(volatilityFeedSymbol(stringToHex('DOGE', { size: 32 }))).toBeUndefined()
  })
})
