import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { barrierHitProbability } from './barrierHitProbability'
import { normalCdf } from './normalCdf'

/**
 * Survival in (a, b) by the eigenfunction (Fourier sine) expansion of the killed heat kernel —
 * a second, independent method (Karlin & Taylor, "A Second Course in Stochastic Processes",
 * §15.3; Cox & Miller, "The Theory of Stochastic Processes", §5.7). Start at x = −a in (0, w):
 * P = e^(−θx − ν²T/(2σ²)) · (2/w) · Σ_k sin(kπx/w) · e^(−k²π²σ²T/(2w²)) · β_k(1 − (−1)^k e^(θw))/(θ² + β_k²),
 * θ = ν/σ², β_k = kπ/w. Converges fast when σ²T is not tiny against w².
 */
function survivalByEigenfunctions(drift: number, vol: number, years: number, a: number, b: number): number {
  const w = b - a
  const x = -a
  const theta = drift / (vol * vol)
  let sum = 0
  for (let k = 1; k < 20_000; k++) {
    const beta = (k * Math.PI) / w
    const decay = Math.exp((-k * k * Math.PI * Math.PI * vol * vol * years) / (2 * w * w))
    const integral = (beta * (1 - (k % 2 === 0 ? 1 : -1) * Math.exp(theta * w))) / (theta * theta + beta * beta)
    sum += Math.sin(beta * x) * decay * integral
    if (decay < 1e-20) break
  }
  return Math.exp(-theta * x - (drift * drift * years) / (2 * vol * vol)) * (2 / w) * sum
}

describe('barrierHitProbability', () => {
  test('driftless single barrier: reflection principle P = 2Φ(−|b|/(σ√T))', () => {
    // Shreve II, §3.7.3 (reflection principle: the maximum of Brownian motion has the law of |W_T|).
    const s = 0.6 * Math.sqrt(7 / 365)
    expect(barrierHitProbability({ drift: 0, vol: 0.6, years: 7 / 365, lower: Math.log(0.9), upper: Infinity })).toBeCloseTo(
      2 * normalCdf(Math.log(0.9) / s),
      15,
    )
    expect(barrierHitProbability({ drift: 0, vol: 0.6, years: 7 / 365, lower: -Infinity, upper: 0.2 })).toBeCloseTo(
      2 * normalCdf(-0.2 / s),
      15,
    )
  })

  test('single barrier with drift: the closed form is the CDF of the first-passage time', () => {
    // The hitting time of b > 0 has the inverse-Gaussian density b/(σ√(2πt³))·exp(−(b − νt)²/(2σ²t))
    // (Karatzas & Shreve, "Brownian Motion and Stochastic Calculus", §3.5.C). Integrate it numerically and compare.
    const b = 0.15
    const drift = -0.3
    const vol = 0.8
    const years = 0.25
    const density = (t: number) => (b / (vol * Math.sqrt(2 * Math.PI * t ** 3))) * Math.exp(-((b - drift * t) ** 2) / (2 * vol * vol * t))
    // Simpson on [0, T] in the variable u = √t (the density vanishes smoothly at 0).
    const n = 20_000
    const h = Math.sqrt(years) / n
    let integral = 0
    for (let i = 0; i <= n; i++) {
      const u = i * h
      const g = u === 0 ? 0 : density(u * u) * 2 * u
      integral += g * (i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2)
    }
    integral *= h / 3
    expect(barrierHitProbability({ drift, vol, years, lower: -Infinity, upper: b })).toBeCloseTo(integral, 10)
    // and the lower barrier by symmetry X → −X
    expect(barrierHitProbability({ drift: -drift, vol, years, lower: -b, upper: Infinity })).toBeCloseTo(integral, 10)
  })

  test('property: two barriers, images series = eigenfunction series (two independent methods)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.double({ min: 1 / 365 / 24, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        (drift, vol, years, down, up) => {
          // keep σ²T/w² >= 1e-3 so the eigenfunction series converges in a few thousand terms
          fc.pre((vol * vol * years) / (down + up) ** 2 >= 1e-3)
          // and |θ|·w <= 10: the eigenfunction sum carries factors e^(±θw) that cancel, costing
          // e^(|θ|w)·1e-16 of absolute accuracy in the reference itself
          fc.pre((Math.abs(drift) / (vol * vol)) * (down + up) <= 10)
          const p = barrierHitProbability({ drift, vol, years, lower: -down, upper: up })
          const reference = 1 - survivalByEigenfunctions(drift, vol, years, -down, up)
          expect(Math.abs(p - reference)).toBeLessThan(1e-10)
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test('two barriers converge to one as the other recedes, and exceed each single barrier', () => {
    const base = { drift: -0.1, vol: 0.7, years: 1 / 52 }
    const single = barrierHitProbability({ ...base, lower: -0.08, upper: Infinity })
    expect(barrierHitProbability({ ...base, lower: -0.08, upper: 5 })).toBeCloseTo(single, 14)
    const both = barrierHitProbability({ ...base, lower: -0.08, upper: 0.1 })
    expect(both).toBeGreaterThan(single)
    expect(both).toBeLessThanOrEqual(single + barrierHitProbability({ ...base, lower: -Infinity, upper: 0.1 }))
  })

  test('edge cases: barrier at 0 → 1, no barrier → 0, T = 0 → 0, band far narrower than σ√T → 1', () => {
    expect(barrierHitProbability({ drift: 0, vol: 0.5, years: 1, lower: 0, upper: Infinity })).toBe(1)
    expect(barrierHitProbability({ drift: 0, vol: 0.5, years: 1, lower: -Infinity, upper: Infinity })).toBe(0)
    expect(barrierHitProbability({ drift: 0, vol: 0.5, years: 0, lower: -0.1, upper: 0.1 })).toBe(0)
    expect(barrierHitProbability({ drift: 0, vol: 0.5, years: 1, lower: -1e-4, upper: 1e-4 })).toBe(1)
  })

  test('property: always a probability, never NaN', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.oneof(fc.constant(-Infinity), fc.double({ min: -20, max: 0, noNaN: true })),
        fc.oneof(fc.constant(Infinity), fc.double({ min: 0, max: 20, noNaN: true })),
        (drift, vol, years, lower, upper) => {
          const p = barrierHitProbability({ drift, vol, years, lower, upper })
          expect(p).toBeGreaterThanOrEqual(0)
          expect(p).toBeLessThanOrEqual(1)
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → InvalidInputError', () => {
    const ok = { drift: 0, vol: 0.5, years: 1, lower: -0.1, upper: 0.1 }
    for (const bad of [
      { drift: Number.NaN },
      { vol: 0 },
      { vol: Infinity },
      { years: -1 },
      { lower: 0.1 },
      { upper: -0.1 },
      { lower: Number.NaN },
    ])
      expect(() => barrierHitProbability({ ...ok, ...bad })).toThrow(InvalidInputError)
  })
})
