import { describe, expect, it } from 'vitest'
import { formatShock } from './formatShock'

describe('formatShock', () => {
  it('formatShock: whole percentages plain, the venue’s fractional moves with a decimal or two, a true minus sign', () => {
    expect(formatShock(-0.1)).toBe('−10 %')
    expect(formatShock(0.3)).toBe('+30 %')
    expect(formatShock(0)).toBe('0 %')
    expect(formatShock(-0)).toBe('0 %')
    expect(formatShock(0.01375)).toBe('+1.4 %')
    expect(formatShock(-0.0034)).toBe('−0.34 %')
    expect(formatShock(-0.3 * 1)).toBe('−30 %')
    expect(formatShock((0.0193 * -3) / 4)).toBe('−1.4 %')
    expect(formatShock(Number.NaN)).toBe('—')
  })
})
