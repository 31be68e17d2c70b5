import { describe, expect, it } from 'vitest'
import { probabilityText } from './probabilityText'

const monteCarlo = { method: 'monteCarlo' as const, paths: 10_000, steps: 144 }
const analytic = { method: 'analytic' as const, paths: 0, steps: 0, standardError: 0 }

describe('probabilityText', () => {
  it('a Monte Carlo estimate: % with its standard error in points and its size', () => {
    expect(probabilityText({ probability: 0.0123, standardError: 0.0011, ...monteCarlo })).toEqual({ value: '1.23 %', error: '± 0.11 pt', method: 'Monte Carlo, 10,000 paths × 144 steps' })
  })

  it('no path liquidated is not a confident zero: below 3/n (rule of three)', () => {
    expect(probabilityText({ probability: 0, standardError: 0, ...monteCarlo })).toMatchObject({ value: '< 0.03 %', error: '0 of 10,000 paths liquidated' })
    expect(probabilityText({ probability: 0, standardError: 0, ...monteCarlo, paths: 1_000 }).value).toBe('< 0.30 %')
  })

  it('a small simulated figure keeps two significant digits, and so does its error', () => {
    expect(probabilityText({ probability: 4.7e-5, standardError: 3.1e-5, ...monteCarlo })).toMatchObject({ value: '0.0047 %', error: '± 0.0031 pt' })
    // The bridge-corrected estimator can average to 1e-17: never in exponent notation.
    expect(probabilityText({ probability: 5.6e-17, standardError: 5.6e-17, ...monteCarlo })).toMatchObject({ value: '< 0.0001 %', error: '± < 0.0001 pt' })
  })

  it('tiny and near-certain closed-form figures do not print as 0 % or 100 %', () => {
    expect(probabilityText({ probability: 2.38e-10, ...analytic })).toEqual({ value: '< 0.01 %', error: 'exact', method: 'closed form (first passage, no jumps)' })
    expect(probabilityText({ probability: 0.999995, ...analytic }).value).toBe('> 99.99 %')
  })

  it('certain outcomes say why', () => {
    expect(probabilityText({ probability: 1, standardError: 0, method: 'alreadyLiquidatable', paths: 0, steps: 0 })).toEqual({ value: '100 %', error: 'exact', method: 'already liquidatable now' })
    expect(probabilityText({ probability: 0, standardError: 0, method: 'noExposure', paths: 0, steps: 0 })).toEqual({ value: '0 %', error: 'exact', method: 'no price exposure' })
  })

  it('never NaN', () => {
    expect(probabilityText({ probability: Number.NaN, standardError: Number.NaN, ...monteCarlo })).toEqual({ value: '—', error: 'exact', method: 'Monte Carlo, 10,000 paths × 144 steps' })
  })
})
