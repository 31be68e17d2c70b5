import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { assertOracleGuardParams } from './assertOracleGuardParams'
import { defaultOracleGuardParams } from './params'

describe('assertOracleGuardParams', () => {
  test('accepts the defaults and zero window / skew', () => {
    expect(() => assertOracleGuardParams(defaultOracleGuardParams)).not.toThrow()
    expect(() => assertOracleGuardParams({ ...defaultOracleGuardParams, jumpWindow: 0, maxFutureSkew: 0 })).not.toThrow()
  })

  test.each([
    ['maxAge', 0],
    ['maxConfRatio', -0.1],
    ['maxJump', Number.NaN],
    ['jumpWindow', -1],
    ['maxFutureSkew', Number.POSITIVE_INFINITY],
  ])('rejects %s = %s with InvalidInputError naming the field', (field, value) => {
    expect(() => assertOracleGuardParams({ ...defaultOracleGuardParams, [field]: value })).toThrow(InvalidInputError)
    expect(() => assertOracleGuardParams({ ...defaultOracleGuardParams, [field]: value })).toThrow(`params.${field}`)
  })

  test('rejects a missing params object', () => {
    expect(() => assertOracleGuardParams(null as never)).toThrow(InvalidInputError)
  })

  test('the defaults follow the documented reasoning: jump window = max age, skew well under it', () => {
    expect(defaultOracleGuardParams.jumpWindow).toBe(defaultOracleGuardParams.maxAge)
    expect(defaultOracleGuardParams.maxFutureSkew).toBeLessThan(defaultOracleGuardParams.maxAge)
    // 10 % is over 100 one-minute standard deviations at 60 %/yr: 0.6·√(60/31,536,000) ≈ 0.083 %
    expect(defaultOracleGuardParams.maxJump / (0.6 * Math.sqrt(60 / 31_536_000))).toBeGreaterThan(100)
  })
})
