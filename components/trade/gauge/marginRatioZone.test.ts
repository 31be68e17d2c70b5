import { describe, expect, it } from 'vitest'
import { MARGIN_RATIO_DANGER, MARGIN_RATIO_WARN, marginRatioZone } from './marginRatioZone'

/** A double just below x (x > 0): x·(1 − 2⁻⁵²). */
const justBelow = (x: number) => x * (1 - Number.EPSILON)

describe('marginRatioZone', () => {
  it('uses the 50 % and 80 % boundaries', () => {
    expect(MARGIN_RATIO_WARN).toBe(0.5)
    expect(MARGIN_RATIO_DANGER).toBe(0.8)
  })

  it('puts each boundary in the higher zone', () => {
    expect(marginRatioZone(0)).toBe('safe')
    expect(marginRatioZone(justBelow(0.5))).toBe('safe')
    expect(marginRatioZone(0.5)).toBe('warn')
    expect(marginRatioZone(justBelow(0.8))).toBe('warn')
    expect(marginRatioZone(0.8)).toBe('danger')
    expect(marginRatioZone(1)).toBe('danger')
  })

  it('treats non-positive equity (Infinity) and NaN as danger', () => {
    expect(marginRatioZone(Infinity)).toBe('danger')
    expect(marginRatioZone(Number.NaN)).toBe('danger')
  })
})
