import { describe, expect, it } from 'vitest'
import { defaultOptionTradingParams } from '../../lib/core/market/params'
import { optionFill } from '../../lib/core/market/optionFill'
import { evaluateAccount } from '../../lib/core/risk/evaluateAccount'
import { defaultRiskParams } from '../../lib/core/risk/params'
import type { Account, Markets } from '../../lib/core/risk/types'
import { devnetAccount, devnetRoles } from './devnetAccounts'
import { optionExpiries } from './optionExpiries'
import { optionStrikes } from './optionStrikes'
import { seedPlan, type SeededAccountPlan, type SeededOptionLeg } from './seedPlan'

const prices = { BTC: 60_000, ETH: 3_000, SOL: 150 }
const collateralPrices = { USDC: 1, WETH: 3_000, wstETH: 3_000 * 1.21 }

/** Gross leverage Σ|q·S| / collateral value (no haircut: the trader's own reading of "5×"). */
function grossLeverage(plan: SeededAccountPlan) {
  const collateral = Object.entries(plan.deposits).reduce((sum, [symbol, amount]) => sum + (amount ?? 0) * collateralPrices[symbol as keyof typeof collateralPrices], 0)
  const notional = plan.perps.reduce((sum, { market, size }) => sum + Math.abs(size) * prices[market], 0)
  return notional / collateral
}

