import { describe, expect, it } from 'vitest'
import { defaultRiskParams } from '../../lib/core/risk/params'
import { toWad, venueGuardParams, venueMarketParams, venueRiskParams } from './venueParams'

describe('toWad', () => {
  it('converts the decimal a number prints as, not its binary expansion', () => {
    // 0.55 as a double is 0.55000000000000004441…; the venue must get exactly 0.55e18.
    expect(toWad(0.55)).toBe(550_000_000_000_000_000n)
    expect(toWad(0.0075)).toBe(7_500_000_000_000_000n)
    expect(toWad(1e-9)).toBe(1_000_000_000n)
    expect(toWad(3)).toBe(3_000_000_000_000_000_000n)
    expect(toWad(10_000)).toBe(10_000_000_000_000_000_000_000n)
    expect(toWad(-0.25)).toBe(-250_000_000_000_000_000n)
  })

  it('rounds what does not fit in 18 decimals', () => {
    expect(toWad(2 / 3)).toBe(666_666_666_666_666_600n) // 0.6666666666666666 prints with 16 digits
    expect(toWad(1e-19)).toBe(0n)
  })

  it('rejects non-finite numbers', () => {
    expect(() => toWad(Number.NaN)).toThrow()
    expect(() => toWad(Number.POSITIVE_INFINITY)).toThrow()
  })
})

describe('venue parameters', () => {
  it('are lib/core defaults in WAD (DESIGN.md §4.2 values)', () => {
    const risk = venueRiskParams()
    expect(risk.z).toBe(3_000_000_000_000_000_000n)
    expect(risk.horizonSeconds).toBe(3600n)
    expect(risk.liqFee).toBe(5_000_000_000_000_000n)
    const btc = venueMarketParams(defaultRiskParams.markets.BTC!)
    expect(btc.mmFloor).toBe(5_000_000_000_000_000n)
    expect(btc.sizeSlope).toBe(1_000_000_000n)
    expect(btc.skewScale).toBe(10_000_000_000_000_000_000_000n)
    const guard = venueGuardParams()
    expect(guard.maxAge).toBe(60n)
    expect(guard.maxJump).toBe(100_000_000_000_000_000n)
  })
})
