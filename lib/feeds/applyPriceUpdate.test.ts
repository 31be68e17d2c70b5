import { describe, expect, it } from 'vitest'
import { applyPriceUpdate } from './applyPriceUpdate'
import { createFeedRecord } from './createFeedRecord'
import { priceFeedId } from './priceFeeds'
import type { FeedRecord } from './types'

const t0 = 1_700_000_000
const ms = (seconds: number) => seconds * 1000
const btc = () => createFeedRecord({ feed: { id: priceFeedId('BTC'), symbol: 'BTC' } })

function accept(record: FeedRecord, price: number, publishTime: number, source: 'stream' | 'backfill' = 'stream') {
  const result = applyPriceUpdate({ record, update: { price, conf: price * 1e-4, publishTime }, source, now: ms(publishTime) })
  expect(result.outcome).toBe('accepted')
  return result.record
}

describe('applyPriceUpdate', () => {
  it('books an accepted update as the trusted price and the newest one', () => {
    const result = applyPriceUpdate({ record: btc(), update: { price: 60_000, conf: 6, publishTime: t0 }, source: 'stream', now: ms(t0) + 300 })
    expect(result.outcome).toBe('accepted')
    expect(result.record.guard?.accepted).toEqual({ price: 60_000, conf: 6, publishTime: t0 })
    expect(result.record.latest).toEqual({ price: 60_000, conf: 6, publishTime: t0 })
    expect(result.record.latestSource).toBe('stream')
  })

  it('ignores an exact repeat as a duplicate, not as an out-of-order fault (Hermes repeats unchanged feeds)', () => {
    const record = accept(btc(), 60_000, t0)
    const repeat = applyPriceUpdate({ record, update: { price: 60_000, conf: 6, publishTime: t0 }, source: 'backfill', now: ms(t0 + 1) })
    expect(repeat).toEqual({ record, outcome: 'duplicate' })
  })

  it('rejects a different update with the same publish time as not newer', () => {
    const record = accept(btc(), 60_000, t0)
    const result = applyPriceUpdate({ record, update: { price: 60_001, conf: 6, publishTime: t0 }, source: 'stream', now: ms(t0 + 1) })
    expect(result.outcome).toBe('rejected')
    expect(result.reason).toBe('notNewer')
    expect(result.record.lastRejection).toEqual({ reason: 'notNewer', publishTime: t0, receivedAt: ms(t0 + 1) })
    expect({ ...result.record, lastRejection: undefined }).toEqual(record)
  })

  it('treats stream messages at or before a backfilled price as superseded, then judges normally again', () => {
    const backfilled = accept(btc(), 60_000, t0 + 10, 'backfill')
    const inFlight = applyPriceUpdate({ record: backfilled, update: { price: 59_990, conf: 6, publishTime: t0 + 9 }, source: 'stream', now: ms(t0 + 10) })
    expect(inFlight).toEqual({ record: backfilled, outcome: 'superseded' })
    const next = accept(backfilled, 60_010, t0 + 11)
    const late = applyPriceUpdate({ record: next, update: { price: 59_990, conf: 6, publishTime: t0 + 9 }, source: 'stream', now: ms(t0 + 12) })
    expect(late.outcome).toBe('rejected')
    expect(late.reason).toBe('notNewer')
  })

  it('uses Hermes slots when known: an old price from a later slot than the backfill is a real out-of-order tick', () => {
    const backfilled = applyPriceUpdate({ record: btc(), update: { price: 60_000, conf: 6, publishTime: t0 + 10 }, source: 'backfill', slot: 50, now: ms(t0 + 10) }).record
    const inFlight = applyPriceUpdate({ record: backfilled, update: { price: 59_990, conf: 6, publishTime: t0 + 9 }, source: 'stream', slot: 49, now: ms(t0 + 10) })
    expect(inFlight.outcome).toBe('superseded')
    const badTick = applyPriceUpdate({ record: backfilled, update: { price: 59_990, conf: 6, publishTime: t0 + 9 }, source: 'stream', slot: 51, now: ms(t0 + 10) })
    expect(badTick.outcome).toBe('rejected')
    expect(badTick.reason).toBe('notNewer')
  })

  it('books an unreadable entry (update null) as a malformed rejection and changes nothing else', () => {
    const record = accept(btc(), 60_000, t0)
    const result = applyPriceUpdate({ record, update: null, source: 'stream', now: ms(t0 + 1) })
    expect(result.outcome).toBe('rejected')
    expect(result.reason).toBe('malformed')
    expect({ ...result.record, lastRejection: undefined }).toEqual(record)
  })

  it('counts uncertain and jumped updates in the rate but keeps the trusted price', () => {
    const record = accept(btc(), 60_000, t0)
    const uncertain = applyPriceUpdate({ record, update: { price: 60_000, conf: 3_000, publishTime: t0 + 1 }, source: 'stream', now: ms(t0 + 1) })
    expect(uncertain.outcome).toBe('uncertain')
    expect(uncertain.record.guard?.accepted?.price).toBe(60_000)
    const jumped = applyPriceUpdate({ record: uncertain.record, update: { price: 72_000, conf: 7, publishTime: t0 + 2 }, source: 'stream', now: ms(t0 + 2) })
    expect(jumped.outcome).toBe('jumped')
    expect(jumped.record.guard?.accepted?.price).toBe(60_000)
    expect(jumped.record.rate.value).toBeGreaterThan(uncertain.record.rate.value)
  })

  it.each([
    [1, 10],
    [2, 10],
    [20, 10],
    [5, 60],
  ])('estimates a steady rate of %i updates/s (τ = %i s) by the closed form (1/τ)·Σ e^(−k/(λτ)), within 1/(2λτ) of λ', (perSecond, window) => {
    const params = { maxAge: 1e9, maxConfRatio: 0.02, maxJump: 0.1, jumpWindow: 60, maxFutureSkew: 1e9 }
    let record = btc()
    const count = perSecond * window * 8
    for (let k = 0; k < count; k++) {
      const now = ms(t0) + (k * 1000) / perSecond
      const update = { price: 60_000 + (k % 2), conf: 6, publishTime: t0 + k + 1 }
      record = applyPriceUpdate({ record, update, source: 'stream', now, rateWindow: window, params }).record
    }
    // A geometric series of `count` terms with ratio q = e^(−1/(λτ)), read at the last update.
    const q = Math.exp(-1 / (perSecond * window))
    const expected = (1 - q ** count) / (1 - q) / window
    expect(record.rate.value).toBeCloseTo(expected, 9)
    // Steady state (1/τ)/(1 − q) ≈ λ·(1 + 1/(2λτ)); e^−8 of the window is still missing.
    expect(Math.abs(expected - perSecond) / perSecond).toBeLessThan(1 / (2 * perSecond * window) + 1e-3)
  })
})
