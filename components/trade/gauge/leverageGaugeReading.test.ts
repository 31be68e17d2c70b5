import { describe, expect, it } from 'vitest'
import { book, evaluate, withPrices } from './gaugeBooks.testing'
import { FALLBACK_GAUGE_MAX, leverageGaugeReading } from './leverageGaugeReading'
import { maxLeverageFor } from './maxLeverageFor'

const longEth = (size: number, usdc: number) =>
  book({ collateral: { USDC: usdc }, perps: [{ underlying: 'ETH', size, entryPrice: 3_000, lastFundingIndex: 0 }] })

describe('leverageGaugeReading', () => {
  it('states the true leverage against the IM-bound maximum', () => {
    const risk = evaluate(longEth(10, 6_000)) // 30,000 USD of ETH on 6,000 USD: 5×
    const reading = leverageGaugeReading(risk)
    const max = maxLeverageFor(risk) as number
    expect(reading.valueNow).toBe(5)
    expect(reading.valueMax).toBe(Math.round(max * 100) / 100)
    expect(reading.valueText).toBe(`5.00× of ${max.toFixed(1)}× max`)
    expect(reading.fraction).toBeCloseTo(5 / max, 12)
    expect(reading).toMatchObject({ zone: 'safe', pinned: false, leverage: 5 })
  })

  it('rounds aria-valuenow to 2 decimals and keeps the true value beside it', () => {
    const risk = evaluate(longEth(10, 5_976))
    const reading = leverageGaugeReading(risk)
    expect(reading.leverage).toBe(risk.grossLeverage)
    expect(reading.valueNow).toBe(5.02)
    expect(reading.valueText.startsWith('5.02× of ')).toBe(true)
  })

  it('colours by margin ratio; with default params the warn zone starts at the maximum (MM / IM = ½)', () => {
    const risk = evaluate(longEth(10, 6_000))
    const reading = leverageGaugeReading(risk)
    expect(reading.bands?.warnFrom).toBeCloseTo(1, 12)
    expect(reading.bands?.dangerFrom).toBeCloseTo(1.6, 12)
    // Past the maximum: free collateral < 0, margin ratio > 50 %.
    const over = evaluate(longEth(10, 3_000 * 10 * 0.035 * 0.95))
    expect(over.freeCollateral).toBeLessThan(0)
    const overReading = leverageGaugeReading(over)
    expect(overReading).toMatchObject({ zone: 'warn', pinned: true, fraction: 1 })
    expect(overReading.valueNow).toBe(Math.round(over.grossLeverage * 100) / 100)
    expect(overReading.valueNow).toBeGreaterThan(overReading.valueMax)
    expect(overReading.valueText).toMatch(/above it: free collateral is negative$/)
  })

  it('is danger from an 80 % margin ratio', () => {
    const risk = evaluate(longEth(10, 6_000), withPrices({ ETH: 2_455 }))
    expect(risk.marginRatio).toBeGreaterThanOrEqual(0.8)
    expect(risk.liquidatable).toBe(false)
    expect(leverageGaugeReading(risk).zone).toBe('danger')
  })

  it('renders infinite leverage (equity <= 0) as ∞ pinned at the max, danger', () => {
    const risk = evaluate(longEth(10, 6_000), withPrices({ ETH: 2_000 }))
    expect(risk.grossLeverage).toBe(Infinity)
    const reading = leverageGaugeReading(risk)
    expect(reading).toMatchObject({ zone: 'danger', pinned: true, fraction: 1 })
    expect(reading.valueNow).toBe(reading.valueMax)
    expect(reading.valueText).toBe(`∞× (equity at or below 0) of ${(maxLeverageFor(risk) as number).toFixed(1)}× max`)
  })

  it('falls back to a drawing scale without positions, and says why', () => {
    const reading = leverageGaugeReading(evaluate(book({})))
    expect(reading).toMatchObject({ valueNow: 0, valueMax: FALLBACK_GAUGE_MAX, max: null, fraction: 0, zone: 'safe', pinned: false, bands: null })
    expect(reading.valueText).toBe('0.00×, no open cross positions')
  })
})
