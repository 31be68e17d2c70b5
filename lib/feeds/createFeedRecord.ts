import type { FeedRecord, FollowedFeed } from './types'

/**
 * A feed's record before its first update: no guard state, nothing received, rate 0.
 *
 * @example
 * createFeedRecord({ feed: { id: priceFeedId('BTC'), symbol: 'BTC' } })
 * // { id: '0xe62d…', symbol: 'BTC', guard: undefined, latest: undefined, …, rate: { value: 0, at: 0 } }
 */
export function createFeedRecord({ feed }: { feed: FollowedFeed }): FeedRecord {
  return {
    id: feed.id,
    symbol: feed.symbol,
    guard: undefined,
    latest: undefined,
    latestSource: undefined,
    latestSlot: null,
    lastRejection: undefined,
    rate: { value: 0, at: 0 },
  }
}
