import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors'
import { guardPriceUpdate } from '../../lib/core/oracle/guardPriceUpdate'
import { priceFeedId } from '../../lib/feeds/priceFeeds'
import type { PublishedPriceUpdate } from '../hermes/createHermesServer'
import { badTick, badTickKinds, type BadTickKind } from './badTick'
import { priceFeedUpdate } from './feedUpdates.testing'

const previous: PublishedPriceUpdate = {
  id: priceFeedId('BTC'),
  price: 6_000_000_000_000n,
  conf: 1_500_000_000n,
  expo: -8,
  publishTime: 1_700_000_000,
  emaPrice: 6_000_000_000_000n,
  emaConf: 1_500_000_000n,
  prevPublishTime: 1_699_999_999,
}
const normal: PublishedPriceUpdate = {
  ...previous,
  price: 6_000_600_000_000n,
  conf: 1_600_000_000n,
  publishTime: 1_700_000_001,
  emaPrice: 6_000_010_000_000n,
  prevPublishTime: 1_700_000_000,
}

const expected: Record<BadTickKind, { change: Partial<PublishedPriceUpdate>; verdict: string }> = {
  zero: { change: { price: 0n }, verdict: 'rejected:nonPositivePrice' },
  negative: { change: { price: -6_000_600_000_000n }, verdict: 'rejected:nonPositivePrice' },
  jump: { change: { price: 7_800_780_000_000n }, verdict: 'jumped' },
  'wide-confidence': { change: { conf: 600_060_000_000n }, verdict: 'uncertain' },
  'out-of-order': { change: { publishTime: 1_699_999_995 }, verdict: 'rejected:notNewer' },
}

describe('badTick', () => {
  test.each(badTickKinds)('%s changes exactly its field, and the oracle guard catches it as intended', (kind) => {
    const bad = badTick({ update: normal, kind, previousPublishTime: previous.publishTime })
    expect(bad).toEqual({ ...normal, ...expected[kind].change })
    // The venue's guard after an accepted previous update, judged at the tick's time.
    const state = guardPriceUpdate({ state: undefined, update: priceFeedUpdate(previous), now: previous.publishTime }).state
    const verdict = guardPriceUpdate({ state, update: priceFeedUpdate(bad), now: normal.publishTime })
    expect(verdict.verdict === 'rejected' ? `rejected:${verdict.reason}` : verdict.verdict).toBe(expected[kind].verdict)
    // The normal update itself would have been accepted.
    expect(guardPriceUpdate({ state, update: priceFeedUpdate(normal), now: normal.publishTime }).verdict).toBe('accepted')
  })

  test('does not mutate the normal update', () => {
    const copy = { ...normal }
    for (const kind of badTickKinds) badTick({ update: normal, kind, previousPublishTime: previous.publishTime })
    expect(normal).toEqual(copy)
  })

  test('invalid input throws InvalidInputError naming the field', () => {
    expect(() => badTick({ update: normal, kind: 'late' as BadTickKind, previousPublishTime: 1 })).toThrow('Invalid kind')
    expect(() => badTick({ update: { ...normal, price: 0n }, kind: 'zero', previousPublishTime: 100 })).toThrow('Invalid update')
    expect(() => badTick({ update: normal, kind: 'out-of-order', previousPublishTime: 1.5 })).toThrow(InvalidInputError)
  })
})
