import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pythValueToNumber } from './pythValueToNumber'

/**
 * Independent truth: exact rational arithmetic in BigInt. A double is exactly m·2^e; the Pyth
 * value is exactly value·10^expo. The result must be at least as close to the exact value as
 * both neighbouring doubles, i.e. it is the nearest double.
 */
type Rational = { num: bigint; den: bigint }

function exactValue(value: bigint, expo: number): Rational {
  return expo >= 0 ? { num: value * 10n ** BigInt(expo), den: 1n } : { num: value, den: 10n ** BigInt(-expo) }
}

function doubleToRational(x: number): Rational {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const bits = view.getBigUint64(0)
  const sign = bits >> 63n ? -1n : 1n
  const exponent = Number((bits >> 52n) & 0x7ffn)
  const fraction = bits & ((1n << 52n) - 1n)
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n)
  const power = (exponent === 0 ? 1 : exponent) - 1075
  return power >= 0 ? { num: sign * mantissa * 2n ** BigInt(power), den: 1n } : { num: sign * mantissa, den: 2n ** BigInt(-power) }
}

function neighbour(x: number, direction: 1 | -1): number {
  if (x === 0) return direction * Number.MIN_VALUE
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const bits = view.getBigInt64(0)
  view.setBigInt64(0, bits + BigInt((x > 0 ? 1 : -1) * direction))
  return view.getFloat64(0)
}

/** Compares |a − v| with |b − v| exactly: negative when a is closer. */
function compareDistance(a: Rational, b: Rational, v: Rational): number {
  const abs = (n: bigint) => (n < 0n ? -n : n)
  const da = abs(a.num * v.den - v.num * a.den) * (b.den * v.den)
  const db = abs(b.num * v.den - v.num * b.den) * (a.den * v.den)
  return da < db ? -1 : da > db ? 1 : 0
}

function isNearestDouble(x: number, v: Rational): boolean {
  const exact = doubleToRational(x)
  return [1, -1].every((direction) => {
    const other = neighbour(x, direction as 1 | -1)
    return !Number.isFinite(other) || compareDistance(exact, doubleToRational(other), v) <= 0
  })
}

const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })

describe('pythValueToNumber', () => {
  it('converts the Hermes documentation example exactly: ETH/USD 184136023127 × 10^−8 = 1841.36023127', () => {
    // docs.pyth.network/price-feeds/… Hermes page: {"price":"184136023127","conf":"177166324","expo":-8}
    expect(pythValueToNumber({ value: 184_136_023_127n, expo: -8 })).toBe(1841.36023127)
    expect(pythValueToNumber({ value: 177_166_324n, expo: -8 })).toBe(1.77166324)
  })

  it('rounds once where Number(value) * 10 ** expo rounds twice', () => {
    // A BTC-sized price: 10 ** −8 is not a double, so the two-step product misses the nearest double.
    expect(Number(8_875_893_614_687n) * 10 ** -8).toBe(88_758.93614687001)
    expect(pythValueToNumber({ value: 8_875_893_614_687n, expo: -8 })).toBe(88_758.93614687)
    // The exact check below tells the two apart.
    expect(isNearestDouble(88_758.93614687001, exactValue(8_875_893_614_687n, -8))).toBe(false)
    expect(isNearestDouble(88_758.93614687, exactValue(8_875_893_614_687n, -8))).toBe(true)
    // Above 2^53 even Number(value) is inexact; the result is still the nearest double.
    const value = 761_649_999_394_169_003n
    const result = pythValueToNumber({ value, expo: -8 })
    expect(result).toBe(7_616_499_993.94169)
    expect(isNearestDouble(result as number, exactValue(value, -8))).toBe(true)
  })

  it('is the nearest double to value × 10^expo for every int64 value and exponent in [−30, 30]', () => {
    fc.assert(
      fc.property(int64, fc.integer({ min: -30, max: 30 }), (value, expo) => {
        const result = pythValueToNumber({ value, expo })
        expect(result).toBeDefined()
        expect(isNearestDouble(result as number, exactValue(value, expo))).toBe(true)
      }),
      { numRuns: 10_000 },
    )
  })

  it('returns undefined exactly when the value leaves the normal double range', () => {
    const largest = { num: 2n ** 1024n, den: 1n }
    const smallestNormal = { num: 1n, den: 2n ** 1022n }
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }), fc.integer({ min: -345, max: 330 }), (value, expo) => {
        const result = pythValueToNumber({ value, expo })
        const v = exactValue(value, expo)
        if (result === undefined) {
          // Either at least 2^1024·(1 − 2^−54) (rounds to Infinity) or below 2^−1022.
          const tooLarge = v.num * 2n ** 54n >= largest.num * (2n ** 54n - 1n) * v.den
          const tooSmall = v.num * smallestNormal.den < v.den
          expect(tooLarge || tooSmall).toBe(true)
        } else {
          expect(Math.abs(result)).toBeGreaterThanOrEqual(2 ** -1022)
          expect(isNearestDouble(result, v)).toBe(true)
        }
      }),
      { numRuns: 10_000 },
    )
  })

  it('keeps zero and rejects non-integer exponents and non-bigint values', () => {
    expect(pythValueToNumber({ value: 0n, expo: -8 })).toBe(0)
    expect(pythValueToNumber({ value: 0n, expo: -400 })).toBe(0)
    expect(pythValueToNumber({ value: 1n, expo: 400 })).toBeUndefined()
    expect(pythValueToNumber({ value: 1n, expo: -400 })).toBeUndefined()
    expect(pythValueToNumber({ value: 1n, expo: 1.5 })).toBeUndefined()
    expect(pythValueToNumber({ value: 1n, expo: Number.NaN })).toBeUndefined()
    expect(pythValueToNumber({ value: 100 as unknown as bigint, expo: -8 })).toBeUndefined()
  })
})
