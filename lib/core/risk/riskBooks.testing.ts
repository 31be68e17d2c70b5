/**
 * Test-only helpers for the margin model: random valid (account, markets, params) triples for
 * fast-check, and a slow, independent reference of DESIGN.md §4.2 written straight from the spec
 * (one `optionPrice` call per position per scenario, no batching, no aggregation, no shared code
 * with `underlyingRisk`).
 */
import fc from 'fast-check'
import { optionPrice } from '../pricing/optionPrice'
import { defaultRiskParams } from './params'
import type { Account, MarketState, Markets, OptionPosition, PerpPosition, RiskParams } from './types'

export const now = 1_700_000_000
const day = 86_400
const year = 31_536_000

export type RiskInput = { account: Account; markets: Markets; params: RiskParams }

/** 10^e for e uniform in [lo, hi]: magnitudes spread over many decades. */
function logUniform(lo: number, hi: number): fc.Arbitrary<number> {
  return fc.double({ min: lo, max: hi, noNaN: true }).map((e) => 10 ** e)
}

const signed = (magnitude: fc.Arbitrary<number>) =>
  fc.tuple(fc.boolean(), magnitude).map(([negative, m]) => (negative ? -m : m))

const marketState: fc.Arbitrary<MarketState> = fc.record({
  price: logUniform(-3, 6),
  conf: fc.double({ min: 0, max: 0.01, noNaN: true }),
  vol: fc.double({ min: 0.02, max: 3, noNaN: true }),
  fundingIndex: fc.double({ min: -1_000, max: 1_000, noNaN: true }),
})

const underlyingNames = ['BTC', 'ETH', 'SOL'] as const
const optionUnderlyings = ['BTC', 'ETH'] as const

/** Random risk params within their valid domain; often the defaults. */
const riskParams: fc.Arbitrary<RiskParams> = fc.oneof(
  fc.constant(defaultRiskParams),
  fc
    .record({
      z: fc.double({ min: 0, max: 6, noNaN: true }),
      horizonSeconds: fc.double({ min: 0, max: 7 * day, noNaN: true }),
      imMultiplier: fc.double({ min: 1, max: 4, noNaN: true }),
      volUp: fc.double({ min: 0, max: 1.5, noNaN: true }),
      volDown: fc.double({ min: 0, max: 0.95, noNaN: true }),
      imVolShockMultiplier: fc.double({ min: 1, max: 3, noNaN: true }),
      maxImVolDown: fc.double({ min: 0, max: 0.95, noNaN: true }),
      shortOptionContingency: fc.double({ min: 0, max: 0.01, noNaN: true }),
      riskFreeRate: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
      mmFloor: fc.double({ min: 0, max: 0.2, noNaN: true }),
      // Up to 1e-5 per USD: large books then get ranges above 100 % (prices floored at 0).
      sizeSlope: fc.oneof(fc.constant(0), logUniform(-12, -5)),
      haircut: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(
      (p): RiskParams => ({
        ...defaultRiskParams,
        z: p.z,
        horizonSeconds: p.horizonSeconds,
        imMultiplier: p.imMultiplier,
        volUp: p.volUp,
        volDown: p.volDown,
        imVolShockMultiplier: p.imVolShockMultiplier,
        maxImVolDown: p.maxImVolDown,
        shortOptionContingency: p.shortOptionContingency,
        riskFreeRate: p.riskFreeRate,
        markets: Object.fromEntries(
          underlyingNames.map((m) => [m, { ...defaultRiskParams.markets[m]!, mmFloor: p.mmFloor, sizeSlope: p.sizeSlope }]),
        ),
        collateral: { USDC: { haircut: 0 }, WETH: { haircut: p.haircut }, wstETH: { haircut: Math.min(1, p.haircut * 1.2) } },
      }),
    ),
)

function perpOn(markets: Markets): fc.Arbitrary<PerpPosition> {
  return fc
    .record({
      underlying: fc.constantFrom(...underlyingNames),
      size: signed(logUniform(-3, 4)),
      entry: fc.double({ min: 0.3, max: 2, noNaN: true }),
      funding: fc.double({ min: -1_000, max: 1_000, noNaN: true }),
    })
    .map(({ underlying, size, entry, funding }) => ({
      underlying,
      size,
      entryPrice: markets.underlyings[underlying]!.price * entry,
      lastFundingIndex: funding,
    }))
}

function optionOn(markets: Markets): fc.Arbitrary<OptionPosition> {
  return fc
    .record({
      underlying: fc.constantFrom(...optionUnderlyings),
      kind: fc.constantFrom('call' as const, 'put' as const),
      moneyness: fc.double({ min: 0.3, max: 3, noNaN: true }),
      // Expired (unsettled) down to one second and up to two years out.
      expiresIn: fc.oneof(fc.integer({ min: -3 * day, max: 0 }), fc.integer({ min: 1, max: 2 * year })),
      size: signed(logUniform(-2, 3)),
      entry: fc.option(fc.oneof(fc.constant(0), fc.double({ min: 1e-4, max: 0.3, noNaN: true })), { nil: undefined }),
      // A small strike grid so that some positions share a series.
      grid: fc.boolean(),
    })
    .map(({ underlying, kind, moneyness, expiresIn, size, entry, grid }) => {
      const spot = markets.underlyings[underlying]!.price
      const option: OptionPosition = {
        underlying,
        kind,
        strike: grid ? spot * (0.9 + 0.1 * Math.round(moneyness)) : spot * moneyness,
        expiry: grid ? now + 30 * day : now + expiresIn,
        size,
      }
      if (entry !== undefined) option.entryPrice = spot * entry
      return option
    })
}

/** Random valid triples: up to 4 perps, 6 options and 2 isolated positions; equity of any sign. */
export const riskInput: fc.Arbitrary<RiskInput> = fc
  .record({
    BTC: marketState,
    ETH: marketState,
    SOL: marketState,
    usdcConf: fc.double({ min: 0, max: 0.01, noNaN: true }),
    ethPerWsteth: fc.double({ min: 1, max: 1.3, noNaN: true }),
    params: riskParams,
  })
  .chain(({ BTC, ETH, SOL, usdcConf, ethPerWsteth, params }) => {
    const markets: Markets = {
      now,
      underlyings: { BTC, ETH, SOL },
      collateral: {
        USDC: { price: 1, conf: usdcConf },
        WETH: { price: ETH.price, conf: ETH.conf, linkedUnderlying: 'ETH' },
        wstETH: { price: ETH.price * ethPerWsteth, conf: ETH.conf, linkedUnderlying: 'ETH' },
      },
    }
    return fc.record({
      account: fc.record({
        collateral: fc.record(
          { USDC: signed(logUniform(-2, 7)), WETH: logUniform(-3, 3), wstETH: logUniform(-3, 3) },
          { requiredKeys: [] },
        ),
        perps: fc.array(perpOn(markets), { maxLength: 4 }),
        options: fc.array(optionOn(markets), { maxLength: 6 }),
        isolated: fc.uniqueArray(
          fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), margin: fc.double({ min: -1e3, max: 1e6, noNaN: true }), perp: perpOn(markets) }),
          { maxLength: 2, selector: (p) => p.id },
        ),
      }),
      markets: fc.constant(markets),
      params: fc.constant(params),
    })
  })

