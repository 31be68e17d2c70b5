export type PythValueToNumberParameters = {
  /** A Pyth integer: a price (int64) or a confidence (uint64). */
  value: bigint
  /** The feed's exponent (int32): the value means `value × 10^expo`. */
  expo: number
}

/** The nearest double, or `undefined` when it would be infinite or lose precision to underflow. */
export type PythValueToNumberReturnType = number | undefined

/**
 * Converts a Pyth fixed-point integer to a number with a single, correct rounding: the result is
 * the double nearest to the exact decimal `value × 10^expo` (ties to even), so its relative
 * error is at most 2^−53 ≈ 1.1e−16. Multiplying `Number(value)` by `10 ** expo` instead would
 * round twice (and `Number(value)` alone is inexact above 2^53 ≈ 9.0e15, which int64 prices
 * exceed).
 *
 * How: the decimal string `"<value>e<expo>"` is parsed by the language, and ECMA-262
 * (§7.1.4.1.1 StringToNumber, RoundMVResult) requires the correctly rounded double for decimal
 * literals of at most 20 significant digits; int64 and uint64 have at most 20.
 *
 * Returns `undefined` when the result is not a normal double: infinite (|x| > 1.8e308) or, for a
 * non-zero value, below 2^−1022 ≈ 2.2e−308 (subnormal or zero), where digits would be lost.
 * Zero stays zero. Non-integer `expo` or a non-bigint `value` also give `undefined`.
 *
 * @example
 * pythValueToNumber({ value: 6_543_210_987_654n, expo: -8 }) // 65432.10987654
 * pythValueToNumber({ value: 1n, expo: 400 }) // undefined (overflow)
 */
export function pythValueToNumber({ value, expo }: PythValueToNumberParameters): PythValueToNumberReturnType {
  if (typeof value !== 'bigint' || !Number.isInteger(expo)) return undefined
  const result = Number(`${value}e${expo}`)
  if (!Number.isFinite(result)) return undefined
  if (value !== 0n && Math.abs(result) < smallestNormal) return undefined
  return result
}

/** 2^−1022, the smallest positive normal double. */
const smallestNormal = 2 ** -1022
