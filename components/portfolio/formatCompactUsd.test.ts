import { describe, expect, it } from 'vitest'
import { formatCompactUsd } from './formatCompactUsd'

describe('formatCompactUsd', () => {
  it('formatCompactUsd: at most four significant characters, signed', () => {
    expect(formatCompactUsd(-12_345)).toBe('−12.3k')
    expect(formatCompactUsd(849.6)).toBe('+850')
    expect(formatCompactUsd(1_000)).toBe('+1k')
    expect(formatCompactUsd(-1_250_000)).toBe('−1.25M')
    expect(formatCompactUsd(999_700)).toBe('+1M')
    expect(formatCompactUsd(0.2)).toBe('0')
    expect(formatCompactUsd(-Infinity)).toBe('−∞')
  })
})
