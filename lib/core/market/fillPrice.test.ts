import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError, NoSolutionError } from '../errors'
import { fillPrice } from './fillPrice'

const params = { skewScale: 10_000, takerFee: 0.0005 }
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)

describe('fillPrice', () => {
  test('hand-computed example: S = 60,000, skew 1,000 → 3,000 (average 20 % of skewScale)', () => {
    const fill = fillPrice({ price: 60_000, skew: 1_000, size: 2_000, params })
    expect(relative(fill.fillPrice, 72_000)).toBeLessThan(1e-15)
    expect(relative(fill.premium, 12_000)).toBeLessThan(1e-15)
    expect(relative(fill.premiumFraction, 0.2)).toBeLessThan(1e-15)
    expect(relative(fill.premiumCost, 24_000_000)).toBeLessThan(1e-15)
    expect(relative(fill.fee, 0.0005 * 2_000 * 72_000)).toBeLessThan(1e-15)
    expect(fill.skew).toBe(3_000)
  })

  test('premium sign: pushing the skew away from zero pays, bringing it back is filled better', () => {
    // long-heavy market: a buy fills above the oracle, a sell below it
    const buy = fillPrice({ price: 100, skew: 500, size: 10, params })
    const sell = fillPrice({ price: 100, skew: 500, size: -10, params })
    expect(buy.premium).toBeGreaterThan(0)
    expect(buy.premiumCost).toBeGreaterThan(0)
    expect(sell.premium).toBeGreaterThan(0) // still above oracle: the skew stays long
    expect(sell.premiumCost).toBeLessThan(0) // but the seller gains from it
    // short-heavy market: a sell pays (below the oracle), a buy gains
    expect(fillPrice({ price: 100, skew: -500, size: -10, params }).premiumCost).toBeGreaterThan(0)
    expect(fillPrice({ price: 100, skew: -500, size: 10, params }).premiumCost).toBeLessThan(0)
    // a balanced market: any trade pays, symmetric in direction
    const up = fillPrice({ price: 100, skew: 0, size: 10, params })
    const down = fillPrice({ price: 100, skew: 0, size: -10, params })
    expect(up.premiumCost).toBeCloseTo(down.premiumCost, 12)
    expect(up.premiumCost).toBeGreaterThan(0)
  })

  test('a zero-size quote is the marginal price S(1 + skew/skewScale) with no fee', () => {
    const quote = fillPrice({ price: 2_000, skew: -2_500, size: 0, params })
    expect(relative(quote.fillPrice, 1_500)).toBeLessThan(1e-15)
    expect(quote.fee).toBe(0)
  })

  // Sizes and skews on the venue's grid of 1e-8 base units (denormal sizes are not trades).
  const units = (max: number) => fc.integer({ min: -max * 1e8, max: max * 1e8 }).map((n) => n / 1e8)
  const tradeArb = fc.record({
    price: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
    skew: units(5_000),
    first: units(2_000),
    second: units(2_000),
  })

  test('size × fill = size·S + S·(after² − before²)/(2·skewScale) — splitting a trade changes nothing (10,000 cases)', () => {
    fc.assert(
      fc.property(tradeArb, ({ price, skew, first, second }) => {
        const whole = fillPrice({ price, skew, size: first + second, params })
        const a = fillPrice({ price, skew, size: first, params })
        const b = fillPrice({ price, skew: a.skew, size: second, params })
        // Rounding scale: the notional plus the skew-squared terms that cancel in the closed form.
        const reach = Math.abs(skew) + Math.abs(first) + Math.abs(second)
        const scale = price * (Math.abs(first) + Math.abs(second) + (reach * reach) / params.skewScale) + 1e-300
        const closedForm = (first + second) * price + (price * ((skew + first + second) ** 2 - skew ** 2)) / (2 * params.skewScale)
        expect(Math.abs((first + second) * whole.fillPrice - closedForm)).toBeLessThanOrEqual(1e-12 * scale)
        expect(Math.abs(first * a.fillPrice + second * b.fillPrice - closedForm)).toBeLessThanOrEqual(1e-12 * scale)
        expect(Math.abs(a.premiumCost + b.premiumCost - whole.premiumCost)).toBeLessThanOrEqual(1e-12 * scale)
        if (first * second >= 0) expect(Math.abs(a.fee + b.fee - whole.fee)).toBeLessThanOrEqual(1e-12 * scale)
        // premiumCost has the sign of size × (skew_before + skew_after)
        const direction = (first + second) * (2 * skew + first + second)
        if (Math.abs(direction) > 1e-9) expect(Math.sign(whole.premiumCost)).toBe(Math.sign(direction))
        expect(whole.fee).toBeGreaterThanOrEqual(0)
        expect(Math.abs(whole.premium - (whole.fillPrice - price))).toBeLessThanOrEqual(4 * Number.EPSILON * whole.fillPrice)
      }),
      { numRuns: 10_000 },
    )
  })

  test('a discount down to zero is no fill price (NoSolutionError)', () => {
    expect(() => fillPrice({ price: 100, skew: -10_000, size: 0, params })).toThrow(NoSolutionError)
    expect(() => fillPrice({ price: 100, skew: -8_000, size: -5_000, params })).toThrow(NoSolutionError)
    expect(fillPrice({ price: 100, skew: -9_000, size: 0, params }).fillPrice).toBeGreaterThan(0)
  })

  test('invalid input throws InvalidInputError (10,000 random bad fields)', () => {
    const bad = fc.oneof(fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY), fc.constant(Number.NEGATIVE_INFINITY))
    fc.assert(
      fc.property(fc.constantFrom('price', 'skew', 'size', 'skewScale', 'takerFee'), bad, (field, value) => {
        const input = { price: 100, skew: 0, size: 1, params: { ...params } }
        if (field === 'skewScale' || field === 'takerFee') input.params[field] = value
        else input[field] = value
        expect(() => fillPrice(input)).toThrow(InvalidInputError)
      }),
      { numRuns: 10_000 },
    )
    expect(() => fillPrice({ price: 0, skew: 0, size: 1, params })).toThrow(InvalidInputError)
    expect(() => fillPrice({ price: 1, skew: 0, size: 1, params: { skewScale: 0, takerFee: 0 } })).toThrow(InvalidInputError)
    expect(() => fillPrice({ price: 1, skew: 0, size: 1, params: { skewScale: 1, takerFee: 1 } })).toThrow(InvalidInputError)
    expect(() => fillPrice({ price: 1, skew: 0, size: 1, params: { skewScale: 1, takerFee: -0.1 } })).toThrow(InvalidInputError)
  })
})
