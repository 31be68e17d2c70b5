import type { RandomState } from './createRandomState'
import { inverseNormalCdf } from './inverseNormalCdf'
import { nextUniform } from './nextUniform'

export type NextStandardNormalParameters = RandomState
/** A draw of Z ~ N(0, 1); |Z| < 8.3 (the 2⁻⁵² quantile). */
export type NextStandardNormalReturnType = number

/**
 * Standard normal draw by inversion, `Φ⁻¹(U)` with U from {@link nextUniform} and Φ⁻¹ from
 * Wichura's AS 241 ({@link inverseNormalCdf}, ~1e-16 relative). Inversion (rather than
 * Box-Muller or a ziggurat) uses exactly one uniform per draw and keeps no cached second value,
 * so the stream position is a pure function of the number of draws — what reproducible, plain-
 * data simulation state needs. Advances `state` by two 32-bit outputs.
 *
 * @example
 * const random = createRandomState(1)
 * const z = nextStandardNormal(random)
 */
export function nextStandardNormal(state: NextStandardNormalParameters): NextStandardNormalReturnType {
  return inverseNormalCdf(nextUniform(state))
}
