import { bracketRoot } from '../math/bracketRoot'
import { brent } from '../math/brent'
import type { CushionQuadratic, MarginCushionReturnType } from './marginCushion'

/** Why there is no liquidation price on a side. */
export type NoLiquidationReason =
  /** The cushion stays positive over the whole searched range. */
  | 'noneInRange'
  /** Equity is already below MM at the current prices. */
  | 'alreadyLiquidatable'
  /** Nothing in the book depends on this price. */
  | 'noExposure'

/** A price multiplier λ at which equity = MM, or why there is none. */
export type CushionRoot =
  | { multiplier: number; method: 'closedForm' | 'brent' }
  | { multiplier: null; reason: NoLiquidationReason }

export type CushionRootsParameters = {
  cushion: MarginCushionReturnType
  /** Lowest multiplier searched (0 < min < 1), e.g. 0.01. */
  minMultiplier: number
  /** Highest multiplier searched (> 1), e.g. 100. */
  maxMultiplier: number
}

export type CushionRootsReturnType = {
  /** The highest root below λ = 1: the first liquidation on the way down. */
  below: CushionRoot
  /** The lowest root above λ = 1: the first liquidation on the way up. */
  above: CushionRoot
}

/** First scan step in ln λ (1 %: finer than any maintenance range in use) and its growth. */
const firstLogStep = 0.01
const logStepGrowth = 1.6

/**
 * The multipliers λ nearest to 1 on each side at which a margin cushion (equity − MM) reaches
 * 0: the first liquidation on the way down and on the way up. Internal to the liquidation
 * solvers.
 *
 * Perp-only books: the cushion is a quadratic in λ (see `marginCushion`), solved in closed form
 * with the cancellation-free formula q = −(c1 + sign(c1)·√(c1² − 4c0c2))/2, roots q/c2 and c0/q
 * (Press et al., "Numerical Recipes", 3rd ed., §5.6).
 *
 * Books with options: the cushion can turn more than once (a short straddle is liquidated on
 * both sides), so each side is scanned outwards from λ = 1 in ln λ, with steps growing from 1 %
 * by ×1.6, to the first sign change (`bracketRoot`), which `brent` then closes to 1e-12
 * relative. On the exact function everything reported is a genuine crossing, never an
 * interpolated guess.
 *
 * What the scan guarantees, precisely. The cushion is sampled at ln λ = ±u_j, with
 * `u_j = min(0.01 · (1.6^j − 1) / 0.6, |ln limit|)`, j = 1, 2, … — steps of 1 %, 1.6 %, 2.56 %, …
 * in ln λ (u = 0.01, 0.026, 0.052, 0.093, 0.158, 0.263, 0.431, 0.699, 1.129, 1.816, 2.915, then
 * the limit: 12 samples per side for the default range 0.01–100). The first sample (from λ = 1)
 * where the cushion is <= 0 or has changed sign is found, and the reported root is the crossing
 * Brent converges to between it and the previous sample. Missed: crossings that come in pairs
 * between two consecutive samples — a dip below zero that starts and ends within one step (at
 * most 0.01 · 1.6^(j−1) wide in ln λ between u_(j−1) and u_j) — and, when several crossings lie in
 * the first bracket, any but the one Brent converges to. The cost of each sample is what
 * `marginCushion` makes cheap (MM only, pruned grids), not fewer samples: a coarser scan would
 * widen the dips it can miss.
 *
 * @example
 * cushionRoots({ cushion: btc, minMultiplier: 0.01, maxMultiplier: 100 })
 * // { below: { multiplier: 0.847, method: 'closedForm' }, above: { multiplier: null, reason: 'noneInRange' } }
 */
export function cushionRoots({ cushion, minMultiplier, maxMultiplier }: CushionRootsParameters): CushionRootsReturnType {
  if (cushion.atSpot < 0) return { below: none('alreadyLiquidatable'), above: none('alreadyLiquidatable') }
  if (!cushion.exposed) return { below: none('noExposure'), above: none('noExposure') }
  if (cushion.atSpot === 0) return { below: { multiplier: 1, method: 'closedForm' }, above: { multiplier: 1, method: 'closedForm' } }

  const quadratic = cushion.quadratic
  const below = (quadratic && closedFormBelow(quadratic, minMultiplier)) ?? scan(cushion, minMultiplier)
  const above = (quadratic && closedFormAbove(quadratic, maxMultiplier)) ?? scan(cushion, maxMultiplier)
  return { below, above }
}

function none(reason: NoLiquidationReason): CushionRoot {
  return { multiplier: null, reason }
}

/** Real roots of c2·λ² + c1·λ + c0 in increasing order. */
function quadraticRoots({ c0, c1, c2 }: CushionQuadratic): number[] {
  if (c2 === 0) return c1 === 0 ? [] : [-c0 / c1]
  const discriminant = c1 * c1 - 4 * c2 * c0
  if (discriminant < 0) return []
  const q = -0.5 * (c1 + (c1 >= 0 ? 1 : -1) * Math.sqrt(discriminant))
  if (q === 0) return [0]
  const roots = [q / c2, c0 / q]
  return roots[0]! <= roots[1]! ? roots : [roots[1]!, roots[0]!]
}

// The polynomial is exact on (0, validUpTo]; validUpTo >= 1 is not guaranteed (a long book
// whose range is already capped), in which case the exact function is scanned instead.
function closedFormBelow(quadratic: CushionQuadratic, minMultiplier: number): CushionRoot | undefined {
  if (quadratic.validUpTo < 1) return undefined
  const roots = quadraticRoots(quadratic).filter((root) => root < 1)
  const root = roots.at(-1)
  if (root === undefined || root < minMultiplier) return none('noneInRange')
  return { multiplier: root, method: 'closedForm' }
}

function closedFormAbove(quadratic: CushionQuadratic, maxMultiplier: number): CushionRoot | undefined {
  if (quadratic.validUpTo < 1) return undefined
  const root = quadraticRoots(quadratic).find((r) => r > 1)
  const limit = Math.min(maxMultiplier, quadratic.validUpTo)
  if (root !== undefined && root <= limit) return { multiplier: root, method: 'closedForm' }
  // Beyond validUpTo the quadratic no longer describes the book: search the exact function there.
  if (quadratic.validUpTo < maxMultiplier) return undefined
  return none('noneInRange')
}

function scan(cushion: MarginCushionReturnType, limit: number): CushionRoot {
  const f = (logMultiplier: number) => cushion.at(Math.exp(logMultiplier))
  const bracket = bracketRoot({ f, start: 0, startValue: cushion.atSpot, end: Math.log(limit), firstStep: firstLogStep, growth: logStepGrowth })
  if (bracket === null) return none('noneInRange')
  // f(u) was evaluated at exactly these multipliers, so the scan's values carry over.
  const { root } = brent({
    f: cushion.at,
    lower: Math.exp(bracket.near),
    upper: Math.exp(bracket.far),
    lowerValue: bracket.nearValue,
    upperValue: bracket.farValue,
    relativeTolerance: 1e-12,
  })
  return { multiplier: root, method: 'brent' }
}
