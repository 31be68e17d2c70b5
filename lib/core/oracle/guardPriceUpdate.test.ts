import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { guardPriceUpdate } from './guardPriceUpdate'
import { defaultOracleGuardParams } from './params'
import type { FeedState, FeedUpdate, OracleGuardParams } from './types'

const t0 = 1_700_000_000

// Powers of two make the threshold products exact in float64, so ties are ties.
const exact: OracleGuardParams = { maxAge: 64, maxConfRatio: 0.25, maxJump: 0.125, jumpWindow: 32, maxFutureSkew: 8 }

const accepted = (price: number, publishTime: number, conf = 0): FeedState => ({
  accepted: { price, conf, publishTime },
  latestPublishTime: publishTime,
  uncertain: false,
})

function feed(updates: FeedUpdate[], params: OracleGuardParams = exact) {
  let state: FeedState | undefined
  const verdicts: string[] = []
  for (const update of updates) {
    const result = guardPriceUpdate({ state, update, now: update.publishTime, params })
    verdicts.push(result.verdict === 'rejected' ? `rejected:${result.reason}` : result.verdict)
    state = result.state
  }
  return { state, verdicts }
}

describe('guardPriceUpdate: rejections', () => {
  const state = accepted(64, t0)

  test.each([
    ['NaN price', { price: Number.NaN, conf: 1, publishTime: t0 + 1 }],
    ['infinite price', { price: Number.POSITIVE_INFINITY, conf: 1, publishTime: t0 + 1 }],
    ['string price', { price: '64' as unknown as number, conf: 1, publishTime: t0 + 1 }],
    ['negative conf', { price: 64, conf: -1, publishTime: t0 + 1 }],
    ['NaN conf', { price: 64, conf: Number.NaN, publishTime: t0 + 1 }],
    ['fractional publish time', { price: 64, conf: 1, publishTime: t0 + 0.5 }],
    ['zero publish time', { price: 64, conf: 1, publishTime: 0 }],
    ['missing publish time', { price: 64, conf: 1 } as FeedUpdate],
    ['null update', null as unknown as FeedUpdate],
  ])('%s is malformed', (_, update) => {
    const result = guardPriceUpdate({ state, update, now: t0 + 1, params: exact })
    expect(result).toEqual({ verdict: 'rejected', reason: 'malformed', state })
    expect(result.state).toBe(state)
  })

  test('price <= 0 is nonPositivePrice (0 and negative)', () => {
    for (const price of [0, -0, -64]) {
      const result = guardPriceUpdate({ state, update: { price, conf: 0, publishTime: t0 + 1 }, now: t0 + 1, params: exact })
      expect(result).toMatchObject({ verdict: 'rejected', reason: 'nonPositivePrice' })
      expect(result.state).toBe(state)
    }
  })

  test('publishTime > now + maxFutureSkew is future; equal is allowed', () => {
    const now = t0 + 10
    const over = guardPriceUpdate({ state, update: { price: 64, conf: 0, publishTime: now + 9 }, now, params: exact })
    expect(over).toMatchObject({ verdict: 'rejected', reason: 'future' })
    const tie = guardPriceUpdate({ state, update: { price: 64, conf: 0, publishTime: now + 8 }, now, params: exact })
    expect(tie.verdict).toBe('accepted')
  })

  test('publishTime <= latest is notNewer (equal is rejected)', () => {
    for (const publishTime of [t0, t0 - 1]) {
      const result = guardPriceUpdate({ state, update: { price: 64, conf: 0, publishTime }, now: t0 + 1, params: exact })
      expect(result).toMatchObject({ verdict: 'rejected', reason: 'notNewer' })
      expect(result.state).toBe(state)
    }
  })

  test('notNewer compares with the newest non-rejected update, uncertain and jumped included', () => {
    const { state: afterUncertain } = feed([
      { price: 64, conf: 0, publishTime: t0 },
      { price: 64, conf: 64, publishTime: t0 + 5 },
    ])
    const replay = guardPriceUpdate({ state: afterUncertain, update: { price: 64, conf: 0, publishTime: t0 + 5 }, now: t0 + 6, params: exact })
    expect(replay).toMatchObject({ verdict: 'rejected', reason: 'notNewer' })
    const { state: afterJump } = feed([
      { price: 64, conf: 0, publishTime: t0 },
      { price: 128, conf: 0, publishTime: t0 + 5 },
    ])
    const late = guardPriceUpdate({ state: afterJump, update: { price: 64, conf: 0, publishTime: t0 + 4 }, now: t0 + 6, params: exact })
    expect(late).toMatchObject({ verdict: 'rejected', reason: 'notNewer' })
  })

  test('reasons follow the documented order: malformed, nonPositivePrice, future, notNewer', () => {
    const now = t0 + 1
    // negative conf (malformed) and negative price
    expect(guardPriceUpdate({ state, update: { price: -1, conf: -1, publishTime: t0 + 1 }, now, params: exact })).toMatchObject({ reason: 'malformed' })
    // negative price, from the future
    expect(guardPriceUpdate({ state, update: { price: -1, conf: 0, publishTime: now + 100 }, now, params: exact })).toMatchObject({ reason: 'nonPositivePrice' })
    // future with respect to a `now` that is behind the stored state
    const behind = t0 - 50
    expect(guardPriceUpdate({ state, update: { price: 64, conf: 0, publishTime: t0 - 10 }, now: behind, params: exact })).toMatchObject({ reason: 'future' })
  })

  test('the very first update can be rejected too, and leaves the state undefined', () => {
    const result = guardPriceUpdate({ state: undefined, update: { price: 0, conf: 0, publishTime: t0 }, now: t0 })
    expect(result).toEqual({ verdict: 'rejected', reason: 'nonPositivePrice', state: undefined })
  })
})

