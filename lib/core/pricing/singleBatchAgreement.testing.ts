import { expect } from 'vitest'

/**
 * How closely a batch (which shares one logarithm per strike exponent: ln(S·2⁻ᵉ) − ln(K·2⁻ᵉ))
 * agrees with the single-option functions (one logarithm of the ratio: ln(S/K)). The two ln(F/K)
 * differ by a few ulps (≲ 1e-15 absolute), and each figure moves by its sensitivity to ln(F/K)
 * times that: at most about (F + K)·1e-15 for the value, and figures scaled by 1/(σ√T) for the
 * Greeks. The bound is 1e-9 relative plus 1e-12 of each figure's natural size — far below
 * anything a trader sees, far above rounding, and it fails on any real formula difference.
 */
export function expectAgreement(
  batch: { price: number; delta?: number; gamma?: number; vega?: number; theta?: number; rho?: number },
  single: { price: number; delta?: number; gamma?: number; vega?: number; theta?: number; rho?: number },
  { spot, strike, years, vol, rate, dividendYield }: { spot: number; strike: number; years: number; vol: number; rate: number; dividendYield: number },
) {
  const stdDev = Math.max(vol * Math.sqrt(years), 1e-300)
  const natural = {
    price: spot + strike,
    delta: 1 / Math.min(1, stdDev),
    gamma: 1 / (spot * stdDev * Math.min(1, stdDev)),
    vega: spot * Math.sqrt(years) / Math.min(1, stdDev),
    theta: (spot * vol) / Math.max(Math.sqrt(years), 1e-300) / Math.min(1, stdDev) + (Math.abs(rate) + Math.abs(dividendYield)) * (spot + strike),
    rho: years * strike / Math.min(1, stdDev),
  }
  for (const key of ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const) {
    const a = batch[key]
    const b = single[key]
    if (a === undefined || b === undefined) continue
    expect(Math.abs(a - b), `${key}: batch ${a} vs single ${b}`).toBeLessThanOrEqual(1e-9 * Math.abs(b) + 1e-12 * natural[key])
  }
}
