import { describe, expect, it } from 'vitest'
import { parseWhatIfAmount } from './parseWhatIfAmount'

describe('parseWhatIfAmount', () => {
  it('reads positive decimals, with thousands separators', () => {
    expect(parseWhatIfAmount('0.5')).toEqual({ value: 0.5, error: null })
    expect(parseWhatIfAmount(' 12,500.25 ')).toEqual({ value: 12_500.25, error: null })
    expect(parseWhatIfAmount('.75')).toEqual({ value: 0.75, error: null })
    expect(parseWhatIfAmount('3.')).toEqual({ value: 3, error: null })
  })

  it('nothing typed is no value and no complaint; anything else not above 0 is refused', () => {
    expect(parseWhatIfAmount('')).toEqual({ value: null, error: null })
    for (const text of ['0', '-1', 'abc', '1e3', 'NaN', 'Infinity', '1.2.3', '0.0', '1e400'])
      expect(parseWhatIfAmount(text).value, text).toBeNull()
    expect(parseWhatIfAmount('-1').error).toMatch(/positive/)
    expect(parseWhatIfAmount('0').error).toMatch(/above 0/)
    expect(parseWhatIfAmount('99999999999999').error).toMatch(/beyond/)
  })
})
