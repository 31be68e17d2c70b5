import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { defaultRiskParams } from '../risk/params'
import { accrueFunding } from './accrueFunding'
import { fundingOwed } from './fundingOwed'
import type { FundingState } from './types'

const t0 = 1_700_000_000
const day = 86_400
const params = { skewScale: 10_000, maxFundingVelocity: 3 }
const closeTo = (actual: number, expected: number, scale: number, tolerance = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * scale)

describe('accrueFunding', () => {
  test('constant skew over T days: r(T) = r + vT and F(T) = F + S(rT + vT²/2) (closed form)', () => {
    // v = 3 × clamp(2,500 / 10,000) = 0.75 per day²; r = 0.001; S = 60,000; T = 2 days:
    // r(T) = 0.001 + 1.5 = 1.501;  F(T) = 100 + 60,000 × (0.002 + 0.75 × 4 / 2) = 90,220.
    const state: FundingState = { fundingRate: 0.001, fundingIndex: 100, lastUpdated: t0, skew: 2_500 }
    const next = accrueFunding({ state, price: 60_000, now: t0 + 2 * day, params })
    closeTo(next.fundingRate, 1.501, 1.501)
    closeTo(next.fundingIndex, 90_220, 90_220)
    expect(next.lastUpdated).toBe(t0 + 2 * day)
    expect(next.skew).toBe(2_500)
    expect(state).toEqual({ fundingRate: 0.001, fundingIndex: 100, lastUpdated: t0, skew: 2_500 })
  })

  test('the velocity saturates at ±maxFundingVelocity once |skew| >= skewScale', () => {
    for (const skew of [10_000, 25_000, 1e9]) {
      const next = accrueFunding({ state: { fundingRate: 0, fundingIndex: 0, lastUpdated: t0, skew }, price: 1, now: t0 + day, params })
      closeTo(next.fundingRate, 3, 3) // 3 per day² for one day
      closeTo(next.fundingIndex, 1.5, 1.5) // ∫₀¹ 3t dt
    }
    const short = accrueFunding({ state: { fundingRate: 0, fundingIndex: 0, lastUpdated: t0, skew: -50_000 }, price: 1, now: t0 + day, params })
    closeTo(short.fundingRate, -3, 3)
  })

  test('a balanced market keeps its rate; the index grows linearly at that rate', () => {
    const next = accrueFunding({ state: { fundingRate: 0.0004, fundingIndex: 7, lastUpdated: t0, skew: 0 }, price: 2_500, now: t0 + 3 * day, params })
    expect(next.fundingRate).toBe(0.0004)
    closeTo(next.fundingIndex, 7 + 0.0004 * 2_500 * 3, 10)
  })

  test('zero elapsed time changes nothing', () => {
    const state = { fundingRate: 0.01, fundingIndex: 5, lastUpdated: t0, skew: 900 }
    expect(accrueFunding({ state, price: 60_000, now: t0, params })).toEqual(state)
  })

  test('sign: longs pay while longs dominate (skew > 0), shorts receive', () => {
    const state = { fundingRate: 0, fundingIndex: 0, lastUpdated: t0, skew: 1_000 }
    const next = accrueFunding({ state, price: 60_000, now: t0 + 8 * 3_600, params: defaultRiskParams.markets.BTC ?? params })
    expect(next.fundingRate).toBeGreaterThan(0)
    expect(fundingOwed({ size: 1, lastFundingIndex: 0, fundingIndex: next.fundingIndex })).toBeGreaterThan(0)
    expect(fundingOwed({ size: -1, lastFundingIndex: 0, fundingIndex: next.fundingIndex })).toBeLessThan(0)
  })

  const stateArb = fc.record({
    fundingRate: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
    fundingIndex: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
    lastUpdated: fc.integer({ min: 1_600_000_000, max: 1_800_000_000 }),
    skew: fc.double({ min: -30_000, max: 30_000, noNaN: true }),
  })
  const paramsArb = fc.record({
    skewScale: fc.double({ min: 1, max: 1e7, noNaN: true }),
    maxFundingVelocity: fc.double({ min: 0, max: 10, noNaN: true }),
  })

  test('two accrual steps at one price equal one step (10,000 cases)', () => {
    fc.assert(
      fc.property(
        stateArb,
        paramsArb,
        fc.double({ min: 0.01, max: 1e5, noNaN: true }),
        fc.integer({ min: 0, max: 30 * day }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (state, p, price, elapsed, split) => {
          const middle = state.lastUpdated + Math.round(elapsed * split)
          const end = state.lastUpdated + elapsed
          const once = accrueFunding({ state, price, now: end, params: p })
          const twice = accrueFunding({ state: accrueFunding({ state, price, now: middle, params: p }), price, now: end, params: p })
          // Scale of the figures summed: |F| + S·d·(|r| + v·d).
          const days = elapsed / day
          const scale = Math.abs(state.fundingIndex) + price * days * (Math.abs(state.fundingRate) + p.maxFundingVelocity * days) + 1e-300
          closeTo(twice.fundingIndex, once.fundingIndex, scale)
          closeTo(twice.fundingRate, once.fundingRate, Math.abs(state.fundingRate) + p.maxFundingVelocity * days + 1e-300)
          expect(twice.lastUpdated).toBe(once.lastUpdated)
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test('the index equals the integral of r(t)·S by the trapezoid rule on 64 sub-steps — exact for a linear rate (10,000 cases)', () => {
    fc.assert(
      fc.property(stateArb, paramsArb, fc.double({ min: 0.01, max: 1e5, noNaN: true }), fc.integer({ min: 1, max: 10 * day }), (state, p, price, elapsed) => {
        const days = elapsed / day
        const velocity = p.maxFundingVelocity * Math.min(1, Math.max(-1, state.skew / p.skewScale))
        let integral = 0
        for (let i = 0; i < 64; i++) {
          const a = state.fundingRate + velocity * ((i * days) / 64)
          const b = state.fundingRate + velocity * (((i + 1) * days) / 64)
          integral += ((a + b) / 2) * price * (days / 64)
        }
        const next = accrueFunding({ state, price, now: state.lastUpdated + elapsed, params: p })
        const scale = Math.abs(state.fundingIndex) + price * days * (Math.abs(state.fundingRate) + Math.abs(velocity) * days) + 1e-300
        closeTo(next.fundingIndex, state.fundingIndex + integral, scale, 1e-11)
      }),
      { numRuns: 10_000 },
    )
  })

  test('invalid input throws InvalidInputError', () => {
    const state = { fundingRate: 0, fundingIndex: 0, lastUpdated: t0, skew: 0 }
    expect(() => accrueFunding({ state, price: 60_000, now: t0 - 1, params })).toThrow(InvalidInputError)
    expect(() => accrueFunding({ state, price: 0, now: t0, params })).toThrow(InvalidInputError)
    expect(() => accrueFunding({ state, price: Number.NaN, now: t0, params })).toThrow(InvalidInputError)
    expect(() => accrueFunding({ state, price: 1, now: Number.POSITIVE_INFINITY, params })).toThrow(InvalidInputError)
    expect(() => accrueFunding({ state: { ...state, skew: Number.NaN }, price: 1, now: t0, params })).toThrow(InvalidInputError)
    expect(() => accrueFunding({ state, price: 1, now: t0, params: { ...params, skewScale: 0 } })).toThrow(InvalidInputError)
    expect(() => accrueFunding({ state, price: 1, now: t0, params: { ...params, maxFundingVelocity: -1 } })).toThrow(InvalidInputError)
  })

  test('random valid input never yields NaN or ±Infinity (10,000 cases)', () => {
    const big = fc.double({ min: -1e18, max: 1e18, noNaN: true })
    fc.assert(
      fc.property(
        fc.record({ fundingRate: big, fundingIndex: big, lastUpdated: fc.double({ min: 0, max: 1e18, noNaN: true }), skew: big }),
        fc.double({ min: 1e-300, max: 1e18, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.record({ skewScale: fc.double({ min: 1e-300, max: 1e18, noNaN: true }), maxFundingVelocity: fc.double({ min: 0, max: 1e18, noNaN: true }) }),
        (state, price, at, p) => {
          const now = state.lastUpdated + at * (1e18 - state.lastUpdated)
          const next = accrueFunding({ state, price, now, params: p })
          expect(Number.isFinite(next.fundingIndex) && Number.isFinite(next.fundingRate)).toBe(true)
        },
      ),
      { numRuns: 10_000 },
    )
  })
})
