import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { assertFundingState } from './assertFundingState'

const valid = { fundingRate: -0.002, fundingIndex: 123.4, lastUpdated: 1_700_000_000, skew: -50 }

describe('assertFundingState', () => {
  test('accepts finite fields within ±1e18 and a non-negative time', () => {
    expect(() => assertFundingState(valid)).not.toThrow()
    expect(() => assertFundingState({ ...valid, lastUpdated: 0, fundingIndex: -1e18 })).not.toThrow()
  })

  test.each([
    ['fundingRate', Number.NaN],
    ['fundingIndex', Number.POSITIVE_INFINITY],
    ['lastUpdated', -1],
    ['skew', 2e18],
  ])('rejects %s = %s with InvalidInputError naming the field', (field, value) => {
    expect(() => assertFundingState({ ...valid, [field]: value })).toThrow(`state.${field}`)
  })

  test('rejects a non-object', () => {
    expect(() => assertFundingState(undefined as never)).toThrow(InvalidInputError)
  })
})