export type ReferenceMargin = { maintenanceMargin: number; initialMargin: number; grossNotional: number }

/**
 * DESIGN.md §4.2 for the cross positions of `underlying`, written out directly: every scenario
 * revalues every position with `optionPrice` (expired options at intrinsic value, prices floored
 * at 0 where a call is worth 0 and a put K·e^(−rT)), relative to its `optionPrice` mark.
 * IM here is the grid figure without the `max(MM, ·)` guard.
 */
export function referenceMargin(account: Account, markets: Markets, params: RiskParams, underlying: string): ReferenceMargin {
  const { price: spot, vol } = markets.underlyings[underlying]!
  const { mmFloor, sizeSlope } = params.markets[underlying]!
  const perps = account.perps.filter((p) => p.underlying === underlying)
  const options = account.options.filter((o) => o.underlying === underlying)

  let grossNotional = 0
  for (const p of perps) grossNotional += Math.abs(p.size) * spot
  for (const o of options) grossNotional += Math.abs(o.size) * spot

  const value = (o: OptionPosition, s: number, v: number) => {
    const years = (o.expiry - markets.now) / year
    if (years <= 0) return o.kind === 'call' ? Math.max(0, s - o.strike) : Math.max(0, o.strike - s)
    if (s === 0) return o.kind === 'call' ? 0 : o.strike * Math.exp(-params.riskFreeRate * years)
    return optionPrice({ kind: o.kind, spot: s, strike: o.strike, years, rate: params.riskFreeRate, dividendYield: 0, vol: v })
  }

  const worstLoss = (range: number, down: number, up: number) => {
    let worst = Infinity
    for (const v of [vol * (1 - down), vol, vol * (1 + up)]) {
      for (let i = 0; i <= 8; i++) {
        const move = -range + (2 * range * i) / 8
        const shocked = Math.max(0, spot * (1 + move))
        let pnl = 0
        for (const p of perps) pnl += p.size * (shocked - spot)
        for (const o of options) pnl += o.size * (value(o, shocked, v) - value(o, spot, vol))
        worst = Math.min(worst, pnl)
      }
    }
    return Math.max(0, -worst)
  }

  let netOptionSize = 0
  for (const o of options) netOptionSize += o.size
  const contingency = params.shortOptionContingency * spot * Math.max(0, -netOptionSize)
  const maintenanceRange = Math.max(mmFloor, params.z * vol * Math.sqrt(params.horizonSeconds / year)) + sizeSlope * grossNotional
  const k = params.imVolShockMultiplier
  return {
    maintenanceMargin: worstLoss(maintenanceRange, params.volDown, params.volUp) + contingency,
    initialMargin:
      worstLoss(params.imMultiplier * maintenanceRange, Math.min(k * params.volDown, params.maxImVolDown), k * params.volUp) +
      contingency,
    grossNotional,
  }
}
