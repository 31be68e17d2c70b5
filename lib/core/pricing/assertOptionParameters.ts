import type { InvalidInputError } from '../errors'
import { assertFinite, assertNonNegative, assertOneOf, assertPositive } from '../validate'
import { optionKinds, type OptionMarket } from './types'

export type AssertOptionParametersErrorType = InvalidInputError

/**
 * Checks a European option, its market and its volatility, in a fixed order so the error names
 * the first bad field: kind ('call' | 'put'), spot > 0, strike > 0, years ≥ 0, rate and
 * dividendYield finite, vol > 0 (all finite). Shared by `optionPrice`, `optionGreeks` and
 * `mertonJumpPrice` (whose `vol` is the diffusion volatility).
 *
 * @throws {InvalidInputError} naming the field.
 * @example
 * assertOptionParameters({ kind: 'call', spot: 100, strike: 90, years: 0.5, rate: 0.05, dividendYield: 0, vol: -1 })
 * // throws InvalidInputError: Invalid vol: expected a finite number greater than 0, got -1.
 */
export function assertOptionParameters(parameters: OptionMarket & { vol: number }): void {
  const { kind, spot, strike, years, rate, dividendYield, vol } = parameters
  assertOneOf('kind', kind, optionKinds)
  assertPositive('spot', spot)
  assertPositive('strike', strike)
  assertNonNegative('years', years)
  assertFinite('rate', rate)
  assertFinite('dividendYield', dividendYield)
  assertPositive('vol', vol)
}
