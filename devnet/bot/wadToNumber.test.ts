import fc from 'fast-check'
import { formatUnits } from 'viem'
import { describe, expect, it } from 'vitest'
import { wadToNumber } from './wadToNumber'

describe('wadToNumber', () => {
  it('converts exact decimals, signs and the smallest unit', () => {
    expect(wadToNumber(0n)).toBe(0)
    expect(wadToNumber(10n ** 18n)).toBe(1)
    expect(wadToNumber(1_234_500_000_000_000_000n)).toBe(1.2345)
    expect(wadToNumber(-25n * 10n ** 16n)).toBe(-0.25)
    expect(wadToNumber(1n)).toBe(1e-18)
    expect(wadToNumber(-1n)).toBe(-1e-18)
    // 66 ETH liquidated at 2,900.12 USD: 191,407.92 USD of notional
    expect(wadToNumber(191_407_920_000_000_000_000_000n)).toBe(191_407.92)
  })

  it('is within two ulps of the exact decimal (viem formatUnits, parsed) for any amount up to 1e12 USD', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (value) => {
        const exact = Number(formatUnits(value, 18))
        const got = wadToNumber(value)
        expect(Math.abs(got - exact)).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(exact))
      }),
      { numRuns: 10_000 },
    )
  })
})
