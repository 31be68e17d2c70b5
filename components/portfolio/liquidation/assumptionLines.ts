import type { ProbabilityTarget } from '@/lib/estimates/protocol'

/**
 * The assumptions of every probability in the table, once each (lib/core returns them per
 * estimate). The per-estimate details the table already shows in its cells — the Monte Carlo's
 * step count and the rule-of-three bound of a run in which no path was liquidated — are folded:
 * `Monte Carlo, 10000 paths of 12 steps, …` and `… of 144 steps, …` read as one line without the
 * step count.
 *
 * @example
 * assumptionLines(result.targets)
 * // ['Prices move as a jump-diffusion (Merton 1976) …', …, 'Monte Carlo, 10000 paths, checked at each step (slightly underestimates).']
 */
export function assumptionLines(targets: readonly ProbabilityTarget[]): string[] {
  const lines = targets.flatMap((target) => target.horizons.flatMap((estimate) => estimate.assumptions))
  return [
    ...new Set(
      lines
        .filter((line) => !line.startsWith('No simulated path was liquidated'))
        .map((line) => (line.startsWith('Monte Carlo, ') ? line.replace(/ of \d+ steps,/, ',') : line)),
    ),
  ]
}
