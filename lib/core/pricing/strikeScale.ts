/** Parameters of {@link strikeScale}: a strike (> 0, finite). */
export type StrikeScaleParameters = number
/** Return type of {@link strikeScale}: an exact power of two. */
export type StrikeScaleReturnType = number

/**
 * The power of two `2^−e`, e = ⌊log₂ K⌋, that brings a strike into [1, 2) — how every price in
 * the engine forms its log-moneyness:
 *
 *   ln(S/K) = ln(S·2^−e) − ln(K·2^−e)
 *
 * Both products are exact (scaling by a power of two) and both logarithms are of numbers near 1,
 * so the result is as accurate as `ln(S/K)` (a few 1e-17 absolute), and a batch of series can
 * precompute ln(K·2^−e) and take one logarithm of the spot per distinct e instead of one per
 * series. Single-option pricing takes one logarithm of S/K instead (one fewer logarithm per call);
 * the two agree to a few ulps.
 *
 * A kernel: it trusts its input (finite, > 0). Strikes in [1, 2³¹) take a `Math.clz32` fast
 * path; others `Math.log2`, clamped so the scale stays finite.
 *
 * @example
 * strikeScale(100_000) // 2 ** -16 (100,000 · 2⁻¹⁶ ≈ 1.526)
 */
export function strikeScale(strike: StrikeScaleParameters): StrikeScaleReturnType {
  if (strike >= 1 && strike < 2147483648) return 1 / (1 << (31 - Math.clz32(strike)))
  const exponent = Math.max(-1022, Math.min(1023, Math.floor(Math.log2(strike))))
  return 2 ** -exponent
}