describe('seedPlan', () => {
  it('seeds the accounts issue 5 names: retail 5× long ETH in USDC; a power user with mixed collateral, long and short perps on all three markets and an isolated position', () => {
    const [retail, power, ...background] = seedPlan({ seed: 1, prices })
    expect(retail?.address).toBe(devnetAccount(devnetRoles.retail).address)
    expect(retail?.deposits).toEqual({ USDC: 10_000 })
    expect(retail?.perps.map(({ market }) => market)).toEqual(['ETH'])
    expect(retail!.perps[0]!.size).toBeGreaterThan(0)
    expect(grossLeverage(retail!)).toBeCloseTo(5, 3)

    expect(power?.address).toBe(devnetAccount(devnetRoles.powerUser).address)
    expect(Object.keys(power!.deposits).sort()).toEqual(['USDC', 'WETH', 'wstETH'])
    expect(new Set(power!.perps.map(({ market }) => market))).toEqual(new Set(['BTC', 'ETH', 'SOL']))
    expect(power!.perps.some(({ size }) => size > 0) && power!.perps.some(({ size }) => size < 0)).toBe(true)
    expect(power!.isolated).toHaveLength(1)
    expect(background.map((plan) => plan.address)).toEqual(devnetRoles.background.map((index) => devnetAccount(index).address))
  })

  it('draws the background books from the seed: reproducible, different across seeds, 3–12× and inside initial margin', () => {
    expect(seedPlan({ seed: 7, prices })).toEqual(seedPlan({ seed: 7, prices }))
    expect(seedPlan({ seed: 7, prices }).slice(2)).not.toEqual(seedPlan({ seed: 8, prices }).slice(2))
    for (let seed = 0; seed < 50; seed++)
      for (const plan of seedPlan({ seed, prices }).slice(2)) {
        const leverage = grossLeverage(plan)
        expect(leverage).toBeGreaterThan(2.99)
        expect(leverage).toBeLessThan(12.01)
        // IM of a perp-only book is 2·M_mm·notional with M_mm ≥ the market's floor and ≈ 3σ√(1 h):
        // at the seeded vols (≤ 0.85) that is under 10 % of notional, so 12× (8.3 %) fits.
        const worstInitialRange = 2 * Math.max(...Object.values(defaultRiskParams.markets).map((m) => m.mmFloor), 3 * 0.85 * Math.sqrt(3600 / 31_536_000))
        expect(1 / leverage).toBeGreaterThan(worstInitialRange)
      }
  })

  it('gives the power user at least 20 option positions on BTC and ETH, long and short, calls and puts — 20 different series whatever the hour of the week', () => {
    const [retail, power, ...background] = seedPlan({ seed: 3, prices })
    expect(retail!.options).toEqual([])
    for (const plan of background) expect(plan.options).toEqual([])
    const legs = power!.options
    expect(legs.length).toBeGreaterThanOrEqual(20)
    expect(legs.length).toBeLessThanOrEqual(24 - 3) // the venue holds at most 24 series per account: room to trade from the page
    for (const market of ['BTC', 'ETH'] as const)
      for (const kind of ['call', 'put'] as const)
        for (const side of [1, -1]) expect(legs.some((leg) => leg.market === market && leg.kind === kind && Math.sign(leg.size) === side), `${market} ${kind} ${side}`).toBe(true)
    for (const leg of legs) expect(Math.abs(leg.strikeSteps)).toBeLessThanOrEqual(4) // on the listed grid
    // Every hour of a week (Monday 00:00 UTC onwards): the legs resolve to distinct series, so
    // none nets against another when a weekly falls on a daily's day.
    const monday = Date.parse('2026-11-16T00:00:00Z') / 1000
    for (let hour = 0; hour < 7 * 24; hour++) {
      const expiries = optionExpiries({ now: monday + hour * 3600 })
      const series = legs.map((leg) => `${leg.market}/${leg.kind}/${optionStrikes({ market: leg.market, spot: prices[leg.market] }).atTheMoney + leg.strikeSteps * (leg.market === 'BTC' ? 1_000 : 50)}/${expiries[leg.expiry]}`)
      expect(new Set(series).size, `hour ${hour}`).toBe(legs.length)
    }
  })

  it('keeps the power user well inside its margin with the options (lib/core at the seeded prices: MM below 50 % of equity, equity above IM)', () => {
    const power = seedPlan({ seed: 1, prices })[1]!
    const now = Date.parse('2026-11-18T12:00:00Z') / 1000
    const vols = { BTC: 0.55, ETH: 0.65, SOL: 0.85 }
    const expiries = optionExpiries({ now })
    const strikeOf = (leg: SeededOptionLeg) => optionStrikes({ market: leg.market, spot: prices[leg.market] }).atTheMoney + leg.strikeSteps * (leg.market === 'BTC' ? 1_000 : 50)
    let cash = power.deposits.USDC ?? 0
    const options = power.options.map((leg) => {
      const fill = optionFill({ kind: leg.kind, spot: prices[leg.market], strike: strikeOf(leg), years: (expiries[leg.expiry] - now) / 31_536_000, rate: 0, vol: vols[leg.market], size: leg.size, params: defaultOptionTradingParams })
      cash += fill.cashFlow
      return { underlying: leg.market, kind: leg.kind, strike: strikeOf(leg), expiry: expiries[leg.expiry], size: leg.size }
    })
    const isolated = power.isolated[0]!
    const account: Account = {
      collateral: { USDC: cash - isolated.margin, WETH: power.deposits.WETH ?? 0, wstETH: power.deposits.wstETH ?? 0 },
      perps: power.perps.map(({ market, size }) => ({ underlying: market, size, entryPrice: prices[market], lastFundingIndex: 0 })),
      options,
      isolated: [{ id: '1', margin: isolated.margin, perp: { underlying: isolated.market, size: isolated.size, entryPrice: prices[isolated.market], lastFundingIndex: 0 } }],
    }
    const markets: Markets = {
      now,
      underlyings: Object.fromEntries((['BTC', 'ETH', 'SOL'] as const).map((m) => [m, { price: prices[m], conf: prices[m] * 0.0005, vol: vols[m], fundingIndex: 0 }])),
      collateral: { USDC: { price: 1, conf: 0.0001 }, WETH: { price: 3_000, conf: 1.5, linkedUnderlying: 'ETH' }, wstETH: { price: collateralPrices.wstETH, conf: 1.5 * 1.21, linkedUnderlying: 'ETH' } },
    }
    const risk = evaluateAccount(account, markets, defaultRiskParams)
    expect(risk.maintenanceMargin / risk.equity).toBeLessThan(0.5)
    expect(risk.equity).toBeGreaterThan(risk.initialMargin)
    // The options matter: their short legs add to the requirement of a perp-only book.
    const perpOnly = evaluateAccount({ ...account, options: [] }, markets, defaultRiskParams)
    expect(risk.maintenanceMargin).not.toBeCloseTo(perpOnly.maintenanceMargin, 0)
  })
})
