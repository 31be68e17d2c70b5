import fc from 'fast-check'
import { formatUnits } from 'viem'
import { describe, expect, test } from 'vitest'
import { fromWad } from './fromWad'

/**
 * Truth: the exact decimal of the WAD value (viem's `formatUnits`, pure string arithmetic),
 * parsed by the engine's string-to-double, which V8 rounds correctly at any length.
 */
const exact = (value: bigint) => Number(formatUnits(value, 18))
const ulp = 2 ** -52

describe('fromWad', () => {
  test('values the venue uses, written out by hand', () => {
    expect(fromWad(60_000n * 10n ** 18n)).toBe(60_000)
    expect(fromWad(1_234_500_000_000_000_000n)).toBe(1.2345)
    expect(fromWad(-25n * 10n ** 16n)).toBe(-0.25)
    expect(fromWad(0n)).toBe(0)
    expect(fromWad(1n)).toBe(1e-18)
    expect(fromWad(-1n)).toBe(-1e-18)
    // 1e-9 per USD (sizeSlope) and 2/3 as the venue stores it (contracts/README.md choice 11).
    expect(fromWad(10n ** 9n)).toBe(1e-9)
    expect(fromWad(666_666_666_666_666_600n)).toBe(0.6666666666666666)
    // USDC: 6 decimals on the token, WAD inside the venue: 2,500.25 USDC.
    expect(fromWad(2_500_250_000n * 10n ** 12n)).toBe(2_500.25)
  })

  test('within two ulps of the exact decimal across int256 magnitudes (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 255n), max: 2n ** 255n - 1n }), fc.integer({ min: 0, max: 255 }), (raw, bits) => {
        // Spread over magnitudes: cents, sizes, prices, and absurd int256 values alike.
        const value = raw >> BigInt(bits)
        const truth = exact(value)
        expect(Math.abs(fromWad(value) - truth)).toBeLessThanOrEqual(2 * ulp * Math.abs(truth))
      }),
      { numRuns: 10_000 },
    )
  })

  test('reads a price as written where dividing the raw integer does not', () => {
    // 65,432.10987654 USD: Number(value) / 1e18 rounds the 23-digit integer to 53 bits first
    // and lands on 65432.109876539995.
    const value = 65_432_109_876_540_000_000_000n
    expect(Number(value) / 1e18).not.toBe(65_432.10987654)
    expect(fromWad(value)).toBe(65_432.10987654)
  })
})
