import type { LiquidationProbabilityReturnType } from '@/lib/core/risk/liquidationProbability'

/** How one liquidation-probability estimate reads on screen. */
export type ProbabilityTextReturnType = {
  /** The probability in %, e.g. `1.23 %`, `< 0.03 %`. */
  value: string
  /** Its standard error in percentage points, e.g. `± 0.11 pt`; `exact` when there is none. */
  error: string
  /** How it was obtained, e.g. `Monte Carlo, 10,000 paths × 144 steps`. */
  method: string
}

const count = new Intl.NumberFormat('en-US')

/**
 * A liquidation probability (lib/core `liquidationProbability`) as the panel shows it: in %,
 * with its standard error in percentage points and its method. A Monte Carlo with no liquidated
 * path reads `< 3/n` (the rule of three, 95 % confidence), not a confident 0; small simulated
 * figures keep 2 significant digits rather than rounding to 0.00 %;
 * closed-form figures below 0.01 % read `< 0.01 %`. Never NaN.
 *
 * @example
 * probabilityText({ probability: 0.0123, standardError: 0.0011, method: 'monteCarlo', paths: 10_000, steps: 144, … })
 * // { value: '1.23 %', error: '± 0.11 pt', method: 'Monte Carlo, 10,000 paths × 144 steps' }
 */
export function probabilityText(estimate: Pick<LiquidationProbabilityReturnType, 'probability' | 'standardError' | 'method' | 'paths' | 'steps'>): ProbabilityTextReturnType {
  const { probability, standardError, method, paths, steps } = estimate
  const methodText = {
    analytic: 'closed form (first passage, no jumps)',
    monteCarlo: `Monte Carlo, ${count.format(paths)} paths × ${count.format(steps)} steps`,
    alreadyLiquidatable: 'already liquidatable now',
    noExposure: 'no price exposure',
  }[method]
  const simulated = method === 'monteCarlo' && paths > 0
  const noneHit = simulated && probability === 0
  const error = !simulated || !Number.isFinite(standardError) ? 'exact' : noneHit ? `0 of ${count.format(paths)} paths liquidated` : `± ${points(standardError)} pt`
  if (!Number.isFinite(probability)) return { value: '—', error, method: methodText }
  let value: string
  if (noneHit) value = `< ${(300 / paths).toFixed(2)} %`
  else if (probability === 0 || probability === 1) value = `${probability * 100} %`
  else if (probability < 0.0001) value = simulated ? `${points(probability)} %` : '< 0.01 %'
  else if (probability > 0.9999) value = '> 99.99 %'
  else value = `${(probability * 100).toFixed(2)} %`
  return { value, error, method: methodText }
}

/**
 * A ratio in % (or percentage points): 2 decimals; 2 significant digits below 0.01 (0.000047 →
 * `0.0047`); `< 0.0001` below that (the bridge-corrected estimator gives values like 1e-17).
 */
function points(ratio: number): string {
  const value = ratio * 100
  if (value >= 0.01) return value.toFixed(2)
  if (value >= 0.0001) return value.toPrecision(2)
  return '< 0.0001'
}
