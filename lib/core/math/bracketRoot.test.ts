import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { bracketRoot } from './bracketRoot'

describe('bracketRoot', () => {
  test('brackets the root nearest to the start, walking up or down', () => {
    const f = (x: number) => (x - 1) * (x - 3) * (x + 2) // roots −2, 1, 3; f(0) = 6 > 0
    const up = bracketRoot({ f, start: 0, end: 10, firstStep: 0.01 })
    expect(up).not.toBeNull()
    expect(up!.near).toBeLessThan(1)
    expect(up!.far).toBeGreaterThanOrEqual(1)
    expect(up!.far).toBeLessThan(3)
    const down = bracketRoot({ f, start: 0, end: -10, firstStep: 0.01 })
    expect(down!.near).toBeGreaterThan(-2)
    expect(down!.far).toBeLessThanOrEqual(-2)
    expect(Math.sign(down!.nearValue)).not.toBe(Math.sign(down!.farValue))
  })

  test('null when the sign never changes; the end is always evaluated', () => {
    const seen: number[] = []
    const result = bracketRoot({ f: (x) => (seen.push(x), x * x + 1), start: 0, end: 7, firstStep: 0.5, growth: 2 })
    expect(result).toBeNull()
    expect(seen.at(-1)).toBe(7)
  })

  test('a root exactly at the start or at a walk point is reported', () => {
    expect(bracketRoot({ f: (x) => x, start: 0, end: 1, firstStep: 0.1 })).toMatchObject({ near: 0, far: 0 })
    const hit = bracketRoot({ f: (x) => 1 - x, start: 0, end: 2, firstStep: 1, growth: 1 })
    expect(hit).toMatchObject({ near: 0, far: 1, farValue: 0 })
  })

  test('evaluation count follows the geometric schedule', () => {
    const result = bracketRoot({ f: () => 1, start: 0, end: 100, firstStep: 0.01, growth: 1.5 })
    expect(result).toBeNull()
    // 1 (start) + ceil(log(1 + 0.5·100/0.01) / log 1.5) = 1 + 22
    let count = 0
    bracketRoot({ f: () => (count++, 1), start: 0, end: 100, firstStep: 0.01, growth: 1.5 })
    expect(count).toBe(1 + Math.ceil(Math.log(1 + (0.5 * 100) / 0.01) / Math.log(1.5)))
  })

  test('property: for a monotone function the bracket always contains the root', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-4, max: 10, noNaN: true }),
        fc.double({ min: 1.1, max: 3, noNaN: true }),
        fc.boolean(),
        (root, distance, firstStep, growth, upward) => {
          const start = upward ? root - distance : root + distance
          const end = upward ? root + 2 * distance : root - 2 * distance
          const result = bracketRoot({ f: (x) => Math.atan(x - root), start, end, firstStep, growth })
          expect(result).not.toBeNull()
          const lo = Math.min(result!.near, result!.far)
          const hi = Math.max(result!.near, result!.far)
          expect(lo).toBeLessThanOrEqual(root)
          expect(hi).toBeGreaterThanOrEqual(root)
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → InvalidInputError', () => {
    expect(() => bracketRoot({ f: (x) => x, start: Number.NaN, end: 1, firstStep: 0.1 })).toThrow(InvalidInputError)
    expect(() => bracketRoot({ f: (x) => x, start: 0, end: 1, firstStep: 0 })).toThrow(InvalidInputError)
    expect(() => bracketRoot({ f: (x) => x, start: 0, end: 1, firstStep: 0.1, growth: 0.5 })).toThrow(InvalidInputError)
    expect(() => bracketRoot({ f: () => Number.NaN, start: 0, end: 1, firstStep: 0.1 })).toThrow(InvalidInputError)
  })
})
