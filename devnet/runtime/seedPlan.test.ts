import { describe, expect, it } from 'vitest'
import { defaultRiskParams } from '../../lib/core/risk/params'
import { devnetAccount, devnetRoles } from './devnetAccounts'
import { seedPlan, type SeededAccountPlan } from './seedPlan'

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
})
