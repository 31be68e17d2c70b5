/**
 * mulberry32: a small seeded PRNG returning uniforms in [0, 1), so a failing parity input can be
 * replayed from its seed.
 *
 * @example
 * const next = seededRandom(20_240_611)
 * next() // 0.… (the same on every run)
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