describe('guardPriceUpdate: uncertain', () => {
  test('conf > maxConfRatio × price is uncertain; equal is not (tie)', () => {
    const base = accepted(64, t0)
    const tie = guardPriceUpdate({ state: base, update: { price: 64, conf: 16, publishTime: t0 + 1 }, now: t0 + 1, params: exact })
    expect(tie.verdict).toBe('accepted')
    const over = guardPriceUpdate({ state: base, update: { price: 64, conf: 16.000001, publishTime: t0 + 1 }, now: t0 + 1, params: exact })
    expect(over.verdict).toBe('uncertain')
    // the trusted price is kept; the flag and the latest publish time move
    expect(over.state).toEqual({ accepted: base.accepted, latestPublishTime: t0 + 1, uncertain: true })
  })

  test('an uncertain update neither jumps, nor confirms, nor discards a pending jump', () => {
    const { state, verdicts } = feed([
      { price: 64, conf: 0, publishTime: t0 },
      { price: 100, conf: 0, publishTime: t0 + 1 }, // jump
      { price: 100, conf: 50, publishTime: t0 + 2 }, // uncertain, though consistent with the jump
      { price: 64, conf: 30, publishTime: t0 + 3 }, // uncertain, though back at the trusted price
    ])
    expect(verdicts).toEqual(['accepted', 'jumped', 'uncertain', 'uncertain'])
    expect(state?.accepted?.price).toBe(64)
    expect(state?.pending?.price).toBe(100)
    expect(state?.uncertain).toBe(true)
  })

  test('a first update that is uncertain gives a state with no trusted price', () => {
    const result = guardPriceUpdate({ state: undefined, update: { price: 64, conf: 32, publishTime: t0 }, now: t0, params: exact })
    expect(result).toEqual({ verdict: 'uncertain', state: { latestPublishTime: t0, uncertain: true } })
  })

  test('the next confident update clears the flag', () => {
    const { state, verdicts } = feed([
      { price: 64, conf: 0, publishTime: t0 },
      { price: 64, conf: 20, publishTime: t0 + 1 },
      { price: 65, conf: 1, publishTime: t0 + 2 },
    ])
    expect(verdicts).toEqual(['accepted', 'uncertain', 'accepted'])
    expect(state).toEqual(accepted(65, t0 + 2, 1))
  })
})

