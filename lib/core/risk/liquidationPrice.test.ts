import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CoreError, InvalidInputError, UnknownMarketError } from '../errors'
import { brent } from '../math/brent'
import { evaluateAccount } from './evaluateAccount'
import { liquidationPrice, type LiquidationLevel, type LiquidationPrices, type NoLiquidationPrice } from './liquidationPrice'
import { movePrices } from './movePrices.testing'
import { defaultRiskParams } from './params'
import { now, riskInput } from './riskBooks.testing'
import type { Account, Markets, RiskParams } from './types'
import { corruptInput } from './corruptInput.testing'

const day = 86_400

/**
 * Params under which the model reduces to a fixed maintenance fraction `l` of notional, as on
 * Hyperliquid and dYdX: no vol-scaled range (z = 0), mmFloor = l, no size slope.
 */
function fixedFraction(l: number): RiskParams {
  const markets = Object.fromEntries(
    Object.entries(defaultRiskParams.markets).map(([m, p]) => [m, { ...p, mmFloor: l, sizeSlope: 0 }]),
  )
  return { ...defaultRiskParams, z: 0, markets }
}

function market(price: number, vol = 0.6): Markets['underlyings'][string] {
  return { price, conf: 0, vol, fundingIndex: 0 }
}

const usdOnly = { USDC: { price: 1, conf: 0 } }

function cushionAt(account: Account, markets: Markets, params: RiskParams, prices: Record<string, number>) {
  const risk = evaluateAccount(account, movePrices(markets, prices), params)
  return { cushion: risk.equity - risk.maintenanceMargin, risk }
}

/** |A − MM| must vanish relative to the figures that make it up. */
function scaleOf(risk: ReturnType<typeof evaluateAccount>): number {
  let collateral = 0
  for (const c of Object.values(risk.collateral)) collateral += Math.abs(c.value)
  return Math.abs(risk.equity) + risk.maintenanceMargin + risk.grossNotional + collateral + Math.abs(risk.optionValue)
}

function isLevel(side: LiquidationLevel | NoLiquidationPrice): side is LiquidationLevel {
  return side.price !== null
}

