import type { InvalidInputError } from '../../lib/core/errors'
import { assertFinite, assertPositive } from '../../lib/core/validate'

export type RootMeanSquareVolatilityParameters = {
  /** Long-run level of the index, annualised (> 0). */
  longRunVol: number
  /** x = ln(index / longRunVol) at the start of the step. */
  logGap: number
  /** Half-life of the index's reversion, seconds (> 0). */
  halfLifeSeconds: number
  /** Length of the step, seconds (> 0). */
  seconds: number
}
/** √(mean of σ² over the step), annualised. */
export type RootMeanSquareVolatilityReturnType = number
export type RootMeanSquareVolatilityErrorType = InvalidInputError

/**
 * The volatility that gives a price step the variance it would accumulate while the index
 * reverts along its expected path σ(s) = L·exp(x·e^(−ks)), k = ln 2 / halfLife: with a
 * deterministic volatility the log return over Δ is normal with variance ∫σ² ds, so one step at
 * σ_rms = √(∫σ² ds / Δ) is exact in distribution (the index's own noise within the step is
 * neglected). Substituting u = e^(−ks):
 *
 *   ∫₀^Δ σ² ds = L²·(Δ + (1/k)·∫ from e^(−kΔ) to 1 of (e^(2xu) − 1)/u du)
 *
 * whose smooth integrand (→ 2x as u → 0) is integrated by composite Simpson with 64 panels
 * (relative error below 1e-5 for |x| ≤ ln 500, the simulator's range). It matters for a long
 * step: an hour of "advance time" right after a ×3 spike with a 10-minute half-life diffuses at
 * ≈ 1.43× the long-run vol, not 3×; for a one-second tick it is the current index.
 *
 * @example
 * rootMeanSquareVolatility({ longRunVol: 0.55, logGap: 0, halfLifeSeconds: 600, seconds: 3_600 }) // 0.55
 */
export function rootMeanSquareVolatility(parameters: RootMeanSquareVolatilityParameters): RootMeanSquareVolatilityReturnType {
  const { longRunVol, logGap, halfLifeSeconds, seconds } = parameters
  assertPositive('longRunVol', longRunVol)
  assertFinite('logGap', logGap)
  assertPositive('halfLifeSeconds', halfLifeSeconds)
  assertPositive('seconds', seconds)
  if (logGap === 0) return longRunVol
  const reversion = Math.LN2 / halfLifeSeconds
  const lower = Math.exp(-reversion * seconds)
  const excess = (u: number) => (u === 0 ? 2 * logGap : Math.expm1(2 * logGap * u) / u)
  const width = (1 - lower) / panels
  let sum = excess(lower) + excess(1)
  for (let i = 1; i < panels; i++) sum += (i % 2 === 1 ? 4 : 2) * excess(lower + i * width)
  const integral = (sum * width) / 3
  return longRunVol * Math.sqrt(1 + integral / (reversion * seconds))
}

const panels = 64
