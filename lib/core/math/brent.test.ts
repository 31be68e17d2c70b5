import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError, NoSolutionError } from '../errors'
import { brent } from './brent'

describe('brent', () => {
  test.each([
    // Roots known in closed form or published to full double precision.
    { name: 'x² − 2 = 0 → √2', f: (x: number) => x * x - 2, lower: 0, upper: 2, root: Math.SQRT2 },
    { name: 'eˣ − 10 = 0 → ln 10', f: (x: number) => Math.exp(x) - 10, lower: -5, upper: 5, root: Math.LN10 },
    { name: 'sin x = 0 on [3, 4] → π', f: Math.sin, lower: 3, upper: 4, root: Math.PI },
    // The Dottie number, cos x = x (OEIS A003957: 0.739085133215160641655312087673...).
    { name: 'cos x − x = 0 → Dottie number', f: (x: number) => Math.cos(x) - x, lower: 0, upper: 1, root: 0.7390851332151607 },
    // Wallis's cubic, the example Newton used (Brent 1973, ch. 4 test set): 2.0945514815423265...
    { name: 'x³ − 2x − 5 = 0 (Wallis)', f: (x: number) => x ** 3 - 2 * x - 5, lower: 2, upper: 3, root: 2.0945514815423265 },
    // A triple root: derivative vanishes at the root, interpolation struggles, bisection must carry it.
    { name: '(x − 1)³ = 0 (triple root)', f: (x: number) => (x - 1) ** 3, lower: -3, upper: 4, root: 1 },
    // A jump across zero: no root in the continuous sense, but the sign change is bracketed to full precision.
    { name: 'sign change by a jump at 0.3', f: (x: number) => (x < 0.3 ? -1 : 1), lower: 0, upper: 1, root: 0.3 },
  ])('$name', ({ f, lower, upper, root }) => {
    const result = brent({ f, lower, upper })
    expect(Math.abs(result.root - root)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(root)))
    expect(result.value).toBe(f(result.root))
  })

  test('bracket given in reverse order and with known end values', () => {
    const f = (x: number) => x * x - 2
    const result = brent({ f, lower: 2, upper: 0, lowerValue: 2, upperValue: -2 })
    expect(result.root).toBeCloseTo(Math.SQRT2, 14)
  })

  test('converges superlinearly on a smooth function (far fewer evaluations than bisection)', () => {
    // Bisection would need log2(100 / 1e-13) ≈ 50 evaluations.
    const result = brent({ f: (x) => Math.exp(x) - 10, lower: -50, upper: 50 })
    expect(result.evaluations).toBeLessThan(30)
  })

  test('returns an exact zero at an end of the bracket', () => {
    expect(brent({ f: (x) => x - 1, lower: 1, upper: 3 }).root).toBe(1)
    expect(brent({ f: (x) => x - 3, lower: 1, upper: 3 }).root).toBe(3)
  })

  test('honours a coarse relative tolerance', () => {
    const result = brent({ f: (x) => x * x - 2, lower: 0, upper: 2, relativeTolerance: 1e-3 })
    expect(Math.abs(result.root - Math.SQRT2)).toBeLessThan(2e-3)
  })

  test('property: the root of a random cubic with one real root is found to 1e-12 relative', () => {
    // f(x) = (x − r)·((x − p)² + w²) has exactly one real root r; its scale is arbitrary.
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.boolean(),
        (r, p, w, left, right, scale, negate) => {
          const sign = negate ? -1 : 1
          const f = (x: number) => sign * scale * (x - r) * ((x - p) ** 2 + w * w)
          const result = brent({ f, lower: r - left, upper: r + right })
          // Tolerance: the last bracket, which Brent shrinks to ~1e-13 relative to |x|.
          expect(Math.abs(result.root - r)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(r), 1) + 1e-12 * (left + right))
          expect(result.bracketWidth).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(r), 1) + 1e-12 * (left + right))
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test('same sign at both ends → NoSolutionError', () => {
    expect(() => brent({ f: (x) => x * x + 1, lower: -1, upper: 1 })).toThrow(NoSolutionError)
  })

  test('non-finite input or output → InvalidInputError', () => {
    expect(() => brent({ f: (x) => x, lower: Number.NaN, upper: 1 })).toThrow(InvalidInputError)
    expect(() => brent({ f: (x) => x, lower: -1, upper: Number.POSITIVE_INFINITY })).toThrow(InvalidInputError)
    expect(() => brent({ f: (x) => (x > 0.5 ? Number.NaN : -1), lower: 0, upper: 1 })).toThrow(InvalidInputError)
    expect(() => brent({ f: (x) => x, lower: -1, upper: 1, relativeTolerance: -1 })).toThrow(InvalidInputError)
  })

  test('no convergence within maxIterations → NoSolutionError', () => {
    expect(() => brent({ f: (x) => (x < 0.3 ? -1 : 1), lower: 0, upper: 1, maxIterations: 3 })).toThrow(NoSolutionError)
  })
})
