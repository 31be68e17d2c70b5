import { describe, expect, test } from 'vitest'
import { createRandomState } from './createRandomState'
import { nextUniform } from './nextUniform'

describe('nextUniform', () => {
  test('draws (k + ½)·2⁻⁵² in the open interval (0, 1), reproducibly', () => {
    const random = createRandomState(1)
    const replay = createRandomState(1)
    let allValid = true
    for (let i = 0; i < 100_000; i++) {
      const u = nextUniform(random)
      allValid &&= u > 0 && u < 1 && Number.isInteger(u * 2 ** 52 - 0.5) && nextUniform(replay) === u
    }
    expect(allValid).toBe(true)
  })

  test('is uniform: mean, variance and a 64-bin χ² test on 640,000 draws', () => {
    const random = createRandomState(20_260_101)
    const n = 640_000
    const bins = new Float64Array(64)
    let sum = 0
    let squares = 0
    for (let i = 0; i < n; i++) {
      const u = nextUniform(random)
      sum += u
      squares += u * u
      bins[Math.floor(u * 64)]!++
    }
    const mean = sum / n
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n))
    expect(Math.abs(squares / n - mean * mean - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n))
    const expected = n / 64
    let chiSquare = 0
    for (const count of bins) chiSquare += (count - expected) ** 2 / expected
    // 63 degrees of freedom: mean 63, sd √126 ≈ 11.2; 6 sd is a p-value far below 1e-6
    expect(chiSquare).toBeLessThan(63 + 6 * Math.sqrt(126))
  })
})