describe('liquidationPrice — published formulas', () => {
  test("Hyperliquid's isolated formula: liq = price − side·margin_available/size/(1 − l·side)", () => {
    // Hyperliquid docs, Trading › Liquidations › "Computing liquidation price" (hyperliquid.gitbook.io):
    // margin_available = isolated_margin − maintenance_margin_required, l = 1/maintenance_leverage,
    // maintenance margin = half the initial margin at max leverage. BTC at 40× max: l = 1/80.
    const l = 1 / 80
    const account: Account = {
      collateral: { USDC: 0 },
      perps: [],
      options: [],
      isolated: [{ id: 'btc-long', margin: 2_000, perp: { underlying: 'BTC', size: 0.5, entryPrice: 60_000, lastFundingIndex: 0 } }],
    }
    const markets: Markets = { now, underlyings: { BTC: market(62_000) }, collateral: usdOnly }
    const result = liquidationPrice({ account, markets, params: fixedFraction(l) })
    // position value (margin + unrealized PnL) = 2,000 + 0.5·2,000 = 3,000; MM = l·0.5·62,000 = 387.5
    const marginAvailable = 3_000 - l * 0.5 * 62_000
    const hyperliquid = 62_000 - (1 * marginAvailable) / 0.5 / (1 - l * 1)
    const below = result.isolated[0]!.below
    expect(isLevel(below)).toBe(true)
    expect((below as LiquidationLevel).price).toBeCloseTo(hyperliquid, 8) // 56,708.86…
    expect(result.isolated[0]!.above).toEqual({ price: null, reason: 'noneInRange' })
  })

  test("property: Hyperliquid's formula for random isolated positions, long and short (1e-9 relative)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, -1),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 10, max: 1e5, noNaN: true }),
        fc.double({ min: 0.7, max: 1.3, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 3, max: 50 }),
        (side, size, price, entryRatio, marginRatio, maxLeverage) => {
          const l = 1 / (2 * maxLeverage)
          const entryPrice = price * entryRatio
          const margin = marginRatio * size * price
          const positionValue = margin + side * size * (price - entryPrice)
          const marginAvailable = positionValue - l * size * price
          fc.pre(marginAvailable > 0)
          const hyperliquid = price - (side * marginAvailable) / size / (1 - l * side)
          fc.pre(hyperliquid > 0.011 * price && hyperliquid < 99 * price)
          const account: Account = {
            collateral: {},
            perps: [],
            options: [],
            isolated: [{ id: 'p', margin, perp: { underlying: 'ETH', size: side * size, entryPrice, lastFundingIndex: 0 } }],
          }
          const markets: Markets = { now, underlyings: { ETH: market(price) }, collateral: usdOnly }
          const result = liquidationPrice({ account, markets, params: fixedFraction(l) }).isolated[0]!
          const level = side > 0 ? result.below : result.above
          expect(level.price).not.toBeNull()
          expect(Math.abs((level.price as number) - hyperliquid)).toBeLessThanOrEqual(1e-9 * hyperliquid)
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test("Hyperliquid's cross formula (margin_available = account_value − maintenance_margin_required)", () => {
    const l = 1 / 100 // 50× max leverage
    const account: Account = {
      collateral: { USDC: 5_000 },
      perps: [{ underlying: 'SOL', size: -200, entryPrice: 150, lastFundingIndex: 0 }],
      options: [],
      isolated: [],
    }
    const markets: Markets = { now, underlyings: { SOL: market(145) }, collateral: usdOnly }
    const accountValue = 5_000 + -200 * (145 - 150)
    const marginAvailable = accountValue - l * 200 * 145
    const hyperliquid = 145 - (-1 * marginAvailable) / 200 / (1 - l * -1)
    const result = liquidationPrice({ account, markets, params: fixedFraction(l) })
    expect(result.underlyings.SOL!.above.price).toBeCloseTo(hyperliquid, 9)
    expect(result.perps[0]).toBe(result.underlyings.SOL)
  })

  test("dYdX's documented example: short 3 ETH at 3,000 on 1,000 USDC, MMF 5 % → 10,000/3.15 ≈ 3,174.60", () => {
    // dYdX v4 documentation, Trading › Liquidations › "Isolated Liquidation Price":
    // p' = (e − s·p) / (|s|·MMF − s) = (1000 − (−3·3000)) / (3·0.05 − (−3)) = 10000 / 3.15 ≈ 3174.60,
    // "the trader's remaining equity would be 5 % of the notional value of the position or $476.2".
    const account: Account = {
      collateral: { USDC: 1_000 },
      perps: [{ underlying: 'ETH', size: -3, entryPrice: 3_000, lastFundingIndex: 0 }],
      options: [],
      isolated: [],
    }
    const markets: Markets = { now, underlyings: { ETH: market(3_000) }, collateral: usdOnly }
    const params = fixedFraction(0.05)
    const result = liquidationPrice({ account, markets, params })
    const above = result.underlyings.ETH!.above as LiquidationLevel
    expect(above.price).toBeCloseTo(10_000 / 3.15, 9)
    expect(above.price.toFixed(2)).toBe('3174.60')
    expect(above.method).toBe('closedForm')
    const { risk } = cushionAt(account, markets, params, { ETH: above.price })
    expect(risk.maintenanceMargin.toFixed(1)).toBe('476.2')
    expect(risk.equity).toBeCloseTo(risk.maintenanceMargin, 9)
    // and the same position isolated on 1,000 USDC of margin
    const isolated = liquidationPrice({
      account: { collateral: {}, perps: [], options: [], isolated: [{ id: 'x', margin: 1_000, perp: account.perps[0]! }] },
      markets,
      params,
    })
    expect(isolated.isolated[0]!.above.price).toBeCloseTo(10_000 / 3.15, 9)
  })
})

describe('liquidationPrice — the model', () => {
  test('default params: the size slope makes MM quadratic in S, and the closed form solves it exactly', () => {
    // A whale: 2,000 BTC long, the slope adds 1e-9·G = 12 % of range at 60,000.
    const account: Account = {
      collateral: { USDC: 40_000_000 },
      perps: [{ underlying: 'BTC', size: 2_000, entryPrice: 60_000, lastFundingIndex: 0 }],
      options: [],
      isolated: [],
    }
    const markets: Markets = { now, underlyings: { BTC: market(60_000, 0.5) }, collateral: usdOnly }
    const { below } = liquidationPrice({ account, markets, params: defaultRiskParams }).underlyings.BTC!
    expect(below.price).not.toBeNull()
    // A second method: Brent on the re-evaluated account (evaluateAccount at each trial price).
    const f = (price: number) => cushionAt(account, markets, defaultRiskParams, { BTC: price }).cushion
    const reference = brent({ f, lower: 1_000, upper: 60_000, relativeTolerance: 1e-15 }).root
    expect(Math.abs((below.price as number) - reference)).toBeLessThanOrEqual(1e-9 * reference)
  })

  test('collateral linked to the underlying moves with it: a short BTC on WETH has an ETH liquidation price', () => {
    const account: Account = {
      collateral: { WETH: 10 },
      perps: [{ underlying: 'BTC', size: -1, entryPrice: 60_000, lastFundingIndex: 0 }],
      options: [],
      isolated: [],
    }
    const markets: Markets = {
      now,
      underlyings: { BTC: market(60_000, 0.5), ETH: market(3_000, 0.7) },
      collateral: { USDC: { price: 1, conf: 0 }, WETH: { price: 3_000, conf: 3, linkedUnderlying: 'ETH' } },
    }
    const result = liquidationPrice({ account, markets, params: defaultRiskParams })
    const eth = result.underlyings.ETH!
    expect(eth.below.price).not.toBeNull()
    expect(eth.above).toEqual({ price: null, reason: 'noneInRange' })
    // collateral value 10·(3000 − 3)·0.9 = 26,973 must fall to MM of the BTC short
    const { cushion, risk } = cushionAt(account, markets, defaultRiskParams, { ETH: eth.below.price as number })
    expect(Math.abs(cushion)).toBeLessThanOrEqual(1e-9 * scaleOf(risk))
    expect(result.underlyings.BTC!.above.price).not.toBeNull()
  })

  test('a short straddle is liquidated on both sides; both prices re-evaluate to equity = MM', () => {
    const account: Account = {
      collateral: { USDC: 8_000 },
      perps: [],
      options: [
        { underlying: 'BTC', kind: 'call', strike: 60_000, expiry: now + 7 * day, size: -1 },
        { underlying: 'BTC', kind: 'put', strike: 60_000, expiry: now + 7 * day, size: -1 },
      ],
      isolated: [],
    }
    const markets: Markets = { now, underlyings: { BTC: market(60_000, 0.5) }, collateral: usdOnly }
    const result = liquidationPrice({ account, markets, params: defaultRiskParams })
    const btc = result.underlyings.BTC!
    expect(btc.below).toMatchObject({ method: 'brent' })
    expect(btc.above).toMatchObject({ method: 'brent' })
    for (const side of [btc.below, btc.above]) {
      const { cushion, risk } = cushionAt(account, markets, defaultRiskParams, { BTC: side.price as number })
      expect(Math.abs(cushion)).toBeLessThanOrEqual(1e-9 * scaleOf(risk))
    }
    expect(result.options[0]).toBe(btc)
    // distance in horizon sigmas: ln(S_liq/S) / (0.5·√(3600/31,536,000))
    const below = btc.below as LiquidationLevel
    expect(below.distanceSigmas).toBeCloseTo(Math.log(below.price / 60_000) / (0.5 * Math.sqrt(3600 / 31_536_000)), 12)
    expect(below.distance).toBeCloseTo(below.price / 60_000 - 1, 15)
  })

  test('reasons: already liquidatable, no exposure, none in range', () => {
    const markets: Markets = { now, underlyings: { BTC: market(60_000), ETH: market(3_000) }, collateral: usdOnly }
    const underwater = liquidationPrice({
      account: { collateral: { USDC: 10 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] },
      markets,
      params: defaultRiskParams,
    })
    expect(underwater.underlyings.BTC).toMatchObject({
      below: { price: null, reason: 'alreadyLiquidatable' },
      above: { price: null, reason: 'alreadyLiquidatable' },
    })
    const flat = liquidationPrice({
      account: {
        collateral: { USDC: 1_000 },
        perps: [
          { underlying: 'ETH', size: 1, entryPrice: 3_000, lastFundingIndex: 0 },
          { underlying: 'ETH', size: -1, entryPrice: 3_100, lastFundingIndex: 0 },
        ],
        options: [],
        isolated: [],
      },
      markets,
      params: defaultRiskParams,
    })
    expect(flat.underlyings.ETH!.below).toEqual({ price: null, reason: 'noExposure' })
    const unlevered = liquidationPrice({
      account: { collateral: { USDC: 1e6 }, perps: [{ underlying: 'BTC', size: -0.1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] },
      markets,
      params: defaultRiskParams,
    })
    expect(unlevered.underlyings.BTC!.above).toEqual({ price: null, reason: 'noneInRange' })
  })

  test('property: equity = MM at every reported liquidation price (re-evaluated), never NaN', () => {
    fc.assert(
      fc.property(riskInput, ({ account, markets, params }) => {
        const result = liquidationPrice({ account, markets, params })
        const books: LiquidationPrices[] = [...Object.values(result.underlyings), ...result.isolated]
        for (const [i, book] of books.entries()) {
          for (const side of [book.below, book.above]) {
            if (side.price === null) {
              expect(['noneInRange', 'alreadyLiquidatable', 'noExposure']).toContain(side.reason)
              continue
            }
            expect(Number.isFinite(side.price) && Number.isFinite(side.distance)).toBe(true)
            // ±Infinity only when sigma·√horizon underflows to 0 (a horizon of ~1e-300 s)
            expect(Number.isNaN(side.distanceSigmas)).toBe(false)
            const risk = evaluateAccount(account, movePrices(markets, { [book.underlying]: side.price }), params)
            const isolatedIndex = i - Object.keys(result.underlyings).length
            const position = isolatedIndex >= 0 ? risk.isolated[isolatedIndex]! : risk
            const cushion = position.equity - position.maintenanceMargin
            const scale = isolatedIndex >= 0 ? scaleOfIsolated(risk.isolated[isolatedIndex]!) : scaleOf(risk)
            expect(Math.abs(cushion)).toBeLessThanOrEqual(1e-9 * scale)
          }
        }
      }),
      { numRuns: 10_000 },
    )
  })

  test('property: more collateral never moves a liquidation price closer', () => {
    // Closeness of a side to the spot: 0 when already liquidatable, |ln(S_liq/S)|, or ∞ with none.
    const distance = (side: LiquidationLevel | NoLiquidationPrice, spot: number) =>
      side.price !== null ? Math.abs(Math.log(side.price / spot)) : side.reason === 'alreadyLiquidatable' ? 0 : Infinity
    // At most 3 options per book: two liquidation searches per case, keep the file fast.
    const smallerBooks = riskInput.map((input) => ({ ...input, account: { ...input.account, options: input.account.options.slice(0, 3) } }))
    fc.assert(
      fc.property(
        smallerBooks,
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.constantFrom('USDC', 'WETH'),
        ({ account, markets, params }, extra, asset) => {
          const before = liquidationPrice({ account, markets, params })
          const richer = { ...account, collateral: { ...account.collateral, [asset]: (account.collateral[asset] ?? 0) + extra } }
          const after = liquidationPrice({ account: richer, markets, params })
          for (const [underlying, was] of Object.entries(before.underlyings)) {
            const is = after.underlyings[underlying]!
            for (const key of ['below', 'above'] as const)
              expect(distance(is[key], was.spot)).toBeGreaterThanOrEqual(distance(was[key], was.spot) * (1 - 1e-9))
          }
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → typed errors', () => {
    const account: Account = { collateral: { USDC: 1_000 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 1, lastFundingIndex: 0 }], options: [], isolated: [] }
    const markets: Markets = { now, underlyings: { BTC: market(60_000) }, collateral: usdOnly }
    expect(() => liquidationPrice({ account, markets: { ...markets, underlyings: { BTC: market(Number.NaN) } }, params: defaultRiskParams })).toThrow(
      InvalidInputError,
    )
    expect(() =>
      liquidationPrice({ account: { ...account, perps: [{ ...account.perps[0]!, underlying: 'DOGE' }] }, markets, params: defaultRiskParams }),
    ).toThrow(UnknownMarketError)
    expect(() => liquidationPrice({ account, markets, params: defaultRiskParams, horizonSeconds: 0 })).toThrow(InvalidInputError)
    expect(() => liquidationPrice({ account, markets, params: defaultRiskParams, searchRange: { low: 2, high: 3 } })).toThrow(InvalidInputError)
    expect(() => liquidationPrice({ account, markets, params: defaultRiskParams, searchRange: { low: 0.5, high: Infinity } })).toThrow(
      InvalidInputError,
    )
  })

  test('property: random invalid input → a typed error, never a figure', () => {
    fc.assert(
      fc.property(corruptInput, ({ account, markets, params }) => {
        expect(() => liquidationPrice({ account, markets, params })).toThrow(CoreError)
      }),
      { numRuns: 10_000 },
    )
  })
})

function scaleOfIsolated(position: ReturnType<typeof evaluateAccount>['isolated'][number]): number {
  return Math.abs(position.equity) + position.maintenanceMargin + position.position.notional + Math.abs(position.marginValue)
}
