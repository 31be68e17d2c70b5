import { describe, expect, it } from 'vitest'
import { formatMultiple, formatNumber, formatPercent, formatSigned, formatUsd } from './formatFigures'

describe('formatFigures', () => {
  it('every figure says its unit, uses a typographic minus, and is never NaN', () => {
    expect(formatUsd(-60_012.345)).toBe('−60,012.35 USD')
    expect(formatUsd(Number.NaN)).toBe('—')
    expect(formatUsd(Infinity)).toBe('∞ USD')
    expect(formatPercent(0.1234)).toBe('12.34 %')
    expect(formatMultiple(Infinity)).toBe('∞×')
  })

  it('plain and signed figures: separators, digits, sign; — when not finite', () => {
    expect(formatNumber(-1_234.5, 2)).toBe('−1,234.50')
    expect(formatNumber(null, 2)).toBe('—')
    expect(formatNumber(Number.NaN, 2)).toBe('—')
    expect(formatSigned(1_234.5, 2)).toBe('+1,234.50')
    expect(formatSigned(-0.25, 4)).toBe('−0.2500')
    expect(formatSigned(0, 2)).toBe('0.00')
    expect(formatSigned(Number.POSITIVE_INFINITY, 2)).toBe('—')
    // The same formatter serves every call at a digit count: the result does not depend on order.
    expect([formatNumber(1, 0), formatNumber(1, 3), formatNumber(1, 0)]).toEqual(['1', '1.000', '1'])
  })
})
