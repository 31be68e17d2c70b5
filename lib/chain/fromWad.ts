/** 1e18: the venue's fixed-point unit (contracts/README.md: USD amounts, prices, sizes, fractions). */
const wad = 10n ** 18n

/**
 * A venue WAD value (1e18 = 1.0) as a number: USD for amounts and prices, base units for sizes,
 * asset units for balances, a plain fraction for rates and parameters (DESIGN.md §3: fixed point
 * on-chain, float64 in the engine; the conversion happens only in lib/chain).
 *
 * The integer and fractional parts are converted apart (the integer part exactly below 2^53), so
 * the result is within two ulps (relative 4.4e-16) of the exact decimal at any int256 magnitude
 * and is usually the nearest double: 65432.10987654 reads as written. `Number(value) / 1e18`
 * would first round the whole 18-decimal integer to 53 bits (65432.109876539995).
 *
 * @example
 * fromWad(60_000n * 10n ** 18n)        // 60000
 * fromWad(1_234_500_000_000_000_000n)  // 1.2345
 * fromWad(-25n * 10n ** 16n)           // -0.25
 */
export function fromWad(value: bigint): number {
  // BigInt division truncates toward zero and the remainder takes the dividend's sign, so both
  // parts carry the sign of `value`.
  return Number(value / wad) + Number(value % wad) / 1e18
}
