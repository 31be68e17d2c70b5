import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidInputError, UnknownMarketError } from '../errors'
import { optionPrice } from '../pricing/optionPrice'
import { defaultRiskParams } from './params'
import { now, referenceMargin, riskInput } from './riskBooks.testing'
import { scenarioGrid, type ScenarioCell } from './scenarioGrid'
import type { Account, Markets, OptionPosition } from './types'
import { underlyingRisk } from './underlyingRisk'
import { prepareAccount } from './prepareAccount'

const day = 86_400
const year = 31_536_000

const markets: Markets = {
  now,
  underlyings: {
    BTC: { price: 60_000, conf: 20, vol: 0.5, fundingIndex: 120 },
    ETH: { price: 3_000, conf: 1.5, vol: 0.6, fundingIndex: -5 },
    SOL: { price: 150, conf: 0.05, vol: 0.8, fundingIndex: 0 },
  },
  collateral: {
    USDC: { price: 1, conf: 0 },
    WETH: { price: 3_000, conf: 1.5, linkedUnderlying: 'ETH' },
    wstETH: { price: 3_500, conf: 2, linkedUnderlying: 'ETH' },
  },
}

const account = (partial: Partial<Account>): Account => ({ collateral: {}, perps: [], options: [], isolated: [], ...partial })

function expectClose(actual: number, expected: number, absolute: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(absolute)
}

/** DESIGN.md §4.2 for a perp book: M_mm = max(mmFloor, z·sigma·√(h/yr)) + sizeSlope·G, MM = M_mm·|q|·S. */
function perpMaintenance(size: number, price: number, vol: number, mmFloor: number): number {
  const notional = Math.abs(size) * price
  return (Math.max(mmFloor, 3 * vol * Math.sqrt(3_600 / year)) + 1e-9 * notional) * notional
}

const cellsOf = (grid: { cells: ScenarioCell[][] }) => grid.cells.flat()

