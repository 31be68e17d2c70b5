import { describe, expect, it } from 'vitest'
import { defaultRiskParams } from '@/lib/core/risk/params'
import { baseRange, book, evaluate, markets, noSlopeParams, withPrices } from './gaugeBooks.testing'
import { maxLeverageFor } from './maxLeverageFor'

function expectClose(actual: number | null, expected: number, relative = 1e-12): void {
  expect(actual).not.toBeNull()
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(relative * Math.abs(expected))
}

describe('maxLeverageFor', () => {
  it('is 1 / (imMultiplier · M_mm) for a perp-only book (IM = 2 · M_mm · G)', () => {
    for (const [underlying, size] of [['BTC', 0.5], ['ETH', -4], ['SOL', 100]] as const) {
      const risk = evaluate(book({ perps: [{ underlying, size, entryPrice: markets.underlyings[underlying]!.price, lastFundingIndex: 0 }] }), markets, noSlopeParams)
      expectClose(maxLeverageFor(risk), 1 / (2 * baseRange(underlying, noSlopeParams)))
    }
    // SOL at 5 % vol sits on its 1.25 % floor: 40×; BTC at 50 % vol: ≈ 31.2×.
    expectClose(1 / (2 * baseRange('SOL')), 40)
  })

  it('includes the size slope of the default params: M_mm = M0 + sizeSlope · G', () => {
    const risk = evaluate(book({ perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }] }))
    const range = baseRange('BTC') + defaultRiskParams.markets.BTC!.sizeSlope * 60_000
    expectClose(maxLeverageFor(risk), 1 / (2 * range))
  })

  it('follows imMultiplier', () => {
    const params = { ...noSlopeParams, imMultiplier: 3 }
    const risk = evaluate(book({ perps: [{ underlying: 'ETH', size: 2, entryPrice: 3_000, lastFundingIndex: 0 }] }), markets, params)
    expectClose(maxLeverageFor(risk), 1 / (3 * baseRange('ETH', params)))
  })

  it('is the leverage at which free collateral reaches 0 (book scaled, mix unchanged)', () => {
    const account = book({
      collateral: { USDC: 20_000 },
      perps: [
        { underlying: 'BTC', size: 0.4, entryPrice: 60_000, lastFundingIndex: 0 },
        { underlying: 'ETH', size: -5, entryPrice: 3_000, lastFundingIndex: 0 },
      ],
    })
    const risk = evaluate(account, markets, noSlopeParams)
    const max = maxLeverageFor(risk) as number
    const scale = (max * risk.equity) / risk.grossNotional
    const scaled = evaluate({ ...account, perps: account.perps.map((perp) => ({ ...perp, size: perp.size * scale })) }, markets, noSlopeParams)
    expect(scaled.grossLeverage).toBeCloseTo(max, 9)
    expect(Math.abs(scaled.freeCollateral)).toBeLessThan(1e-9 * scaled.initialMargin)
  })

  it('is a mix-weighted estimate across underlyings: Σ G_m / Σ IM_m', () => {
    const risk = evaluate(
      book({
        perps: [
          { underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 },
          { underlying: 'SOL', size: 400, entryPrice: 150, lastFundingIndex: 0 },
        ],
      }),
      markets,
      noSlopeParams,
    )
    const expected = (60_000 + 60_000) / (2 * baseRange('BTC') * 60_000 + 2 * baseRange('SOL') * 60_000)
    expectClose(maxLeverageFor(risk), expected)
    expect(maxLeverageFor(risk)).toBeGreaterThan(1 / (2 * baseRange('BTC')))
    expect(maxLeverageFor(risk)).toBeLessThan(1 / (2 * baseRange('SOL')))
  })

  it('stays finite when equity is at or below 0 (leverage ∞)', () => {
    const risk = evaluate(book({ perps: [{ underlying: 'ETH', size: 10, entryPrice: 3_000, lastFundingIndex: 0 }] }), withPrices({ ETH: 1_500 }))
    expect(risk.equity).toBeLessThan(0)
    expect(risk.grossLeverage).toBe(Infinity)
    expect(maxLeverageFor(risk)).toBeGreaterThan(0)
    expect(Number.isFinite(maxLeverageFor(risk))).toBe(true)
  })

  it('is null with nothing to scale', () => {
    expect(maxLeverageFor(evaluate(book({})))).toBeNull()
    expect(maxLeverageFor({ grossNotional: 1_000, initialMargin: 0 })).toBeNull()
    expect(maxLeverageFor({ grossNotional: 0, initialMargin: 5 })).toBeNull()
  })
})
