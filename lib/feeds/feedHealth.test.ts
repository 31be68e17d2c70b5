import { describe, expect, it } from 'vitest'
import { applyPriceUpdate } from './applyPriceUpdate'
import { createFeedRecord } from './createFeedRecord'
import { feedHealth } from './feedHealth'
import { priceFeedId } from './priceFeeds'
import type { FeedRecord } from './types'

const t0 = 1_700_000_000
const ms = (seconds: number) => seconds * 1000

function feed(...updates: [price: number, conf: number, publishTime: number][]): FeedRecord {
  let record = createFeedRecord({ feed: { id: priceFeedId('ETH'), symbol: 'ETH' } })
  for (const [price, conf, publishTime] of updates) record = applyPriceUpdate({ record, update: { price, conf, publishTime }, source: 'stream', now: ms(publishTime) }).record
  return record
}

describe('feedHealth', () => {
  it('is live with a fresh, certain price and an open connection, with its price and age', () => {
    const health = feedHealth({ record: feed([3_000, 1, t0]), now: ms(t0 + 5), connected: true })
    expect(health).toMatchObject({ symbol: 'ETH', state: 'live', price: 3_000, age: 5, lastRejection: null })
  })

  it('is disconnected without a connection, whatever the price, and still says how old it is', () => {
    for (const record of [feed([3_000, 1, t0]), feed([3_000, 1, t0], [3_000, 100, t0 + 1]), feed()]) {
      const health = feedHealth({ record, now: ms(t0 + 2), connected: false })
      expect(health.state).toBe('disconnected')
    }
    expect(feedHealth({ record: feed([3_000, 1, t0]), now: ms(t0 + 2), connected: false }).age).toBe(2)
  })

  it('follows the guard’s status order: stale, then jumped, then uncertain (DESIGN.md §4.6)', () => {
    expect(feedHealth({ record: feed(), now: ms(t0), connected: true })).toMatchObject({ state: 'stale', price: null, age: null })
    expect(feedHealth({ record: feed([3_000, 1, t0]), now: ms(t0 + 61), connected: true }).state).toBe('stale')
    expect(feedHealth({ record: feed([3_000, 1, t0]), now: ms(t0 + 60), connected: true }).state).toBe('live')
    expect(feedHealth({ record: feed([3_000, 1, t0], [3_000, 100, t0 + 1]), now: ms(t0 + 2), connected: true }).state).toBe('uncertain')
    const jumped = feed([3_000, 1, t0], [3_000, 100, t0 + 1], [3_600, 1, t0 + 2])
    expect(feedHealth({ record: jumped, now: ms(t0 + 3), connected: true })).toMatchObject({ state: 'jumped', price: 3_000 })
    expect(feedHealth({ record: jumped, now: ms(t0 + 61), connected: true }).state).toBe('stale')
  })

  it('lets the update rate fade by e^(−Δt/τ) while nothing arrives', () => {
    const record = feed([3_000, 1, t0])
    const now = feedHealth({ record, now: ms(t0), connected: true }).updatesPerSecond
    expect(now).toBeCloseTo(0.1, 12)
    expect(feedHealth({ record, now: ms(t0 + 10), connected: true }).updatesPerSecond).toBeCloseTo(0.1 * Math.exp(-1), 12)
    expect(feedHealth({ record, now: ms(t0 + 20), connected: true, rateWindow: 20 }).updatesPerSecond).toBeCloseTo(0.1 * Math.exp(-1), 12)
  })
})
