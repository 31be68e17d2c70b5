import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors'
import { createRandomState } from '../../lib/core/math/createRandomState'
import { stepVolatility } from './stepVolatility'

describe('stepVolatility', () => {
  test('without noise the log gap halves every half-life, in one step or in 600 one-second steps', () => {
    const random = createRandomState(1)
    const gap = Math.log(2)
    expect(stepVolatility({ logGap: gap, halfLifeSeconds: 600, volOfVol: 0, seconds: 600, random })).toBeCloseTo(gap / 2, 14)
    expect(stepVolatility({ logGap: gap, halfLifeSeconds: 600, volOfVol: 0, seconds: 1_800, random })).toBeCloseTo(gap / 8, 14)
    let stepped = gap
    for (let i = 0; i < 600; i++) stepped = stepVolatility({ logGap: stepped, halfLifeSeconds: 600, volOfVol: 0, seconds: 1, random })
    expect(stepped).toBeCloseTo(gap / 2, 12)
  })

  // OU transition law: x(Δ) | x(0) ~ N(x0·e^(−kΔ), s²(1 − e^(−2kΔ))/(2k)), s per √second.
  test.each([
    { seconds: 1, halfLifeSeconds: 600 },
    { seconds: 600, halfLifeSeconds: 600 },
    { seconds: 86_400, halfLifeSeconds: 600 },
  ])('one step has the OU transition mean and variance within 4 standard errors: %o', ({ seconds, halfLifeSeconds }) => {
    const n = 40_000
    const volOfVol = 0.5
    const start = 0.3
    const random = createRandomState(11)
    let sum = 0
    let squares = 0
    for (let i = 0; i < n; i++) {
      const x = stepVolatility({ logGap: start, halfLifeSeconds, volOfVol, seconds, random })
      sum += x
      squares += x * x
    }
    const k = Math.LN2 / halfLifeSeconds
    const s = volOfVol / 60
    const mean = start * Math.exp(-k * seconds)
    const variance = (s * s * (1 - Math.exp(-2 * k * seconds))) / (2 * k)
    const sampleMean = sum / n
    const sampleVariance = squares / n - sampleMean * sampleMean
    expect(Math.abs(sampleMean - mean)).toBeLessThan(4 * Math.sqrt(variance / n))
    // Normal: Var(sample variance) ≈ 2σ⁴/n.
    expect(Math.abs(sampleVariance - variance)).toBeLessThan(4 * variance * Math.sqrt(2 / n))
  })

  test('60 steps of a minute have the law of one step of an hour (variance within 4 standard errors)', () => {
    const n = 10_000
    const random = createRandomState(5)
    let short = 0
    let long = 0
    for (let i = 0; i < n; i++) {
      let x = 0
      for (let j = 0; j < 60; j++) x = stepVolatility({ logGap: x, halfLifeSeconds: 600, volOfVol: 0.5, seconds: 60, random })
      short += x * x
      const y = stepVolatility({ logGap: 0, halfLifeSeconds: 600, volOfVol: 0.5, seconds: 3_600, random })
      long += y * y
    }
    const k = Math.LN2 / 600
    const variance = ((0.5 / 60) ** 2 * (1 - Math.exp(-2 * k * 3_600))) / (2 * k)
    for (const sample of [short / n, long / n]) expect(Math.abs(sample - variance)).toBeLessThan(4 * variance * Math.sqrt(2 / n))
  })

  test('invalid input throws InvalidInputError naming the field', () => {
    const random = createRandomState(1)
    const valid = { logGap: 0, halfLifeSeconds: 600, volOfVol: 0.2, seconds: 1, random }
    for (const [field, value] of [
      ['logGap', Number.NaN],
      ['halfLifeSeconds', 0],
      ['volOfVol', -1],
      ['seconds', 0],
      ['seconds', Number.POSITIVE_INFINITY],
      ['random', null],
    ] as const) {
      expect(() => stepVolatility({ ...valid, [field]: value })).toThrow(InvalidInputError)
      try {
        stepVolatility({ ...valid, [field]: value })
      } catch (error) {
        expect((error as InvalidInputError).field).toBe(field)
      }
    }
  })
})
