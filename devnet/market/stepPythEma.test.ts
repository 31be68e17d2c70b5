import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors'
import { stepPythEma, type PythEma } from './stepPythEma'

/**
 * Second method, from the definition: the average over all history of price (and conf) with
 * weight ∫ 2^(−age/H) d(age) over the span each sample stood for, divided by its conf; the
 * first sample also stands for the whole past before it.
 */
function directAverage(samples: { price: number; conf: number; seconds: number }[], halfLife: number) {
  let age = 0
  let weight = 0
  let price = 0
  let conf = 0
  for (let i = samples.length - 1; i >= 0; i--) {
    const sample = samples[i]!
    const span = i === 0 ? Number.POSITIVE_INFINITY : sample.seconds
    const timeWeight = (halfLife / Math.LN2) * (2 ** (-age / halfLife) - 2 ** (-(age + span) / halfLife))
    weight += timeWeight / sample.conf
    price += (timeWeight / sample.conf) * sample.price
    conf += (timeWeight / sample.conf) * sample.conf
    age += span
  }
  return { price: price / weight, conf: conf / weight }
}

describe('stepPythEma', () => {
  test('equals the direct inverse-confidence, time-weighted average over the whole history (500 cases)', () => {
    const sample = fc.record({
      price: fc.double({ min: 1, max: 100_000, noNaN: true }),
      conf: fc.double({ min: 0.01, max: 100, noNaN: true }),
      seconds: fc.double({ min: 0.5, max: 20_000, noNaN: true }),
    })
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 30 }), (samples) => {
        let ema: PythEma | undefined
        for (const s of samples) ema = stepPythEma({ ema, ...s })
        const direct = directAverage(samples, 3_600)
        expect(ema!.price / direct.price).toBeCloseTo(1, 10)
        expect(ema!.conf / direct.conf).toBeCloseTo(1, 10)
      }),
      { numRuns: 500 },
    )
  })

  test('a price held for one half-life carries half the weight (equal confidence)', () => {
    let ema = stepPythEma({ ema: undefined, price: 60_000, conf: 15, seconds: 1 })
    for (let i = 0; i < 3_600; i++) ema = stepPythEma({ ema, price: 54_000, conf: 15, seconds: 1 })
    expect(ema.price).toBeCloseTo(57_000, 6)
    expect(stepPythEma({ ema: stepPythEma({ ema: undefined, price: 60_000, conf: 15, seconds: 1 }), price: 54_000, conf: 15, seconds: 3_600 }).price).toBeCloseTo(57_000, 6)
  })

  test('a wide-confidence print barely moves the average', () => {
    const calm = stepPythEma({ ema: undefined, price: 100, conf: 0.03, seconds: 1 })
    const wide = stepPythEma({ ema: calm, price: 200, conf: 30, seconds: 60 })
    const tight = stepPythEma({ ema: calm, price: 200, conf: 0.03, seconds: 60 })
    expect(wide.price - 100).toBeLessThan((tight.price - 100) / 500)
  })

  test('invalid input throws InvalidInputError naming the field', () => {
    const ema = stepPythEma({ ema: undefined, price: 1, conf: 0.01, seconds: 1 })
    expect(() => stepPythEma({ ema, price: 0, conf: 0.01, seconds: 1 })).toThrow('Invalid price')
    expect(() => stepPythEma({ ema, price: 1, conf: 0, seconds: 1 })).toThrow('Invalid conf')
    expect(() => stepPythEma({ ema, price: 1, conf: 0.01, seconds: 0 })).toThrow(InvalidInputError)
    expect(() => stepPythEma({ ema: { ...ema, weight: Number.NaN }, price: 1, conf: 0.01, seconds: 1 })).toThrow('Invalid ema.weight')
  })
})
