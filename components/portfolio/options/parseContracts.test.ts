import { describe, expect, test } from 'vitest'
import { parseContracts } from './parseContracts'

describe('parseContracts', () => {
  test('accepts positive amounts in steps of 0.01, with separators and trailing zeros', () => {
    expect(parseContracts('1')).toEqual({ value: 1, error: null })
    expect(parseContracts(' 0.07 ')).toEqual({ value: 0.07, error: null })
    expect(parseContracts('.5')).toEqual({ value: 0.5, error: null })
    expect(parseContracts('1,250.50')).toEqual({ value: 1250.5, error: null })
    expect(parseContracts('2.100')).toEqual({ value: 2.1, error: null })
  })

  test('empty is no order yet, not an error', () => {
    expect(parseContracts('')).toEqual({ value: null, error: null })
    expect(parseContracts('   ')).toEqual({ value: null, error: null })
  })

  test('refuses zero, negatives, finer steps, non-numbers and absurd sizes with a reason', () => {
    expect(parseContracts('0')).toEqual({ value: null, error: 'Contracts must be more than 0.' })
    expect(parseContracts('0.00')).toEqual({ value: null, error: 'Contracts must be more than 0.' })
    expect(parseContracts('-1').error).toMatch(/Enter a number/)
    expect(parseContracts('0.005')).toEqual({ value: null, error: 'Contracts go in steps of 0.01.' })
    expect(parseContracts('1e3').error).toMatch(/Enter a number/)
    expect(parseContracts('Infinity').error).toMatch(/Enter a number/)
    expect(parseContracts('NaN').error).toMatch(/Enter a number/)
    expect(parseContracts('1.2.3').error).toMatch(/Enter a number/)
    expect(parseContracts('20000000000').error).toMatch(/more contracts/)
  })
})