describe('guardPriceUpdate: jumps', () => {
  test('a move of exactly maxJump within the window is accepted; just more is jumped (both directions)', () => {
    const base = accepted(64, t0)
    // 64 × 0.125 = 8 exactly: 72 and 56 are ties.
    for (const price of [72, 56]) {
      expect(guardPriceUpdate({ state: base, update: { price, conf: 0, publishTime: t0 + 1 }, now: t0 + 1, params: exact }).verdict).toBe('accepted')
    }
    for (const price of [72.000001, 55.999999]) {
      const result = guardPriceUpdate({ state: base, update: { price, conf: 0, publishTime: t0 + 1 }, now: t0 + 1, params: exact })
      expect(result.verdict).toBe('jumped')
      expect(result.state).toEqual({ accepted: base.accepted, pending: { price, conf: 0, publishTime: t0 + 1 }, latestPublishTime: t0 + 1, uncertain: false })
    }
  })

  test('the window: exactly jumpWindow after the trusted price is checked, one second more is not', () => {
    const base = accepted(64, t0)
    const inside = guardPriceUpdate({ state: base, update: { price: 100, conf: 0, publishTime: t0 + 32 }, now: t0 + 32, params: exact })
    expect(inside.verdict).toBe('jumped')
    const outside = guardPriceUpdate({ state: base, update: { price: 100, conf: 0, publishTime: t0 + 33 }, now: t0 + 33, params: exact })
    expect(outside.verdict).toBe('accepted')
  })

  test('a second consistent update confirms the jump and becomes the trusted price', () => {
    const { state, verdicts } = feed([
      { price: 64, conf: 0, publishTime: t0 },
      { price: 32, conf: 0, publishTime: t0 + 1 }, // −50 %: jumped
      { price: 36, conf: 0, publishTime: t0 + 2 }, // 32 × 1.125 = 36 exactly: consistent (tie)
    ])
    expect(verdicts).toEqual(['accepted', 'jumped', 'accepted'])
    expect(state).toEqual(accepted(36, t0 + 2))
  })

  test('an update just beyond maxJump of the pending one replaces it instead of confirming', () => {
    const { state, verdicts } = feed([
      { price: 64, conf: 0, publishTime: t0 },
      { price: 32, conf: 0, publishTime: t0 + 1 },
      { price: 36.000001, conf: 0, publishTime: t0 + 2 },
      { price: 36.5, conf: 0, publishTime: t0 + 3 }, // consistent with the new pending 36.000001
    ])
    expect(verdicts).toEqual(['accepted', 'jumped', 'jumped', 'accepted'])
    expect(state?.accepted?.price).toBe(36.5)
  })

  test('a bad tick is discarded: the next update back near the trusted price is accepted', () => {
    const { state, verdicts } = feed([
      { price: 64, conf: 0, publishTime: t0 },
      { price: 640, conf: 0, publishTime: t0 + 1 },
      { price: 64.5, conf: 0, publishTime: t0 + 2 },
    ])
    expect(verdicts).toEqual(['accepted', 'jumped', 'accepted'])
    expect(state).toEqual(accepted(64.5, t0 + 2))
    expect(state?.pending).toBeUndefined()
  })

  test('after the window the trusted price is no reference: a large move is accepted at once', () => {
    const { verdicts } = feed([
      { price: 64, conf: 0, publishTime: t0 },
      { price: 640, conf: 0, publishTime: t0 + 100 },
    ])
    expect(verdicts).toEqual(['accepted', 'accepted'])
  })

  test('the default thresholds on a BTC crash: −16.7 % is held, then confirmed', () => {
    const { state, verdicts } = feed(
      [
        { price: 60_000, conf: 15, publishTime: t0 },
        { price: 50_000, conf: 20, publishTime: t0 + 2 },
        { price: 49_800, conf: 20, publishTime: t0 + 4 },
      ],
      defaultOracleGuardParams,
    )
    expect(verdicts).toEqual(['accepted', 'jumped', 'accepted'])
    expect(state?.accepted?.price).toBe(49_800)
  })

  test('the same rules guard a volatility-index feed (annualised vol)', () => {
    const { state, verdicts } = feed(
      [
        { price: 0.55, conf: 0.002, publishTime: t0 },
        { price: 0.58, conf: 0.002, publishTime: t0 + 12 }, // +5.5 %: accepted
        { price: 0.9, conf: 0.004, publishTime: t0 + 24 }, // +55 %: jumped
        { price: 0.88, conf: 0.003, publishTime: t0 + 36 }, // consistent: confirmed
        { price: 0.88, conf: 0.05, publishTime: t0 + 48 }, // conf 5.7 % of vol: uncertain
        { price: -0.1, conf: 0.05, publishTime: t0 + 60 }, // negative vol: rejected
      ],
      defaultOracleGuardParams,
    )
    expect(verdicts).toEqual(['accepted', 'accepted', 'jumped', 'accepted', 'uncertain', 'rejected:nonPositivePrice'])
    expect(state?.accepted?.price).toBe(0.88)
    expect(state?.uncertain).toBe(true)
  })
})

