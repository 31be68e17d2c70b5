import type { RandomState } from './createRandomState'
import { nextUint32 } from './nextUint32'

export type NextUniformParameters = RandomState
/** A number in the open interval (0, 1). */
export type NextUniformReturnType = number

/**
 * Uniform draw on the open interval (0, 1): `(k + ½)·2⁻⁵²` with k the top 26 bits of two
 * consecutive {@link nextUint32} outputs. Never 0 or 1 (so `log(u)` and the normal quantile are
 * always finite), symmetric (`1 − u` is another possible draw, exactly), 2⁵² equally likely values.
 * Advances `state` by two outputs.
 *
 * @example
 * const random = createRandomState(7)
 * const u = nextUniform(random) // 0 < u < 1
 */
export function nextUniform(state: NextUniformParameters): NextUniformReturnType {
  const high = nextUint32(state) >>> 6
  const low = nextUint32(state) >>> 6
  return (high * 67108864 + low + 0.5) * TWO_TO_MINUS_52
}

const TWO_TO_MINUS_52 = 2 ** -52
