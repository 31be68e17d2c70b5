import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { assertFeedState } from './assertFeedState'

const t0 = 1_700_000_000
const accepted = { price: 100, conf: 1, publishTime: t0 }

describe('assertFeedState', () => {
  test('accepts states the guard produces', () => {
    expect(() => assertFeedState(undefined)).not.toThrow()
    expect(() => assertFeedState({ latestPublishTime: t0, uncertain: true })).not.toThrow()
    expect(() => assertFeedState({ accepted, latestPublishTime: t0, uncertain: false })).not.toThrow()
    const pending = { price: 150, conf: 1, publishTime: t0 + 1 }
    expect(() => assertFeedState({ accepted, pending, latestPublishTime: t0 + 1, uncertain: false })).not.toThrow()
  })

  test.each([
    ['a non-object', 42],
    ['a fractional latest publish time', { latestPublishTime: t0 + 0.5, uncertain: false }],
    ['a missing uncertain flag', { latestPublishTime: t0 }],
    ['a non-positive accepted price', { accepted: { ...accepted, price: 0 }, latestPublishTime: t0, uncertain: false }],
    ['a negative conf', { accepted: { ...accepted, conf: -1 }, latestPublishTime: t0, uncertain: false }],
    ['an accepted update newer than the latest', { accepted: { ...accepted, publishTime: t0 + 5 }, latestPublishTime: t0, uncertain: false }],
    ['a pending update without an accepted one', { pending: accepted, latestPublishTime: t0, uncertain: false }],
    ['a pending update not newer than the accepted one', { accepted, pending: accepted, latestPublishTime: t0, uncertain: false }],
  ])('rejects %s with InvalidInputError', (_, state) => {
    expect(() => assertFeedState(state as never)).toThrow(InvalidInputError)
  })
})
