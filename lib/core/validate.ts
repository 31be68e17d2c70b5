import { InvalidInputError } from './errors'

/**
 * Input guards shared by every exported engine function. Each throws `InvalidInputError`
 * naming the field, so bad input never turns into a NaN figure.
 */

/** `value` is a finite number (not NaN, not ±Infinity). */
export function assertFinite(field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidInputError(field, value, 'a finite number')
}

/** `value` is a finite number > 0. */
export function assertPositive(field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw new InvalidInputError(field, value, 'a finite number greater than 0')
}

/** `value` is a finite number >= 0. */
export function assertNonNegative(field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new InvalidInputError(field, value, 'a finite number of at least 0')
}

/** `value` is a finite number in [min, max]. */
export function assertInRange(field: string, value: unknown, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw new InvalidInputError(field, value, `a number between ${min} and ${max}`)
}

/** `value` is one of `allowed`. */
export function assertOneOf<const T extends string>(field: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new InvalidInputError(field, value, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`)
}
