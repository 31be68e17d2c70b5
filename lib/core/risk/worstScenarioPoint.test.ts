import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { optionPrice } from '../pricing/optionPrice'
import { revalueOptionBatch } from '../pricing/revalueOptionBatch'
import { defaultRiskParams } from './params'
import { prepareAccount, type PreparedBook } from './prepareAccount'
import type { Account, OptionPosition, PerpPosition } from './types'
import { worstScenarioPoint, type PricedMoves, type ScenarioBaseline } from './worstScenarioPoint'

const now = 1_700_000_000
const day = 86_400
const year = 31_536_000

type Case = { spot: number; vol: number; rate: number; range: number; volDown: number; volUp: number; perps: PerpPosition[]; options: OptionPosition[] }

/** One underlying, up to 40 options from an hour to two years out (some expired, some sharing a strike and expiry), any mix of long and short. */
const bookCase: fc.Arbitrary<Case> = fc
  .record({
    spot: fc.double({ min: 0.5, max: 200_000, noNaN: true }),
    vol: fc.double({ min: 0.05, max: 2.5, noNaN: true }),
    rate: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
    range: fc.oneof(fc.double({ min: 0, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 1.5, noNaN: true })),
    volDown: fc.double({ min: 0, max: 0.95, noNaN: true }),
    volUp: fc.double({ min: 0, max: 1.5, noNaN: true }),
    perp: fc.double({ min: -50, max: 50, noNaN: true }),
    options: fc.array(
      fc.record({
        kind: fc.constantFrom('call' as const, 'put' as const),
        moneyness: fc.double({ min: 0.5, max: 2, noNaN: true }),
        onGrid: fc.boolean(),
        expiresIn: fc.oneof(fc.integer({ min: -2 * day, max: 0 }), fc.integer({ min: 3_600, max: 30 * day }), fc.integer({ min: 1, max: 2 * year })),
        size: fc.double({ min: -20, max: 20, noNaN: true }),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ spot, vol, rate, range, volDown, volUp, perp, options }) => ({
    spot,
    vol,
    rate,
    range,
    volDown,
    volUp,
    perps: [{ underlying: 'ETH', size: perp, entryPrice: spot, lastFundingIndex: 0 }], // size 0 allowed: the book always exists
    options: options.map(({ kind, moneyness, onGrid, expiresIn, size }) => ({
      underlying: 'ETH',
      kind,
      strike: onGrid ? spot * Math.round(moneyness * 4) / 4 : spot * moneyness,
      expiry: onGrid ? now + 7 * day : now + expiresIn,
      size,
    })),
  }))

function prepared(c: Case): { baseline: ScenarioBaseline } {
  const account: Account = { collateral: {}, perps: c.perps, options: c.options, isolated: [] }
  const params = { ...defaultRiskParams, riskFreeRate: c.rate }
  const book = prepareAccount(account, { now, underlyings: {}, collateral: {} }, params).underlyings.ETH as PreparedBook
  return { baseline: { book, spot: c.spot, vol: c.vol, liveValue: liveValue(book, c.spot, c.vol), expiredValue: expiredValue(book, c.spot) } }
}

function liveValue(book: PreparedBook, spot: number, vol: number): number {
  if (book.batch === null) return 0
  const prices = new Float64Array(book.batch.count)
  revalueOptionBatch(book.batch, spot, vol, prices)
  let value = 0
  for (let k = 0; k < prices.length; k++) value += book.liveSizes[k]! * prices[k]!
  return value
}

function expiredValue(book: PreparedBook, spot: number): number {
  let value = 0
  for (const s of book.series) if (s.expired) value += s.size * (s.kind === 'call' ? Math.max(0, spot - s.strike) : Math.max(0, s.strike - spot))
  return value
}

/**
 * The whole grid, every point priced: the PnL formula of DESIGN.md §4.2 on the prepared book,
 * in the same floating-point order as the engine, so the search that prunes points must agree
 * with it bit for bit.
 */
function everyPoint(c: ScenarioBaseline, range: number, volDown: number, volUp: number): { pnls: number[]; moves: number[]; vols: number[] } {
  const { book, spot } = c
  const vols = [c.vol * (1 - volDown), c.vol, c.vol * (1 + volUp)]
  const moves = Array.from({ length: 9 }, (_, i) => (range * (i - 4)) / 4)
  const pnls: number[] = []
  vols.forEach((v, row) => {
    moves.forEach((move, i) => {
      if (row === 1 && i === 4) return void pnls.push(0) // the current point
      const price = Math.max(0, spot * (1 + move))
      let options = 0
      if (book.liveSeries.length > 0) {
        options = book.parityUnits * price - book.parityCash
        const batch = book.scenarioBatch
        if (batch !== null) {
          const prices = new Float64Array(batch.count)
          if (price > 0) revalueOptionBatch(batch, price, v, prices)
          else for (let k = 0; k < batch.count; k++) prices[k] = batch.sign[k] === -1 ? batch.discountedStrike[k]! : 0
          for (let k = 0; k < batch.count; k++) options += book.scenarioSizes[k]! * prices[k]!
        }
      }
      let pnl = book.perpSize * (price - spot) + options - c.liveValue
      if (book.liveSeries.length !== book.series.length) pnl += expiredValue(book, price) - c.expiredValue
      pnls.push(pnl)
    })
  })
  return { pnls, moves, vols }
}

function firstLowest(pnls: number[]): number {
  let worst = 0
  for (let i = 1; i < pnls.length; i++) if (pnls[i]! < pnls[worst]!) worst = i
  return worst
}

describe('worstScenarioPoint', () => {
  it('property: the lowest PnL and first worst point of the full 27-point grid, bit for bit (10,000 books)', () => {
    fc.assert(
      fc.property(bookCase, (c) => {
        const { baseline } = prepared(c)
        const full = everyPoint(baseline, c.range, c.volDown, c.volUp)
        const worst = firstLowest(full.pnls)
        const found = worstScenarioPoint({ baseline, range: c.range, volDown: c.volDown, volUp: c.volUp })
        expect(found.pnl).toBe(full.pnls[worst])
        expect(found.volIndex).toBe(Math.floor(worst / 9))
        expect(found.priceMove).toBe(full.moves[worst % 9])
        expect(found.price).toBe(Math.max(0, c.spot * (1 + full.moves[worst % 9]!)))
        expect(found.vol).toBe(full.vols[Math.floor(worst / 9)])
      }),
      { numRuns: 10_000 },
    )
  })

  it('property: the worst PnL equals a position-by-position optionPrice revaluation of the grid (1e-9 of the book size)', () => {
    fc.assert(
      fc.property(bookCase, (c) => {
        const { baseline } = prepared(c)
        const found = worstScenarioPoint({ baseline, range: c.range, volDown: c.volDown, volUp: c.volUp })
        const value = (o: OptionPosition, s: number, v: number) => {
          const years = (o.expiry - now) / year
          if (years <= 0) return o.kind === 'call' ? Math.max(0, s - o.strike) : Math.max(0, o.strike - s)
          if (s === 0) return o.kind === 'call' ? 0 : o.strike * Math.exp(-c.rate * years)
          return optionPrice({ kind: o.kind, spot: s, strike: o.strike, years, rate: c.rate, dividendYield: 0, vol: v })
        }
        let worst = Infinity
        let size = 0
        for (const v of [c.vol * (1 - c.volDown), c.vol, c.vol * (1 + c.volUp)])
          for (let i = 0; i <= 8; i++) {
            const s = Math.max(0, c.spot * (1 + (c.range * (i - 4)) / 4))
            let pnl = 0
            for (const p of c.perps) pnl += p.size * (s - c.spot)
            for (const o of c.options) pnl += o.size * (value(o, s, v) - value(o, c.spot, c.vol))
            worst = Math.min(worst, pnl)
          }
        for (const p of c.perps) size += Math.abs(p.size) * c.spot * (1 + c.range)
        for (const o of c.options) size += Math.abs(o.size) * (c.spot * (1 + c.range) + o.strike * Math.exp(Math.abs(c.rate) * 2))
        expect(Math.abs(found.pnl - worst)).toBeLessThanOrEqual(1e-9 * size + 1e-300)
      }),
      { numRuns: 10_000 },
    )
  })

  it('reuses known base-vol points and records the ones it priced, with the same result as pricing them', () => {
    fc.assert(
      fc.property(bookCase, (c) => {
        const { baseline } = prepared(c)
        const record: PricedMoves = { count: 0, moves: new Float64Array(9), pnls: new Float64Array(9) }
        worstScenarioPoint({ baseline, range: c.range, volDown: c.volDown, volUp: c.volUp, record })
        const full = everyPoint(baseline, c.range, c.volDown, c.volUp)
        expect(record.count).toBeGreaterThanOrEqual(1) // the current point, at least
        for (let j = 0; j < record.count; j++) {
          // a point of the base row with that move and that PnL (with a zero range all moves are equal)
          const matches = full.moves.filter((move, i) => move === record.moves[j] && Object.is(full.pnls[9 + i], record.pnls[j]))
          expect(matches.length).toBeGreaterThan(0)
        }
        const wider = { range: 2 * c.range, volDown: Math.min(0.95, 2 * c.volDown), volUp: 2 * c.volUp }
        const alone = worstScenarioPoint({ baseline, ...wider })
        const reusing = worstScenarioPoint({ baseline, ...wider, known: record })
        expect(reusing).toEqual(alone)
        expect(reusing.pnl).toBe(alone.pnl)
      }),
      { numRuns: 10_000 },
    )
  })

  it('finds a worst point inside the grid: a long straddle loses most where vol falls and the price stays (DESIGN.md §4.2)', () => {
    const c: Case = {
      spot: 3_000,
      vol: 0.6,
      rate: 0,
      range: 0.03,
      volDown: 0.2,
      volUp: 0.3,
      perps: [{ underlying: 'ETH', size: 0, entryPrice: 3_000, lastFundingIndex: 0 }],
      options: [
        { underlying: 'ETH', kind: 'call', strike: 3_000, expiry: now + 30 * day, size: 10 },
        { underlying: 'ETH', kind: 'put', strike: 3_050, expiry: now + 30 * day, size: 10 },
      ],
    }
    const { baseline } = prepared(c)
    const found = worstScenarioPoint({ baseline, range: c.range, volDown: c.volDown, volUp: c.volUp })
    const full = everyPoint(baseline, c.range, c.volDown, c.volUp)
    const worst = firstLowest(full.pnls)
    expect(worst % 9).not.toBe(0)
    expect(worst % 9).not.toBe(8)
    expect(found.volIndex).toBe(0)
    expect(found.pnl).toBe(full.pnls[worst])
  })
})
