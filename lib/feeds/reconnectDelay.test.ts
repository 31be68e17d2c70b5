import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../core/errors'
import { reconnectDelay } from './reconnectDelay'

const base = { initialDelay: 250, maxDelay: 30_000 }

describe('reconnectDelay', () => {
  it('doubles its range with every attempt up to the cap (equal jitter: [c/2, c))', () => {
    // c = min(30 000, 250·2^n): 250, 500, 1 000, …, 16 000, then 30 000.
    const ceilings = [250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]
    ceilings.forEach((ceiling, attempt) => {
      expect(reconnectDelay({ ...base, attempt, random: () => 0 })).toBe(ceiling / 2)
      expect(reconnectDelay({ ...base, attempt, random: () => 0.999_999 })).toBeCloseTo(ceiling, 0)
    })
  })

  it('stays in [c/2, c) for every attempt and random draw, and never exceeds maxDelay', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 1, max: 10_000, noNaN: true }),
        fc.double({ min: 1, max: 1_000, noNaN: true }),
        (attempt, u, initialDelay, factor) => {
          const maxDelay = initialDelay * factor
          const delay = reconnectDelay({ attempt, initialDelay, maxDelay, random: () => u })
          const ceiling = Math.min(maxDelay, initialDelay * 2 ** attempt)
          expect(delay).toBeGreaterThanOrEqual(ceiling / 2)
          expect(delay).toBeLessThanOrEqual(ceiling)
          expect(delay).toBeLessThanOrEqual(maxDelay)
        },
      ),
      { numRuns: 10_000 },
    )
  })

  it('spreads clients: uniform draws give delays uniform over [c/2, c)', () => {
    const draws = Array.from({ length: 1_000 }, (_, index) => (index + 0.5) / 1_000)
    const delays = draws.map((u) => reconnectDelay({ ...base, attempt: 3, random: () => u }))
    const mean = delays.reduce((sum, delay) => sum + delay, 0) / delays.length
    expect(mean).toBeCloseTo(0.75 * 2_000, 6)
  })

  it.each([
    ['a negative attempt', { ...base, attempt: -1, random: () => 0 }],
    ['a fractional attempt', { ...base, attempt: 1.5, random: () => 0 }],
    ['a zero initial delay', { attempt: 0, initialDelay: 0, maxDelay: 1, random: () => 0 }],
    ['maxDelay below initialDelay', { attempt: 0, initialDelay: 10, maxDelay: 5, random: () => 0 }],
    ['random() = 1', { ...base, attempt: 0, random: () => 1 }],
    ['random() = NaN', { ...base, attempt: 0, random: () => Number.NaN }],
  ])('throws InvalidInputError for %s', (_what, parameters) => {
    expect(() => reconnectDelay(parameters)).toThrow(InvalidInputError)
  })
})
