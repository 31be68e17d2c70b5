/** 1e18: the venue's fixed-point unit (contracts/README.md: every USD amount, price, fraction and size is WAD). */
const wad = 10n ** 18n

/**
 * A venue WAD value (1e18 = 1.0) as a float64: USD for amounts and prices, base units for sizes,
 * a plain fraction for fractions (DESIGN.md §3: fixed point on-chain, numbers in the engine).
 *
 * The integer and fractional parts are converted apart, so a value is exact to the last USD up to
 * 2^53 USD and its cents survive: within about one ulp of the exact decimal (`Number(value) /
 * 1e18` would first round the whole 18-decimal integer to 53 bits).
 *
 * @example
 * wadToNumber(1_234_500_000_000_000_000n) // 1.2345
 * wadToNumber(-25n * 10n ** 16n)          // -0.25
 */
export function wadToNumber(value: bigint): number {
  return Number(value / wad) + Number(value % wad) / 1e18
}
