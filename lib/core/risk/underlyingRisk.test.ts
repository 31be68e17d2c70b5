import { describe, expect, it } from 'vitest'
import { optionPrice } from '../pricing/optionPrice'
import { defaultRiskParams } from './params'
import { prepareAccount } from './prepareAccount'
import type { Account, MarketState, OptionPosition, RiskParams } from './types'
import { underlyingRisk } from './underlyingRisk'

const now = 1_700_000_000
const day = 86_400
const year = 31_536_000
const eth: MarketState = { price: 3_000, conf: 1, vol: 0.6, fundingIndex: 0 }

function risk(partial: Partial<Account>, params: RiskParams = defaultRiskParams, market = eth) {
  const account: Account = { collateral: {}, perps: [], options: [], isolated: [], ...partial }
  const prepared = prepareAccount(account, { now, underlyings: { ETH: market }, collateral: {} }, params)
  return underlyingRisk({ book: prepared.underlyings.ETH!, market, marketParams: params.markets.ETH!, params })
}

const option = (kind: 'call' | 'put', strike: number, size: number, days = 30): OptionPosition => ({
  underlying: 'ETH',
  kind,
  strike,
  expiry: now + days * day,
  size,
})

/** DESIGN.md §4.2 with ETH defaults: max(0.0075, 3 · sigma · sqrt(3600 / yr)) + 1e-9 · G. */
const range = (sigma: number, grossNotional: number) => Math.max(0.0075, 3 * sigma * Math.sqrt(3_600 / year)) + 1e-9 * grossNotional

describe('underlyingRisk', () => {
  it('a short perp: MM = M_mm·|q|·S, worst at +M, all delta', () => {
    const figures = risk({ perps: [{ underlying: 'ETH', size: -4, entryPrice: 2_900, lastFundingIndex: 0 }] })
    const M = range(0.6, 12_000)
    expect(figures.maintenanceRange).toBeCloseTo(M, 15)
    expect(figures.maintenanceMargin).toBeCloseTo(M * 12_000, 9)
    expect(figures.initialMargin).toBeCloseTo(2 * M * 12_000, 9)
    expect(figures.worstMaintenanceScenario).toMatchObject({ priceMove: M, volState: 'down' }) // first of equal PnLs
    expect(figures.worstMaintenanceScenario.attribution.delta).toBeCloseTo(-M * 12_000, 9)
    expect(figures.worstMaintenanceScenario.attribution.residual).toBeCloseTo(0, 9)
  })

  it('the range floor binds when vol is low, and doubling vol doubles a vol-driven range', () => {
    expect(risk({ perps: [{ underlying: 'ETH', size: 1, entryPrice: 3_000, lastFundingIndex: 0 }] }, defaultRiskParams, { ...eth, vol: 0.1 }).maintenanceRange).toBeCloseTo(
      0.0075 + 3e-6,
      15,
    )
    const low = risk({ perps: [{ underlying: 'ETH', size: 1, entryPrice: 3_000, lastFundingIndex: 0 }] }, { ...defaultRiskParams, markets: { ETH: { ...defaultRiskParams.markets.ETH!, sizeSlope: 0 } } })
    const high = risk(
      { perps: [{ underlying: 'ETH', size: 1, entryPrice: 3_000, lastFundingIndex: 0 }] },
      { ...defaultRiskParams, markets: { ETH: { ...defaultRiskParams.markets.ETH!, sizeSlope: 0 } } },
      { ...eth, vol: 1.2 },
    )
    expect(high.maintenanceMargin / low.maintenanceMargin).toBeCloseTo(2, 12)
  })

  it('a synthetic forward (long call, short put, same strike and expiry) is margined as the forward it is', () => {
    const figures = risk({ options: [option('call', 3_200, 5), option('put', 3_200, -5)] })
    // C − P = S − K (r = 0): 5 units of the underlying; G counts both legs, 10 contracts.
    const M = range(0.6, 10 * 3_000)
    expect(figures.maintenanceMargin).toBeCloseTo(5 * 3_000 * M, 6)
    expect(figures.netShortOptionContracts).toBe(0)
    expect(figures.netDelta).toBeCloseTo(5, 12)
    expect(figures.vega).toBeCloseTo(0, 9)
  })

  it('the grid revalues with Black-Scholes at every point (brute force at all 27 MM points)', () => {
    const book = [option('call', 3_300, -7, 14), option('put', 2_700, 3, 45), option('put', 3_300, 2, 14)]
    const figures = risk({ options: book, perps: [{ underlying: 'ETH', size: 1.5, entryPrice: 3_000, lastFundingIndex: 0 }] })
    const M = figures.maintenanceRange
    let worst = Infinity
    for (const vol of [0.6 * 0.8, 0.6, 0.6 * 1.3])
      for (let i = 0; i <= 8; i++) {
        const spot = 3_000 * (1 - M + (M * i) / 4)
        let pnl = 1.5 * (spot - 3_000)
        for (const o of book) {
          const years = (o.expiry - now) / year
          const at = (s: number, v: number) => optionPrice({ kind: o.kind, spot: s, strike: o.strike, years, rate: 0, dividendYield: 0, vol: v })
          pnl += o.size * (at(spot, vol) - at(3_000, 0.6))
        }
        worst = Math.min(worst, pnl)
      }
    // Net short contracts: −7 + 3 + 2 = −2.
    expect(figures.contingency).toBeCloseTo(0.001 * 3_000 * 2, 12)
    expect(figures.maintenanceMargin).toBeCloseTo(-worst + 6, 8)
  })

  it('prices beyond a 100 % range floor at 0: a long put book is worth its discounted strikes there', () => {
    const params: RiskParams = { ...defaultRiskParams, riskFreeRate: 0.05, markets: { ETH: { ...defaultRiskParams.markets.ETH!, mmFloor: 1.5 } } }
    const put = option('put', 2_500, 1, 60)
    const figures = risk({ options: [put], perps: [{ underlying: 'ETH', size: 1, entryPrice: 3_000, lastFundingIndex: 0 }] }, params)
    const years = 60 / 365
    const mark = optionPrice({ kind: 'put', spot: 3_000, strike: 2_500, years, rate: 0.05, dividendYield: 0, vol: 0.6 })
    // At S' = 0: perp loses 3,000, the put gains K·e^(−rT) − mark.
    const atZero = -3_000 + 2_500 * Math.exp(-0.05 * years) - mark
    expect(figures.worstMaintenanceScenario.price).toBe(0)
    expect(figures.worstMaintenanceScenario.pnl).toBeCloseTo(atZero, 8)
  })

  it('every figure is finite for an expired-only book, with delta a step and no other Greek', () => {
    const figures = risk({ options: [option('put', 3_100, -2, -1), option('call', 2_000, 1, 0)] })
    expect(figures.optionValue).toBe(-2 * 100 + 1_000)
    expect(figures.netDelta).toBe(2 + 1)
    expect([figures.gamma, figures.vega, figures.theta, figures.rho]).toEqual([0, 0, 0, 0])
    expect(figures.series.every((s) => s.expired)).toBe(true)
  })
})
