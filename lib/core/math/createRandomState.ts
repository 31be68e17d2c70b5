import { InvalidInputError } from '../errors'

/**
 * State of the engine's pseudo-random generator, xoshiro128** — four 32-bit words, plain data:
 * it can be stored, compared, posted to a worker or `structuredClone`d to branch a stream. The
 * `next*` draws advance it in place. All four words zero is the one invalid state.
 */
export type RandomState = { s0: number; s1: number; s2: number; s3: number }

/** Parameters of {@link createRandomState}: a seed, any safe integer (e.g. 42, Date.now()). */
export type CreateRandomStateParameters = number
export type CreateRandomStateReturnType = RandomState

/**
 * Seeds a {@link RandomState}: the seed's low and high 32 bits are expanded into the four state
 * words by splitmix32 (a 32-bit variant of Steele, Lea & Flood's SplitMix, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014, with the 32-bit finalizer constants 0x21f0aaad /
 * 0x735a2d97 of C. Wellons' hash-prospector), as recommended by Blackman & Vigna for seeding
 * xoshiro ("Scrambled linear pseudorandom number generators", ACM TOMS 47 (2021)). Equal seeds give
 * equal streams on every platform; nearby seeds give unrelated streams.
 *
 * Throws {@link InvalidInputError} unless the seed is a safe integer.
 *
 * @example
 * const random = createRandomState(42)
 * nextUniform(random) // a number in (0, 1), the same on every run
 */
export function createRandomState(seed: CreateRandomStateParameters): CreateRandomStateReturnType {
  if (!Number.isSafeInteger(seed)) throw new InvalidInputError('seed', seed, 'a safe integer')
  const low = seed >>> 0
  const high = Math.floor(seed / 4294967296) >>> 0
  // splitmix32 over a counter that starts from both halves of the seed.
  let counter = (low ^ Math.imul(high, 0x9e3779b9)) | 0
  const words = [0, 0, 0, 0]
  for (let i = 0; i < 4; i++) {
    counter = (counter + 0x9e3779b9) | 0
    let z = counter ^ high
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad)
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97)
    words[i] = (z ^ (z >>> 15)) >>> 0
  }
  const [s0, s1, s2, s3] = words as [number, number, number, number]
  // splitmix32 is a bijection of the counter, so four zero words cannot occur; guard anyway.
  return (s0 | s1 | s2 | s3) === 0 ? { s0: 1, s1, s2, s3 } : { s0, s1, s2, s3 }
}
