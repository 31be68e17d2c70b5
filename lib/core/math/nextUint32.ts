import { InvalidInputError } from '../errors'
import type { RandomState } from './createRandomState'

export type NextUint32Parameters = RandomState
/** An integer in [0, 2³²). */
export type NextUint32ReturnType = number

/**
 * Next 32-bit output of xoshiro128** (D. Blackman & S. Vigna, "Scrambled linear pseudorandom
 * number generators", ACM TOMS 47 (2021); reference implementation xoshiro128starstar.c v1.1):
 * output `rotl(s1·5, 7)·9`, then the linear update of the four words. Period 2¹²⁸ − 1; passes
 * BigCrush. Advances `state` in place.
 *
 * Throws {@link InvalidInputError} if the state is all zeros (not a state from
 * `createRandomState`).
 *
 * @example
 * nextUint32({ s0: 1, s1: 2, s2: 3, s3: 4 }) // 11520
 */
export function nextUint32(state: NextUint32Parameters): NextUint32ReturnType {
  const s0 = state.s0
  const s1 = state.s1
  const s2 = state.s2
  const s3 = state.s3
  if ((s0 | s1 | s2 | s3) === 0) throw new InvalidInputError('state', state, 'a random state from createRandomState')
  const scaled = Math.imul(s1, 5)
  const result = Math.imul((scaled << 7) | (scaled >>> 25), 9) >>> 0
  const shifted = s1 << 9
  const t2 = s2 ^ s0
  const t3 = s3 ^ s1
  state.s1 = (s1 ^ t2) >>> 0
  state.s0 = (s0 ^ t3) >>> 0
  state.s2 = (t2 ^ shifted) >>> 0
  state.s3 = ((t3 << 11) | (t3 >>> 21)) >>> 0
  return result
}
