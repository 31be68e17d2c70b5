import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidInputError, UnknownMarketError } from '../errors'
import { normalCdf } from '../math/normalCdf'
import { evaluateAccount } from './evaluateAccount'
import { defaultRiskParams } from './params'
import { positionContributions } from './positionContributions'
import { now, referenceMargin, riskInput } from './riskBooks.testing'
import type { Account, Markets } from './types'

const year = 31_536_000
const day = 86_400

const markets: Markets = {
  now,
  underlyings: {
    BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 },
    ETH: { price: 3_000, conf: 0, vol: 0.6, fundingIndex: 0 },
    SOL: { price: 150, conf: 0, vol: 0.8, fundingIndex: 0 },
  },
  collateral: { USDC: { price: 1, conf: 0 }, WETH: { price: 3_000, conf: 0, linkedUnderlying: 'ETH' } },
}

const account = (partial: Partial<Account>): Account => ({ collateral: { USDC: 100_000 }, perps: [], options: [], isolated: [], ...partial })

/** Black-Scholes (Hull ch. 15) written out here with no dividend, rate 0: the independent repricing. */
function blackScholes(kind: 'call' | 'put', spot: number, strike: number, years: number, vol: number): number {
  const d1 = (Math.log(spot / strike) + 0.5 * vol * vol * years) / (vol * Math.sqrt(years))
  const d2 = d1 - vol * Math.sqrt(years)
  return kind === 'call' ? spot * normalCdf(d1) - strike * normalCdf(d2) : strike * normalCdf(-d2) - spot * normalCdf(-d1)
}

/** The 27 maintenance scenarios of DESIGN.md §4.2 at default params (z 3, 1 h, volDown 0.2, volUp 0.3). */
function maintenanceScenarios(spot: number, vol: number, range: number) {
  const points: { price: number; vol: number }[] = []
  for (const v of [vol * 0.8, vol, vol * 1.3]) for (let i = 0; i <= 8; i++) points.push({ price: spot * (1 + (range * (i - 4)) / 4), vol: v })
  return points
}