describe('scenarioGrid', () => {
  // A leveraged BTC long beside an ETH short: equity 10,000 + 0 (entry at the price) − funding.
  const perpBook = account({
    collateral: { USDC: 10_000 },
    perps: [
      { underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 120 },
      { underlying: 'ETH', size: -2, entryPrice: 3_000, lastFundingIndex: -5 },
    ],
  })

  it('a perp book: P&L = q·S·x in every cell; MM, margin ratio and liquidation re-evaluated in closed form at the shocked price and vol', () => {
    const grid = scenarioGrid({ account: perpBook, markets, params: defaultRiskParams, underlying: 'BTC' })
    const ethMaintenance = perpMaintenance(-2, 3_000, 0.6, 0.0075)
    expectClose(grid.equity, 10_000, 1e-9)
    let liquidatable = 0
    for (const cell of cellsOf(grid)) {
      const price = 60_000 * (1 + cell.priceMove)
      const vol = 0.5 * (1 + cell.volShock)
      expectClose(cell.price, price, 1e-9)
      expectClose(cell.vol, vol, 1e-15)
      expectClose(cell.pnl, 60_000 * cell.priceMove, 1e-8)
      expect(cell.positionsPnl).toBe(cell.pnl)
      expect(cell.collateralPnl).toBe(0)
      const equity = 10_000 + 60_000 * cell.priceMove
      const maintenance = perpMaintenance(1, price, vol, 0.005) + ethMaintenance
      expectClose(cell.equity, equity, 1e-8)
      expectClose(cell.maintenanceMargin, maintenance, 1e-8)
      expect(cell.liquidatable).toBe(equity < maintenance)
      if (equity > 0) expectClose(cell.marginRatio, maintenance / equity, 1e-9)
      else expect(cell.marginRatio).toBe(Infinity)
      if (cell.liquidatable) liquidatable++
      for (const value of Object.values(cell)) expect(Number.isNaN(value)).toBe(false)
    }
    // −20 % and beyond wipe out the 10,000 USD; from 0 up the account stays far from liquidation.
    for (const cell of cellsOf(grid)) {
      if (cell.priceMove <= -0.2) expect(cell.liquidatable).toBe(true)
      if (cell.priceMove >= 0) expect(cell.liquidatable).toBe(false)
    }
    expect(liquidatable).toBeGreaterThanOrEqual(2 * grid.volShocks.length)
  })

  it('default axes: 13 moves from −30 % to +30 %, the venue’s 9 moves, vol shocks −40 % … +60 % with the venue’s; sorted, one cell each', () => {
    const grid = scenarioGrid({ account: perpBook, markets, params: defaultRiskParams, underlying: 'BTC' })
    const M = grid.maintenanceRange!
    expectClose(M, Math.max(0.005, 3 * 0.5 * Math.sqrt(3_600 / year)) + 1e-9 * 60_000, 1e-15)
    for (let i = 0; i <= 12; i++) expect(grid.priceMoves).toContain((i - 6) / 20)
    for (let i = 0; i <= 8; i++) expect(grid.priceMoves.some((x) => Math.abs(x - (M * (i - 4)) / 4) < 1e-15)).toBe(true)
    expect(grid.priceMoves).toHaveLength(13 + 8) // the venue's 0 is also a default move
    expect(grid.volShocks).toEqual([-0.4, -0.2, 0, 0.3, 0.6])
    expect([...grid.priceMoves].sort((a, b) => a - b)).toEqual(grid.priceMoves)
    expect(grid.cells).toHaveLength(5)
    for (const row of grid.cells) expect(row).toHaveLength(21)
    const venue = cellsOf(grid).filter((cell) => cell.venueScenario)
    expect(venue).toHaveLength(27)
    expect(new Set(venue.map((cell) => cell.volShock))).toEqual(new Set([-0.2, 0, 0.3]))
    // The current point is the account as it is.
    const current = grid.cells[2]![grid.priceMoves.indexOf(0)]!
    expect(current).toMatchObject({ pnl: 0, equity: grid.equity, maintenanceMargin: grid.maintenanceMargin, marginRatio: grid.marginRatio })
  })

  it('caller axes are used as given, plus the venue’s scenarios and 0', () => {
    const grid = scenarioGrid({ account: perpBook, markets, params: defaultRiskParams, underlying: 'ETH', priceMoves: [0.5, -0.5], volShocks: [1] })
    expect(grid.priceMoves[0]).toBe(-0.5)
    expect(grid.priceMoves.at(-1)).toBe(0.5)
    expect(grid.priceMoves).toHaveLength(2 + 9)
    expect(grid.volShocks).toEqual([-0.2, 0, 0.3, 1])
    // An ETH short of 2: P&L = −2·3,000·x.
    for (const cell of cellsOf(grid)) expectClose(cell.pnl, -6_000 * cell.priceMove, 1e-9)
  })

  it('an option book: each cell equals Black-Scholes (optionPrice) at the shocked price and vol, same valuation time', () => {
    const options: OptionPosition[] = [
      { underlying: 'ETH', kind: 'call', strike: 3_200, expiry: now + 30 * day, size: 4 },
      { underlying: 'ETH', kind: 'put', strike: 2_800, expiry: now + 60 * day, size: -2 },
      { underlying: 'ETH', kind: 'call', strike: 2_500, expiry: now - day, size: 1 }, // expired: intrinsic
    ]
    const book = account({ collateral: { USDC: 50_000 }, options })
    const grid = scenarioGrid({ account: book, markets, params: defaultRiskParams, underlying: 'ETH' })
    const value = (o: OptionPosition, spot: number, vol: number) => {
      const years = (o.expiry - now) / year
      if (years <= 0) return Math.max(0, spot - o.strike)
      return optionPrice({ kind: o.kind, spot, strike: o.strike, years, rate: 0, dividendYield: 0, vol })
    }
    for (const cell of cellsOf(grid)) {
      const spot = 3_000 * (1 + cell.priceMove)
      const vol = 0.6 * (1 + cell.volShock)
      let expected = 0
      for (const o of options) expected += o.size * (value(o, spot, vol) - value(o, 3_000, 0.6))
      expectClose(cell.pnl, expected, 1e-8)
      expect(cell.collateralPnl).toBe(0)
    }
    // Long calls and short puts: a bullish book loses on the way down and gains on the way up.
    const base = grid.cells[grid.volShocks.indexOf(0)]!
    expect(base[0]!.pnl).toBeLessThan(0)
    expect(base.at(-1)!.pnl).toBeGreaterThan(0)
  })

  it('collateral linked to the underlying moves with it: WETH and wstETH after haircut; no venue grid without positions', () => {
    const book = account({ collateral: { USDC: 1_000, WETH: 10, wstETH: 5 } })
    const grid = scenarioGrid({ account: book, markets, params: defaultRiskParams, underlying: 'ETH' })
    expect(grid.maintenanceRange).toBeNull()
    expect(grid.worstVenueScenario).toBeNull()
    expect(cellsOf(grid).some((cell) => cell.venueScenario)).toBe(false)
    expect(grid.priceMoves).toHaveLength(13)
    const perUnitMove = 10 * (3_000 - 1.5) * 0.9 + 5 * (3_500 - 2) * 0.88 // USD of collateral value per 100 % move
    for (const cell of cellsOf(grid)) {
      expectClose(cell.collateralPnl, perUnitMove * cell.priceMove, 1e-8)
      expect(cell.positionsPnl).toBe(0)
      expect(cell.pnl).toBe(cell.collateralPnl)
    }
    // Shocking BTC leaves this account untouched.
    for (const cell of cellsOf(scenarioGrid({ account: book, markets, params: defaultRiskParams, underlying: 'BTC' }))) expect(cell.pnl).toBe(0)
  })

  it('isolated positions are reported apart and stay out of the cross P&L', () => {
    const book = account({
      collateral: { USDC: 5_000 },
      isolated: [{ id: '1', margin: 2_000, perp: { underlying: 'BTC', size: -0.2, entryPrice: 60_000, lastFundingIndex: 120 } }],
    })
    const grid = scenarioGrid({ account: book, markets, params: defaultRiskParams, underlying: 'BTC' })
    for (const cell of cellsOf(grid)) {
      expectClose(cell.isolatedPnl, -0.2 * 60_000 * cell.priceMove, 1e-9)
      expect(cell.pnl).toBe(0)
    }
  })

  it('property: the venue scenarios are exactly the 27 of DESIGN.md §4.2: their worst P&L is −(MM − contingency) of underlyingRisk and of the slow reference', () => {
    let checked = 0
    fc.assert(
      fc.property(riskInput, ({ account: book, markets: m, params }) => {
        const prepared = prepareAccount(book, m, params)
        for (const underlying of Object.keys(prepared.underlyings)) {
          const risk = underlyingRisk({ book: prepared.underlyings[underlying]!, market: m.underlyings[underlying]!, marketParams: params.markets[underlying]!, params })
          // Degenerate ranges collapse or leave the grid (price ≤ 0): not the venue's 27 distinct points.
          if (!(risk.maintenanceRange > 1e-6 && risk.maintenanceRange < 1)) continue
          const grid = scenarioGrid({ account: book, markets: m, params, underlying, priceMoves: [], volShocks: [] })
          const venue = cellsOf(grid).filter((cell) => cell.venueScenario)
          // 27 unless the params' vol shocks are 0 (then rows coincide).
          expect(venue).toHaveLength(9 * new Set([-params.volDown, 0, params.volUp]).size)
          const worst = Math.min(...venue.map((cell) => cell.positionsPnl))
          expect(grid.worstVenueScenario!.positionsPnl).toBe(worst)
          const reference = referenceMargin(book, m, params, underlying)
          const tolerance = 1e-9 * reference.grossNotional + 1e-9
          expect(Math.abs(-worst - (risk.maintenanceMargin - risk.contingency))).toBeLessThanOrEqual(tolerance)
          expect(Math.abs(-worst - (reference.maintenanceMargin - risk.contingency))).toBeLessThanOrEqual(tolerance)
          checked++
        }
      }),
      { numRuns: 300 },
    )
    expect(checked).toBeGreaterThan(200)
  })

  it('typed errors: unknown underlying, moves at or below −100 %, shocks leaving the vol domain, too many points, invalid accounts', () => {
    const run = (partial: object) => () => scenarioGrid({ account: perpBook, markets, params: defaultRiskParams, underlying: 'BTC', ...partial })
    expect(run({ underlying: 'DOGE' })).toThrow(UnknownMarketError)
    expect(run({ priceMoves: [0.1, -1] })).toThrow(expect.objectContaining({ name: 'InvalidInputError', field: 'priceMoves[1]' }))
    expect(run({ priceMoves: [Number.NaN] })).toThrow(InvalidInputError)
    expect(run({ volShocks: [-0.9999999] })).toThrow(expect.objectContaining({ field: 'volShocks' }))
    expect(run({ priceMoves: Array.from({ length: 65 }, (_, i) => i / 100) })).toThrow(expect.objectContaining({ field: 'priceMoves' }))
    expect(() =>
      scenarioGrid({ account: account({ collateral: { USDC: 1 }, perps: [{ underlying: 'BTC', size: Number.NaN, entryPrice: 1, lastFundingIndex: 0 }] }), markets, params: defaultRiskParams, underlying: 'BTC' }),
    ).toThrow(InvalidInputError)
  })
})
