import { InvalidInputError } from '../errors'
import { assertFinite, assertPositive } from '../validate'

export type BracketRootParameters = {
  /** The function to scan; must return finite numbers on the walk. */
  f: (x: number) => number
  /** Where the walk starts. */
  start: number
  /** `f(start)`, when the caller already has it. */
  startValue?: number
  /** Where the walk ends (above or below `start`); it is always evaluated last. */
  end: number
  /** Length of the first step, units of x (> 0). */
  firstStep: number
  /** Each step is this many times longer than the previous one (>= 1, default 1.5). */
  growth?: number
}

/** The first interval along the walk with a sign change: `near` is the end closer to `start`. */
export type BracketRootReturnType = {
  near: number
  far: number
  nearValue: number
  farValue: number
  /** Evaluations of `f` spent, including `start` when its value was not given. */
  evaluations: number
} | null

/**
 * Walks from `start` towards `end` in steps that grow geometrically and returns the first
 * interval on which `f` changes sign (or reaches exactly 0 at its far end), or `null` if it
 * keeps one sign all the way. Being the first crossing from `start`, it brackets the root
 * nearest to `start` as resolved by the step sizes: a pair of roots closer together than one
 * step can be missed, so the first step should match the finest feature the caller cares about.
 * Feed the interval to `brent`.
 *
 * Number of evaluations: about log(1 + (growth − 1)·|end − start| / firstStep) / log(growth).
 *
 * @throws {InvalidInputError} non-finite bounds, non-positive step, growth below 1, or `f`
 *   returning a non-finite value.
 *
 * @example
 * // the root of x² − 2 nearest to 0 on the way up to 10
 * bracketRoot({ f: (x) => x * x - 2, start: 0, end: 10, firstStep: 0.1 })
 * // { near: 1.3187…, far: 1.6780…, nearValue: < 0, farValue: > 0, evaluations: 8 }
 */
export function bracketRoot(parameters: BracketRootParameters): BracketRootReturnType {
  const { f, start, end, firstStep } = parameters
  const growth = parameters.growth ?? 1.5
  if (typeof f !== 'function') throw new InvalidInputError('f', f, 'a function')
  assertFinite('start', start)
  assertFinite('end', end)
  assertPositive('firstStep', firstStep)
  if (typeof growth !== 'number' || !(growth >= 1) || !Number.isFinite(growth))
    throw new InvalidInputError('growth', growth, 'a finite number of at least 1')

  let evaluations = 0
  const evaluate = (x: number): number => {
    evaluations++
    const y = f(x)
    if (typeof y !== 'number' || !Number.isFinite(y)) throw new InvalidInputError(`f(${x})`, y, 'a finite number')
    return y
  }

  let near = start
  let nearValue = parameters.startValue ?? evaluate(start)
  assertFinite('startValue', nearValue)
  if (nearValue === 0) return { near, far: near, nearValue, farValue: nearValue, evaluations }
  const direction = Math.sign(end - start)
  const length = Math.abs(end - start)
  let travelled = 0
  let step = firstStep
  while (travelled < length) {
    travelled = Math.min(length, travelled + step)
    step *= growth
    const far = travelled === length ? end : start + direction * travelled
    const farValue = evaluate(far)
    if (farValue === 0 || Math.sign(farValue) !== Math.sign(nearValue)) return { near, far, nearValue, farValue, evaluations }
    near = far
    nearValue = farValue
  }
  return null
}
