import { InvalidInputError, NoSolutionError } from '../errors'
import { assertFinite, assertNonNegative, assertPositive } from '../validate'

export type BrentParameters = {
  /** A function continuous on [lower, upper]; must return finite numbers there. */
  f: (x: number) => number
  /** One end of the bracket (may be above `upper`: the ends are ordered internally). */
  lower: number
  /** The other end of the bracket. */
  upper: number
  /** `f(lower)`, when the caller already has it (saves one evaluation). */
  lowerValue?: number
  /** `f(upper)`, when the caller already has it. */
  upperValue?: number
  /** Stop when the bracket is narrower than this fraction of |x| (default 1e-13). */
  relativeTolerance?: number
  /** ... or narrower than this, in the units of x (default 0). */
  absoluteTolerance?: number
  /** Give up after this many iterations (default 200; Brent needs far fewer). */
  maxIterations?: number
}

export type BrentReturnType = {
  /** The root: the end of the final bracket with the smaller |f|. */
  root: number
  /** f(root), exactly as evaluated. */
  value: number
  /** Width of the final bracket that contains the sign change, units of x. */
  bracketWidth: number
  /** Number of evaluations of `f`, including the two ends when they were not given. */
  evaluations: number
}

const EPSILON = Number.EPSILON

/**
 * Finds a root of `f` in a bracket where it changes sign, by Brent's method: inverse quadratic
 * interpolation or secant steps while they shrink the bracket fast enough, bisection otherwise.
 * It converges superlinearly on smooth functions and never worse than bisection, and keeps the
 * sign change inside the bracket at every step, so the answer is always a genuine crossing.
 *
 * Source: R. P. Brent, "Algorithms for Minimization without Derivatives" (1973), ch. 4
 * (algorithm `zero`); the acceptance test for an interpolated step follows Press et al.,
 * "Numerical Recipes", 3rd ed., §9.3.
 *
 * Stops when the bracket is narrower than `2·eps·|x| + (absoluteTolerance + relativeTolerance·|x|)`
 * or `f` is exactly 0.
 *
 * @throws {InvalidInputError} non-finite bounds or tolerances, or `f` returning a non-finite value.
 * @throws {NoSolutionError} `f` has the same (non-zero) sign at both ends, or no convergence.
 *
 * @example
 * brent({ f: (x) => x * x - 2, lower: 0, upper: 2 }).root // 1.4142135623730951
 */
export function brent(parameters: BrentParameters): BrentReturnType {
  const { f, lower, upper } = parameters
  const relativeTolerance = parameters.relativeTolerance ?? 1e-13
  const absoluteTolerance = parameters.absoluteTolerance ?? 0
  const maxIterations = parameters.maxIterations ?? 200
  if (typeof f !== 'function') throw new InvalidInputError('f', f, 'a function')
  assertFinite('lower', lower)
  assertFinite('upper', upper)
  assertNonNegative('relativeTolerance', relativeTolerance)
  assertNonNegative('absoluteTolerance', absoluteTolerance)
  assertPositive('maxIterations', maxIterations)

  let evaluations = 0
  const evaluate = (x: number): number => {
    evaluations++
    const y = f(x)
    if (typeof y !== 'number' || !Number.isFinite(y)) throw new InvalidInputError(`f(${x})`, y, 'a finite number')
    return y
  }

  // b is the best estimate, a the previous one, c the end that keeps the sign change with b.
  let a = lower
  let b = upper
  let fa = parameters.lowerValue ?? evaluate(a)
  let fb = parameters.upperValue ?? evaluate(b)
  assertFinite('lowerValue', fa)
  assertFinite('upperValue', fb)
  if (fa === 0) return { root: a, value: 0, bracketWidth: 0, evaluations }
  if (fb === 0) return { root: b, value: 0, bracketWidth: 0, evaluations }
  if (Math.sign(fa) === Math.sign(fb))
    throw new NoSolutionError('root', 'the function has the same sign at both ends of the bracket', {
      details: `f(${a}) = ${fa}, f(${b}) = ${fb}`,
    })

  let c = a
  let fc = fa
  let step = b - a
  let previousStep = step

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a
      fc = fa
      step = b - a
      previousStep = step
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b
      b = c
      c = a
      fa = fb
      fb = fc
      fc = fa
    }

    const tolerance = 2 * EPSILON * Math.abs(b) + 0.5 * (absoluteTolerance + relativeTolerance * Math.abs(b))
    const half = 0.5 * (c - b)
    if (fb === 0) return { root: b, value: 0, bracketWidth: 0, evaluations }
    if (Math.abs(half) <= tolerance) return { root: b, value: fb, bracketWidth: Math.abs(c - b), evaluations }

    if (Math.abs(previousStep) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      // Interpolate: secant through (a, b) when only two distinct points are known, inverse
      // quadratic through (a, b, c) otherwise. The step is p / q with the sign folded into q.
      const s = fb / fa
      let p: number
      let q: number
      if (a === c) {
        p = 2 * half * s
        q = 1 - s
      } else {
        const qa = fa / fc
        const r = fb / fc
        p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1))
        q = (qa - 1) * (r - 1) * (s - 1)
      }
      if (p > 0) q = -q
      else p = -p
      // Accept only steps that land well inside the bracket and shrink faster than bisection
      // would over two iterations; otherwise bisect.
      if (2 * p < Math.min(3 * half * q - Math.abs(tolerance * q), Math.abs(previousStep * q))) {
        previousStep = step
        step = p / q
      } else {
        step = half
        previousStep = half
      }
    } else {
      step = half
      previousStep = half
    }

    a = b
    fa = fb
    b += Math.abs(step) > tolerance ? step : half > 0 ? tolerance : -tolerance
    fb = evaluate(b)
  }
  throw new NoSolutionError('root', `no convergence after ${maxIterations} iterations`)
}
