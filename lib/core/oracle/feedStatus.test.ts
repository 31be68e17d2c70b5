import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { feedStatus } from './feedStatus'
import { guardPriceUpdate } from './guardPriceUpdate'
import { defaultOracleGuardParams } from './params'
import type { FeedState } from './types'

const t0 = 1_700_000_000
const trusted = { price: 60_000, conf: 15, publishTime: t0 }
const live: FeedState = { accepted: trusted, latestPublishTime: t0, uncertain: false }

describe('feedStatus', () => {
  test('a feed never updated, or with no accepted price yet, is stale with no age', () => {
    expect(feedStatus({ state: undefined, now: t0 })).toEqual({ status: 'stale', age: null })
    expect(feedStatus({ state: { latestPublishTime: t0, uncertain: true }, now: t0 })).toEqual({ status: 'stale', age: null })
  })

  test('age = now − publishTime of the trusted price; exactly maxAge is live, one second more is stale', () => {
    expect(feedStatus({ state: live, now: t0 + 30 })).toEqual({ status: 'live', age: 30 })
    expect(feedStatus({ state: live, now: t0 + 60 })).toEqual({ status: 'live', age: 60 })
    expect(feedStatus({ state: live, now: t0 + 60.5 })).toEqual({ status: 'stale', age: 60.5 })
    expect(feedStatus({ state: live, now: t0 + 61 })).toEqual({ status: 'stale', age: 61 })
  })

  test('a publish time ahead of now (allowed clock skew) counts as age 0', () => {
    expect(feedStatus({ state: live, now: t0 - 5 })).toEqual({ status: 'live', age: 0 })
  })

  test('uncertain and jumped, and their precedence: stale > jumped > uncertain > live', () => {
    const uncertain = { ...live, latestPublishTime: t0 + 1, uncertain: true }
    expect(feedStatus({ state: uncertain, now: t0 + 2 })).toEqual({ status: 'uncertain', age: 2 })
    const jumped = { ...live, pending: { price: 40_000, conf: 20, publishTime: t0 + 1 }, latestPublishTime: t0 + 1 }
    expect(feedStatus({ state: jumped, now: t0 + 2 })).toEqual({ status: 'jumped', age: 2 })
    const both = { ...jumped, latestPublishTime: t0 + 2, uncertain: true }
    expect(feedStatus({ state: both, now: t0 + 3 })).toEqual({ status: 'jumped', age: 3 })
    expect(feedStatus({ state: both, now: t0 + 100 })).toEqual({ status: 'stale', age: 100 })
  })

  test('uncertain updates do not refresh the trusted price: a feed that is only uncertain goes stale', () => {
    let state: FeedState | undefined = live
    for (let i = 1; i <= 70; i++)
      state = guardPriceUpdate({ state, update: { price: 60_000, conf: 5_000, publishTime: t0 + i }, now: t0 + i }).state
    expect(feedStatus({ state, now: t0 + 70 })).toEqual({ status: 'stale', age: 70 })
  })

  test('custom params are honoured', () => {
    const params = { ...defaultOracleGuardParams, maxAge: 5 }
    expect(feedStatus({ state: live, now: t0 + 6, params }).status).toBe('stale')
  })

  test('status is live exactly when trusted, fresh, not pending and not uncertain (10,000 cases)', () => {
    const stateArb = fc.record({
      age: fc.double({ min: -20, max: 200, noNaN: true }),
      pending: fc.boolean(),
      uncertain: fc.boolean(),
    })
    fc.assert(
      fc.property(stateArb, ({ age, pending, uncertain }) => {
        const state: FeedState = { accepted: trusted, latestPublishTime: t0 + 1, uncertain }
        if (pending) state.pending = { price: 1, conf: 0, publishTime: t0 + 1 }
        const now = t0 + age
        const expectedAge = Math.max(0, now - t0)
        const result = feedStatus({ state, now })
        expect(result.age).toBe(expectedAge)
        expect(result.status === 'live').toBe(expectedAge <= 60 && !pending && !uncertain)
        expect(result.status === 'stale').toBe(expectedAge > 60)
      }),
      { numRuns: 10_000 },
    )
  })

  test('invalid input throws InvalidInputError', () => {
    expect(() => feedStatus({ state: live, now: Number.NaN })).toThrow(InvalidInputError)
    expect(() => feedStatus({ state: live, now: Number.NEGATIVE_INFINITY })).toThrow(InvalidInputError)
    expect(() => feedStatus({ state: live, now: t0, params: { ...defaultOracleGuardParams, maxAge: -1 } })).toThrow(InvalidInputError)
    expect(() => feedStatus({ state: { ...live, uncertain: 'no' as unknown as boolean }, now: t0 })).toThrow(InvalidInputError)
    expect(() => feedStatus({ state: { ...live, accepted: { ...trusted, price: 0 } }, now: t0 })).toThrow(InvalidInputError)
  })
})
