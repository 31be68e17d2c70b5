import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { createRandomState } from './createRandomState'
import { nextUint32 } from './nextUint32'

/** splitmix32 seeding re-derived in unsigned BigInt arithmetic (no Math.imul, no int32 wrapping). */
function referenceSeedWords(seed: number): bigint[] {
  const mask = (1n << 32n) - 1n
  const golden = 0x9e3779b9n
  const big = BigInt(seed)
  const low = big & mask
  const high = (big >> 32n) & mask
  let counter = (low ^ ((high * golden) & mask)) & mask
  const words: bigint[] = []
  for (let i = 0; i < 4; i++) {
    counter = (counter + golden) & mask
    let z = counter ^ high
    z = ((z ^ (z >> 16n)) * 0x21f0aaadn) & mask
    z = ((z ^ (z >> 15n)) * 0x735a2d97n) & mask
    words.push(z ^ (z >> 15n))
  }
  return words
}

describe('createRandomState', () => {
  test('expands the seed with splitmix32 (checked against unsigned BigInt arithmetic) for 10,000 seeds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })), (seed) => {
        const { s0, s1, s2, s3 } = createRandomState(seed)
        expect([s0, s1, s2, s3].map(BigInt)).toEqual(referenceSeedWords(seed))
      }),
      { numRuns: 10_000 },
    )
  })

  test('equal seeds give equal streams, different seeds different ones, and the state is plain data', () => {
    const a = createRandomState(42)
    const b = createRandomState(42)
    const c = createRandomState(43)
    const draws = (state: ReturnType<typeof createRandomState>) => Array.from({ length: 8 }, () => nextUint32(state))
    expect(draws(a)).toEqual(draws(b))
    expect(draws(createRandomState(42))).not.toEqual(draws(c))
    const saved = JSON.parse(JSON.stringify(a))
    expect(draws(saved)).toEqual(draws(a)) // a saved state replays exactly
    expect(createRandomState(-7)).toEqual(createRandomState(-7))
  })

  test('InvalidInputError unless the seed is a safe integer', () => {
    for (const seed of [Number.NaN, 1.5, 2 ** 53, Number.POSITIVE_INFINITY, '42', undefined, null])
      expect(() => createRandomState(seed as number)).toThrow(InvalidInputError)
  })
})
