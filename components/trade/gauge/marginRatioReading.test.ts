import { describe, expect, it } from 'vitest'
import { marginRatioReading } from './marginRatioReading'

describe('marginRatioReading', () => {
  it('states the margin ratio in percent out of 100', () => {
    const reading = marginRatioReading(0.42137)
    expect(reading).toMatchObject({ valueNow: 42.14, valueMax: 100, zone: 'safe', liquidatable: false })
    expect(reading.valueText).toBe('42.14 %, liquidation at 100 %')
    expect(reading.fraction).toBe(0.42137)
  })

  it('colours by the 50 % and 80 % boundaries', () => {
    expect(marginRatioReading(0.49).zone).toBe('safe')
    expect(marginRatioReading(0.5).zone).toBe('warn')
    expect(marginRatioReading(0.8).zone).toBe('danger')
  })

  it('is liquidatable only above 100 % (lib/core: equity < MM), and the bar stops at its end', () => {
    expect(marginRatioReading(1).liquidatable).toBe(false)
    const past = marginRatioReading(1.25)
    expect(past).toMatchObject({ valueNow: 125, fraction: 1, zone: 'danger', liquidatable: true })
    expect(past.valueText).toBe('125.00 %, past liquidation at 100 %: liquidatable')
  })

  it('pins ∞ (equity at or below 0) at 100 %, danger', () => {
    const reading = marginRatioReading(Infinity)
    expect(reading).toMatchObject({ valueNow: 100, fraction: 1, zone: 'danger', liquidatable: true })
    expect(reading.valueText).toContain('∞ %')
  })

  it('reads 0 % with no requirement', () => {
    expect(marginRatioReading(0)).toMatchObject({ valueNow: 0, fraction: 0, zone: 'safe' })
  })
})
