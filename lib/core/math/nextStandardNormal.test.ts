import { describe, expect, test } from 'vitest'
import { createRandomState } from './createRandomState'
import { nextStandardNormal } from './nextStandardNormal'
import { normalCdf } from './normalCdf'

describe('nextStandardNormal', () => {
  test('moments of N(0, 1) within 5 standard errors over 10⁶ draws', () => {
    const random = createRandomState(11)
    const n = 1_000_000
    let m1 = 0
    let m2 = 0
    let m3 = 0
    let m4 = 0
    for (let i = 0; i < n; i++) {
      const z = nextStandardNormal(random)
      m1 += z
      m2 += z * z
      m3 += z * z * z
      m4 += z * z * z * z
    }
    // standard errors of the sample moments of N(0,1): √(1/n), √(2/n), √(15/n), √(96/n)
    expect(Math.abs(m1 / n)).toBeLessThan(5 * Math.sqrt(1 / n))
    expect(Math.abs(m2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n))
    expect(Math.abs(m3 / n)).toBeLessThan(5 * Math.sqrt(15 / n))
    expect(Math.abs(m4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n))
  })

  test('Kolmogorov–Smirnov distance to Φ below the 0.1 % critical value (200,000 draws)', () => {
    const random = createRandomState(12)
    const n = 200_000
    const draws = new Float64Array(n)
    for (let i = 0; i < n; i++) draws[i] = nextStandardNormal(random)
    draws.sort()
    let distance = 0
    for (let i = 0; i < n; i++) {
      const cdf = normalCdf(draws[i]!)
      distance = Math.max(distance, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n))
    }
    expect(distance).toBeLessThan(1.95 / Math.sqrt(n)) // K-S critical value at α = 0.001
  })

  test('reproducible from the seed', () => {
    const a = createRandomState(5)
    const b = createRandomState(5)
    for (let i = 0; i < 1000; i++) expect(nextStandardNormal(a)).toBe(nextStandardNormal(b))
  })
})