describe('guardPriceUpdate: invalid input throws typed errors', () => {
  const update = { price: 64, conf: 0, publishTime: t0 }
  test('bad now, params or state', () => {
    expect(() => guardPriceUpdate({ state: undefined, update, now: Number.NaN })).toThrow(InvalidInputError)
    expect(() => guardPriceUpdate({ state: undefined, update, now: t0, params: { ...exact, maxJump: 0 } })).toThrow(InvalidInputError)
    expect(() => guardPriceUpdate({ state: undefined, update, now: t0, params: { ...exact, jumpWindow: -1 } })).toThrow(InvalidInputError)
    expect(() => guardPriceUpdate({ state: { latestPublishTime: Number.NaN, uncertain: false }, update, now: t0 })).toThrow(InvalidInputError)
    const pendingWithoutAccepted = { pending: { price: 1, conf: 0, publishTime: t0 }, latestPublishTime: t0, uncertain: false }
    expect(() => guardPriceUpdate({ state: pendingWithoutAccepted, update, now: t0 })).toThrow(InvalidInputError)
  })

  test('random invalid params always throw InvalidInputError (10,000 cases)', () => {
    const bad = fc.oneof(fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY), fc.double({ max: -Number.MIN_VALUE, noNaN: true }))
    const key = fc.constantFrom<keyof OracleGuardParams>('maxAge', 'maxConfRatio', 'maxJump', 'jumpWindow', 'maxFutureSkew')
    fc.assert(
      fc.property(key, bad, (field, value) => {
        expect(() => guardPriceUpdate({ state: undefined, update, now: t0, params: { ...exact, [field]: value } })).toThrow(InvalidInputError)
      }),
      { numRuns: 10_000 },
    )
  })
})

describe('guardPriceUpdate: properties over random update streams (10,000 streams each)', () => {
  const updateArb = fc.record({
    price: fc.oneof(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.constantFrom(0, -1, Number.NaN, 1.125, 0.875)),
    conf: fc.oneof(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.constantFrom(-1, 0.25)),
    step: fc.integer({ min: -2, max: 40 }),
  })
  const streamArb = fc.array(updateArb, { minLength: 1, maxLength: 12 })

  function* run(stream: { price: number; conf: number; step: number }[]) {
    let state: FeedState | undefined
    let time = t0
    for (const { price, conf, step } of stream) {
      time += step
      const update = { price, conf, publishTime: time }
      const before = state === undefined ? undefined : structuredClone(state)
      const result = guardPriceUpdate({ state, update, now: time, params: exact })
      yield { previous: state, before, update, result }
      state = result.state
    }
  }

  test('a rejected update changes nothing, and no input state is ever mutated', () => {
    fc.assert(
      fc.property(streamArb, (stream) => {
        for (const { previous, before, result } of run(stream)) {
          expect(previous).toEqual(before)
          if (result.verdict === 'rejected') expect(result.state).toBe(previous)
        }
      }),
      { numRuns: 10_000 },
    )
  })

  test('publish times strictly increase over non-rejected updates; only positive, confident prices are trusted', () => {
    fc.assert(
      fc.property(streamArb, (stream) => {
        let latest = 0
        for (const { result } of run(stream)) {
          if (result.verdict === 'rejected') continue
          expect(result.state.latestPublishTime).toBeGreaterThan(latest)
          latest = result.state.latestPublishTime
          const trusted = result.state.accepted
          if (trusted !== undefined) {
            expect(trusted.price).toBeGreaterThan(0)
            expect(trusted.conf).toBeLessThanOrEqual(exact.maxConfRatio * trusted.price)
          }
        }
      }),
      { numRuns: 10_000 },
    )
  })

  test('the trusted price never moves by more than maxJump within the window in one step, unless a consistent jump was pending', () => {
    fc.assert(
      fc.property(streamArb, (stream) => {
        for (const { previous, update, result } of run(stream)) {
          const from = previous?.accepted
          const to = result.state?.accepted
          if (from === undefined || to === undefined || to === from) continue
          const moved = Math.abs(to.price - from.price) > exact.maxJump * from.price
          const recent = to.publishTime - from.publishTime <= exact.jumpWindow
          if (moved && recent) {
            const pending = previous?.pending
            expect(pending).toBeDefined()
            expect(Math.abs(update.price - (pending?.price ?? Number.NaN))).toBeLessThanOrEqual(exact.maxJump * (pending?.price ?? 0))
          }
        }
      }),
      { numRuns: 10_000 },
    )
  })

  test('two equal confident updates in a row always end trusted at that price', () => {
    fc.assert(
      fc.property(streamArb, fc.double({ min: 0.1, max: 10, noNaN: true }), (stream, price) => {
        let state: FeedState | undefined
        let time = t0
        for (const { result } of run(stream)) state = result.state
        time = (state?.latestPublishTime ?? t0) + 1
        for (let i = 0; i < 2; i++) state = guardPriceUpdate({ state, update: { price, conf: 0, publishTime: time + i }, now: time + i, params: exact }).state
        expect(state?.accepted?.price).toBe(price)
        expect(state?.pending).toBeUndefined()
      }),
      { numRuns: 10_000 },
    )
  })
})
