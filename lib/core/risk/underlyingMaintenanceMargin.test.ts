import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultRiskParams } from './params'
import { prepareAccount } from './prepareAccount'
import { now, referenceMargin, riskInput } from './riskBooks.testing'
import type { Account, Markets, MarketState } from './types'
import { underlyingMaintenanceMargin } from './underlyingMaintenanceMargin'
import { underlyingRisk } from './underlyingRisk'

const year = 31_536_000
const day = 86_400

describe('underlyingMaintenanceMargin', () => {
  it('a perp-only book: MM = M_mm · |q| · S (DESIGN.md §4.2), no option value', () => {
    const market: MarketState = { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 }
    const account: Account = { collateral: {}, perps: [{ underlying: 'BTC', size: -2, entryPrice: 61_000, lastFundingIndex: 0 }], options: [], isolated: [] }
    const prepared = prepareAccount(account, { now, underlyings: { BTC: market }, collateral: {} }, defaultRiskParams)
    const figures = underlyingMaintenanceMargin({ book: prepared.underlyings.BTC!, market, marketParams: defaultRiskParams.markets.BTC!, params: defaultRiskParams })
    const range = Math.max(0.005, 3 * 0.5 * Math.sqrt(3_600 / year)) + 1e-9 * 120_000
    expect(figures.maintenanceRange).toBeCloseTo(range, 15)
    expect(figures.maintenanceMargin).toBeCloseTo(range * 2 * 60_000, 9)
    expect(figures.optionValue).toBe(0)
    expect(figures.contingency).toBe(0)
  })

  it('an option book: MM equals a position-by-position optionPrice revaluation of the 27 scenarios', () => {
    const markets: Markets = { now, underlyings: { ETH: { price: 3_000, conf: 1, vol: 0.6, fundingIndex: 0 } }, collateral: {} }
    const account: Account = {
      collateral: {},
      perps: [{ underlying: 'ETH', size: 1.5, entryPrice: 2_900, lastFundingIndex: 0 }],
      options: [
        { underlying: 'ETH', kind: 'call', strike: 3_300, expiry: now + 14 * day, size: -7 },
        { underlying: 'ETH', kind: 'put', strike: 2_700, expiry: now + 45 * day, size: 3 },
        { underlying: 'ETH', kind: 'put', strike: 3_300, expiry: now + 14 * day, size: 2 },
      ],
      isolated: [],
    }
    const prepared = prepareAccount(account, markets, defaultRiskParams)
    const figures = underlyingMaintenanceMargin({ book: prepared.underlyings.ETH!, market: markets.underlyings.ETH!, marketParams: defaultRiskParams.markets.ETH!, params: defaultRiskParams })
    const reference = referenceMargin(account, markets, defaultRiskParams, 'ETH')
    expect(Math.abs(figures.maintenanceMargin - reference.maintenanceMargin)).toBeLessThanOrEqual(1e-9 * reference.maintenanceMargin)
  })

  it('property: the same MM, option value, range and contingency as underlyingRisk, bit for bit (10,000 accounts)', () => {
    fc.assert(
      fc.property(riskInput, fc.double({ min: 0.2, max: 5, noNaN: true }), ({ account, markets, params }, multiplier) => {
        const prepared = prepareAccount(account, markets, params)
        for (const underlying of Object.keys(prepared.underlyings)) {
          // at the current price and at a moved one, as the liquidation searches use it
          for (const price of [markets.underlyings[underlying]!.price, multiplier * markets.underlyings[underlying]!.price]) {
            const input = { book: prepared.underlyings[underlying]!, market: { ...markets.underlyings[underlying]!, price }, marketParams: params.markets[underlying]!, params }
            const full = underlyingRisk(input)
            const maintenance = underlyingMaintenanceMargin(input)
            expect(maintenance.maintenanceMargin).toBe(full.maintenanceMargin)
            expect(maintenance.optionValue).toBe(full.optionValue)
            expect(maintenance.maintenanceRange).toBe(full.maintenanceRange)
            expect(maintenance.contingency).toBe(full.contingency)
          }
        }
      }),
      { numRuns: 10_000 },
    )
  })
})
