import type { Address } from 'viem'
import { createRandomState } from '../../lib/core/math/createRandomState'
import { nextUniform } from '../../lib/core/math/nextUniform'
import { devnetAccount, devnetRoles } from './devnetAccounts'
import type { OptionExpiryName } from './optionExpiries'
import type { OptionMarket } from './optionStrikes'

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
  /** Option positions in the cross account, traded after the perps (`seedMarket` resolves each leg to a listed series). */
  options: SeededOptionLeg[]
}

/**
 * One option position, named the way the keeper lists series (`optionSeriesPlan`): which listed
 * expiry, and the strike as a number of grid steps from the strike nearest spot (BTC 1,000 USD,
 * ETH 50 USD; +2 = two steps above), so the plan holds whatever the chain's time and prices.
 */
export type SeededOptionLeg = {
  market: OptionMarket
  kind: 'call' | 'put'
  expiry: OptionExpiryName
  /** Grid steps from the at-the-money strike, −4 … +4. */
  strikeSteps: number
  /** Signed contracts (1 contract = 1 unit of the underlying); bought > 0, written < 0. */
  size: number
  /** The leg's part in the book, for people reading the plan or the demo state. */
  purpose: string
}

export type SeedPlanParameters = {
  /** Seed of the background traders' books. */
  seed: number
  /** Prices the sizes are computed from, USD (deployVenue's first prices). */
  prices: Record<SeedMarketSymbol, number>
}

/**
 * The power user's option book (issue 8: "a realistic book", at least 20 positions): around a
 * long BTC perp and a short ETH perp, on the listed dailies and weeklies —
 * - BTC: a long call and a call spread (bullish, capped), short OTM puts (income), a long put
 *   (protection for the perp), a short strangle whose delta the perp carries, a long straddle
 *   into the next daily;
 * - ETH: a long call (protection for the short perp), short puts, a put spread, a call written
 *   against the WETH and wstETH collateral, a long call, a calendar spread, a long put.
 * The legs are 20 different series whatever the weekday: a weekly can fall on the same day as a
 * daily, so no (market, kind, strike) is used on both a daily and the next weekly.
 */
const powerUserOptions: SeededOptionLeg[] = [
  { market: 'BTC', kind: 'call', expiry: 'nextWeekly', strikeSteps: 2, size: 1.5, purpose: 'long call' },
  { market: 'BTC', kind: 'call', expiry: 'nextWeekly', strikeSteps: 1, size: 2, purpose: 'call spread, long leg' },
  { market: 'BTC', kind: 'call', expiry: 'nextWeekly', strikeSteps: 4, size: -2, purpose: 'call spread, short leg' },
  { market: 'BTC', kind: 'put', expiry: 'secondDaily', strikeSteps: -3, size: -1, purpose: 'short OTM put' },
  { market: 'BTC', kind: 'put', expiry: 'secondWeekly', strikeSteps: -4, size: -1, purpose: 'short OTM put' },
  { market: 'BTC', kind: 'put', expiry: 'secondWeekly', strikeSteps: -2, size: 1, purpose: 'protective put for the long perp' },
  { market: 'BTC', kind: 'call', expiry: 'nextWeekly', strikeSteps: 3, size: -1, purpose: 'short strangle, call (delta hedged by the perp)' },
  { market: 'BTC', kind: 'put', expiry: 'nextWeekly', strikeSteps: -4, size: -1, purpose: 'short strangle, put (delta hedged by the perp)' },
  { market: 'BTC', kind: 'call', expiry: 'nextDaily', strikeSteps: 0, size: 0.5, purpose: 'long straddle, call' },
  { market: 'BTC', kind: 'put', expiry: 'nextDaily', strikeSteps: 0, size: 0.5, purpose: 'long straddle, put' },
  { market: 'ETH', kind: 'call', expiry: 'nextWeekly', strikeSteps: 2, size: 10, purpose: 'protective call for the short perp' },
  { market: 'ETH', kind: 'put', expiry: 'secondDaily', strikeSteps: -2, size: -10, purpose: 'short OTM put' },
  { market: 'ETH', kind: 'put', expiry: 'secondWeekly', strikeSteps: -4, size: -10, purpose: 'short OTM put' },
  { market: 'ETH', kind: 'put', expiry: 'nextWeekly', strikeSteps: -1, size: 15, purpose: 'put spread, long leg' },
  { market: 'ETH', kind: 'put', expiry: 'nextWeekly', strikeSteps: -3, size: -15, purpose: 'put spread, short leg' },
  { market: 'ETH', kind: 'call', expiry: 'secondWeekly', strikeSteps: 4, size: -10, purpose: 'call written against the WETH collateral' },
  { market: 'ETH', kind: 'call', expiry: 'nextDaily', strikeSteps: 1, size: 5, purpose: 'long call' },
  { market: 'ETH', kind: 'call', expiry: 'secondWeekly', strikeSteps: 0, size: 10, purpose: 'calendar spread, long leg' },
  { market: 'ETH', kind: 'call', expiry: 'secondDaily', strikeSteps: 0, size: -10, purpose: 'calendar spread, short leg' },
  { market: 'ETH', kind: 'put', expiry: 'secondWeekly', strikeSteps: -2, size: 10, purpose: 'long put' },
]

/**
 * Who holds what when the demo starts (issue 5):
 * - **retail** (anvil account 3): 10,000 USDC and one ETH perp long at 5× gross leverage, and
 *   25,000 USDC more in the wallet for the page's one-click deposits;
 * - **power user** (account 4): USDC, WETH and wstETH; BTC and SOL longs and an ETH short in
 *   cross margin, plus an isolated BTC short at about 6× its own margin; 100,000 USDC and 10 WETH
 *   in the wallet; and 20 option positions across BTC and ETH (issue 8: {@link powerUserOptions});
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
      options: [],
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
      options: powerUserOptions,
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
    plans.push({ role: 'background', address: devnetAccount(index).address, deposits: { USDC: collateral }, wallet: {}, perps, isolated: [], options: [] })
  }
  return plans
}
