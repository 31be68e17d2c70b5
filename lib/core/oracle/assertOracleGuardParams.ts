import { InvalidInputError } from '../errors'
import { assertNonNegative, assertPositive } from '../validate'
import type { OracleGuardParams } from './types'

export type AssertOracleGuardParamsErrorType = InvalidInputError

/**
 * Checks oracle guard thresholds: `maxAge`, `maxConfRatio`, `maxJump` finite and > 0;
 * `jumpWindow`, `maxFutureSkew` finite and >= 0. Throws `InvalidInputError` naming the field.
 *
 * @example
 * assertOracleGuardParams(defaultOracleGuardParams) // returns
 * assertOracleGuardParams({ ...defaultOracleGuardParams, maxAge: 0 }) // throws InvalidInputError
 */
export function assertOracleGuardParams(params: OracleGuardParams): asserts params is OracleGuardParams {
  if (typeof params !== 'object' || params === null) throw new InvalidInputError('params', params, 'an object of oracle guard parameters')
  assertPositive('params.maxAge', params.maxAge)
  assertPositive('params.maxConfRatio', params.maxConfRatio)
  assertPositive('params.maxJump', params.maxJump)
  assertNonNegative('params.jumpWindow', params.jumpWindow)
  assertNonNegative('params.maxFutureSkew', params.maxFutureSkew)
}