describe('positionContributions', () => {
  it('a lone short call: its contribution is its own loss in the worst of the 27 scenarios (repriced here by Black-Scholes) plus the whole contingency', () => {
    const expiry = now + 30 * day
    const book = account({ options: [{ underlying: 'BTC', kind: 'call', strike: 62_000, expiry, size: -2 }] })
    const result = positionContributions({ account: book, markets, params: defaultRiskParams })
    const years = (expiry - now) / year
    const spot = 60_000
    const range = Math.max(0.005, 3 * 0.5 * Math.sqrt(3_600 / year)) + 1e-9 * 2 * spot
    const mark = blackScholes('call', spot, 62_000, years, 0.5)
    let worst = 0
    for (const point of maintenanceScenarios(spot, 0.5, range)) worst = Math.min(worst, -2 * (blackScholes('call', point.price, 62_000, years, point.vol) - mark))
    const contingency = 0.001 * spot * 2

    expect(result.positions).toHaveLength(1)
    const [call] = result.positions
    expect(call!.key).toBe(`option:BTC:call:62000:${expiry}`)
    expect(call!.kind).toBe('call')
    expect(call!.scenarioContribution).toBeCloseTo(-worst, 8)
    expect(call!.contingencyContribution).toBeCloseTo(contingency, 9)
    expect(call!.maintenanceContribution).toBeCloseTo(-worst + contingency, 8)
    expect(call!.share).toBeCloseTo(1, 12)
    // The worst scenario for a short call: price up, vol up.
    expect(call!.scenario.priceMove).toBeCloseTo(range, 12)
    expect(call!.scenario.vol).toBeCloseTo(0.65, 12)
    expect(result.crossMaintenanceMargin).toBeCloseTo(-worst + contingency, 8)
  })

  it('a perp book in closed form: each perp contributes M_mm·|q|·S of its own underlying (DESIGN.md §4.2)', () => {
    const book = account({
      perps: [
        { underlying: 'BTC', size: 0.5, entryPrice: 59_000, lastFundingIndex: 0 },
        { underlying: 'ETH', size: -4, entryPrice: 3_100, lastFundingIndex: 0 },
      ],
    })
    const { positions, totalMaintenanceMargin } = positionContributions({ account: book, markets, params: defaultRiskParams })
    const mm = (size: number, price: number, vol: number, floor: number) => (Math.max(floor, 3 * vol * Math.sqrt(3_600 / year)) + 1e-9 * Math.abs(size) * price) * Math.abs(size) * price
    const btc = mm(0.5, 60_000, 0.5, 0.005)
    const eth = mm(-4, 3_000, 0.6, 0.0075)
    expect(positions.map((p) => p.key)).toEqual(['perp:BTC', 'perp:ETH'])
    expect(positions[0]!.maintenanceContribution).toBeCloseTo(btc, 8)
    expect(positions[1]!.maintenanceContribution).toBeCloseTo(eth, 8)
    expect(totalMaintenanceMargin).toBeCloseTo(btc + eth, 8)
    expect(positions[0]!.share + positions[1]!.share).toBeCloseTo(1, 12)
    expect(positions[0]!.share).toBeCloseTo(btc / (btc + eth), 12)
    expect(positions[0]!.notional).toBe(30_000)
    expect(positions[1]!.deltaUsd).toBe(-12_000)
  })

  it('a hedged pair offsets: a long and a short of the same size contribute +x and −x, and the underlying needs nothing', () => {
    const book = account({
      perps: [
        { underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 },
        { underlying: 'BTC', size: -1, entryPrice: 61_000, lastFundingIndex: 0 },
      ],
    })
    const { positions, underlyings } = positionContributions({ account: book, markets, params: defaultRiskParams })
    expect(positions.map((p) => p.key)).toEqual(['perp:BTC', 'perp:BTC:2'])
    expect(positions[0]!.maintenanceContribution).not.toBe(0)
    expect(positions[0]!.maintenanceContribution).toBe(-positions[1]!.maintenanceContribution)
    expect(underlyings.BTC!.maintenanceMargin).toBe(0)
    expect(positions[0]!.share).toBe(0) // nothing required: no share, and no NaN
  })

  it('a protective put: the put gains in the scenario that sets the requirement, so its contribution is negative and the perp’s exceeds the MM', () => {
    const book = account({
      perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }],
      options: [{ underlying: 'BTC', kind: 'put', strike: 60_000, expiry: now + 7 * day, size: 1 }],
    })
    const result = positionContributions({ account: book, markets, params: defaultRiskParams })
    const [perp, put] = result.positions
    expect(put!.maintenanceContribution).toBeLessThan(0)
    expect(perp!.maintenanceContribution).toBeGreaterThan(result.crossMaintenanceMargin)
    expect(perp!.maintenanceContribution + put!.maintenanceContribution).toBeCloseTo(result.crossMaintenanceMargin, 8)
    expect(put!.contingencyContribution).toBe(0) // long: no contingency
  })

  it('an isolated position contributes its own MM, separately from the cross book', () => {
    const book = account({
      perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }],
      isolated: [{ id: '7', margin: 5_000, perp: { underlying: 'BTC', size: -0.5, entryPrice: 60_500, lastFundingIndex: 0 } }],
    })
    const result = positionContributions({ account: book, markets, params: defaultRiskParams })
    const risk = evaluateAccount(book, markets, defaultRiskParams)
    const isolated = result.positions.find((p) => p.book === 'isolated')!
    expect(isolated.key).toBe('isolated:7')
    expect(isolated.isolatedId).toBe('7')
    expect(isolated.maintenanceContribution).toBeCloseTo(risk.isolated[0]!.maintenanceMargin, 9)
    expect(result.crossMaintenanceMargin).toBe(risk.maintenanceMargin)
    expect(result.totalMaintenanceMargin).toBeCloseTo(risk.maintenanceMargin + risk.isolated[0]!.maintenanceMargin, 9)
  })

  it('random books: contributions sum to each underlying’s MM (lib/core and the slow spec reference), to the cross MM, and shares to 1; never NaN', () => {
    fc.assert(
      fc.property(riskInput, ({ account: book, markets: state, params }) => {
        const result = positionContributions({ account: book, markets: state, params })
        const risk = evaluateAccount(book, state, params)
        // Rounding is relative to the values the repricing differences (|n|·(S + K) per option, |q|·S per perp), not to the MM.
        const scaleOf = (underlying: string) => {
          const spot = state.underlyings[underlying]!.price
          let scale = 0
          for (const p of book.perps) if (p.underlying === underlying) scale += Math.abs(p.size) * spot
          for (const o of book.options) if (o.underlying === underlying) scale += Math.abs(o.size) * (spot + o.strike)
          return scale
        }
        let cross = 0
        let crossScale = 0
        for (const [underlying, entry] of Object.entries(result.underlyings)) {
          const own = result.positions.filter((p) => p.book === 'cross' && p.underlying === underlying)
          let sum = 0
          for (const p of own) sum += p.maintenanceContribution
          const scale = scaleOf(underlying) + entry.contingency
          const reference = referenceMargin(book, state, params, underlying).maintenanceMargin
          const tolerance = 1e-9 * scale
          expect(Math.abs(sum - risk.underlyings[underlying]!.maintenanceMargin)).toBeLessThanOrEqual(tolerance)
          expect(Math.abs(sum - reference)).toBeLessThanOrEqual(tolerance)
          let contingency = 0
          for (const p of own) contingency += p.contingencyContribution
          expect(Math.abs(contingency - entry.contingency)).toBeLessThanOrEqual(1e-12 * entry.contingency + 1e-300)
          cross += sum
          crossScale += scale
        }
        expect(Math.abs(cross - risk.maintenanceMargin)).toBeLessThanOrEqual(1e-9 * crossScale)
        risk.isolated.forEach((isolated) => {
          const p = result.positions.find((q) => q.key === `isolated:${isolated.id}`)!
          expect(Math.abs(p.maintenanceContribution - isolated.maintenanceMargin)).toBeLessThanOrEqual(1e-12 * isolated.maintenanceMargin)
        })
        expect(result.positions).toHaveLength(book.perps.length + book.options.length + book.isolated.length)
        expect(new Set(result.positions.map((p) => p.key)).size).toBe(result.positions.length)
        let shares = 0
        for (const p of result.positions) {
          for (const value of [p.maintenanceContribution, p.share, p.notional, p.delta, p.deltaUsd, p.gamma, p.vega, p.theta]) expect(Number.isFinite(value)).toBe(true)
          shares += p.share
        }
        if (result.totalMaintenanceMargin > 0) {
          let isolatedScale = 0
          for (const p of book.isolated) isolatedScale += Math.abs(p.perp.size) * state.underlyings[p.perp.underlying]!.price
          expect(Math.abs(shares - 1)).toBeLessThanOrEqual(1e-9 * (1 + (crossScale + isolatedScale) / result.totalMaintenanceMargin))
        }
      }),
      { numRuns: 2_000 },
    )
  })

  it('bad input is a typed error, never a NaN figure', () => {
    const nanSize = account({ perps: [{ underlying: 'BTC', size: Number.NaN, entryPrice: 60_000, lastFundingIndex: 0 }] })
    expect(() => positionContributions({ account: nanSize, markets, params: defaultRiskParams })).toThrow(InvalidInputError)
    const unknown = account({ perps: [{ underlying: 'DOGE', size: 1, entryPrice: 0.1, lastFundingIndex: 0 }] })
    expect(() => positionContributions({ account: unknown, markets, params: defaultRiskParams })).toThrow(UnknownMarketError)
  })
})
