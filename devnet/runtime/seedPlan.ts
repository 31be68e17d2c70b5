import type { Address } from 'viem'
import { createRandomState } from '../../lib/core/math/createRandomState'
import { nextUniform } from '../../lib/core/math/nextUniform'
import { devnetAccount, devnetRoles } from './devnetAccounts'

export type SeedMarketSymbol = 'BTC' | 'ETH' | 'SOL'
export type SeedCollateralSymbol = 'USDC' | 'WETH' | 'wstETH'

/** One seeded account: what it deposits and which positions it opens, in trader units. */
export type SeededAccountPlan = {
  role: 'retail' | 'power user' | 'background'
  address: Address
  /** Whole tokens deposited as collateral (USDC in dollars). */
  deposits: Partial<Record<SeedCollateralSymbol, number>>
  /** Whole tokens left in the wallet, ready for a one-click deposit from the page. */
  wallet: Partial<Record<SeedCollateralSymbol, number>>
  /** Cross-margin perps: signed size in base units (long > 0). */
  perps: { market: SeedMarketSymbol; size: number }[]
  /** Isolated perps: USDC margin moved from the cross account, signed size. */
  isolated: { market: SeedMarketSymbol; margin: number; size: number }[]
}

export type SeedPlanParameters = {
  /** Seed of the background traders' books. */
  seed: number
  /** Prices the sizes are computed from, USD (deployVenue's first prices). */
  prices: Record<SeedMarketSymbol, number>
}

/**
 * Who holds what when the demo starts (issue 5):
 * - **retail** (anvil account 3): 10,000 USDC and one ETH perp long at 5× gross leverage, and
 *   25,000 USDC more in the wallet for the page's one-click deposits;
 * - **power user** (account 4): USDC, WETH and wstETH; BTC and SOL longs and an ETH short in
 *   cross margin, plus an isolated BTC short at about 6× its own margin; 100,000 USDC and 10 WETH
 *   in the wallet;
 * - **background traders** (accounts 5–8): 40–80k USDC each and one or two perps in random
 *   directions at 3–12× gross leverage, drawn from `seed`, so that skew and funding start away
 *   from zero and differ from seed to seed.
 *
 * Pure: the same seed and prices give the same plan (`seedMarket` executes it).
 *
 * @example
 * const plan = seedPlan({ seed: 1, prices: { BTC: 60_000, ETH: 3_000, SOL: 150 } })
 * plan[0] // { role: 'retail', deposits: { USDC: 10000 }, perps: [{ market: 'ETH', size: 16.6667 }], … }
 */
export function seedPlan({ seed, prices }: SeedPlanParameters): SeededAccountPlan[] {
  const round = (value: number, digits: number) => Number(value.toFixed(digits))
  const retailCollateral = 10_000
  const plans: SeededAccountPlan[] = [
    {
      role: 'retail',
      address: devnetAccount(devnetRoles.retail).address,
      deposits: { USDC: retailCollateral },
      wallet: { USDC: 25_000 },
      perps: [{ market: 'ETH', size: round((5 * retailCollateral) / prices.ETH, 4) }],
      isolated: [],
    },
    {
      role: 'power user',
      address: devnetAccount(devnetRoles.powerUser).address,
      deposits: { USDC: 150_000, WETH: 20, wstETH: 15 },
      wallet: { USDC: 100_000, WETH: 10 },
      perps: [
        { market: 'BTC', size: round(120_000 / prices.BTC, 4) },
        { market: 'ETH', size: -round(90_000 / prices.ETH, 3) },
        { market: 'SOL', size: round(60_000 / prices.SOL, 1) },
      ],
      isolated: [{ market: 'BTC', margin: 5_000, size: -round(30_000 / prices.BTC, 4) }],
    },
  ]
  const random = createRandomState(seed)
  const markets: SeedMarketSymbol[] = ['BTC', 'ETH', 'SOL']
  for (const index of devnetRoles.background) {
    const collateral = Math.round(40_000 + 40_000 * nextUniform(random))
    const leverage = 3 + 9 * nextUniform(random)
    const count = nextUniform(random) < 0.5 ? 1 : 2
    const first = Math.floor(3 * nextUniform(random))
    const perps = Array.from({ length: count }, (_, k) => {
      const market = markets[(first + k) % 3] as SeedMarketSymbol
      const side = nextUniform(random) < 0.5 ? -1 : 1
      const notional = (leverage * collateral) / count
      return { market, size: side * round(notional / prices[market], market === 'BTC' ? 4 : 2) }
    })
    plans.push({ role: 'background', address: devnetAccount(index).address, deposits: { USDC: collateral }, wallet: {}, perps, isolated: [] })
  }
  return plans
}
