import { describe, expect, it } from 'vitest'
import type { Account } from '@/lib/core/risk/types'
import { book, evaluate, markets, withPrices } from './gaugeBooks.testing'
import { positionRows, type PositionLiquidationLevel } from './positionRows'

const account: Account = book({
  collateral: { USDC: 4_000 },
  perps: [
    { underlying: 'ETH', size: 5, entryPrice: 2_900, lastFundingIndex: -2 },
    { underlying: 'BTC', size: -0.25, entryPrice: 62_000, lastFundingIndex: 0 },
  ],
  isolated: [{ id: '7', margin: 1_000, perp: { underlying: 'SOL', size: 40, entryPrice: 150, lastFundingIndex: 0 } }],
})

function levels(row: ReturnType<typeof positionRows>[number]): PositionLiquidationLevel[] {
  if (row.liquidation.kind !== 'levels') throw new Error(`expected levels, got ${row.liquidation.kind}`)
  return row.liquidation.levels
}

describe('positionRows', () => {
  const risk = evaluate(account)
  const rows = positionRows(risk)

  it('lists cross perps, then isolated perps, with their figures', () => {
    expect(rows.map((row) => row.key)).toEqual(['cross:0:ETH', 'cross:1:BTC', 'isolated:7'])
    const [eth, btc, sol] = rows as [(typeof rows)[number], (typeof rows)[number], (typeof rows)[number]]
    expect(eth).toMatchObject({ mode: 'cross', underlying: 'ETH', side: 'long', size: 5, signedSize: 5, entryPrice: 2_900, markPrice: 3_000, notional: 15_000, unrealizedPnl: 500 })
    expect(eth.unrealizedPnlRatio).toBeCloseTo(500 / 14_500, 15)
    expect(btc).toMatchObject({ side: 'short', size: 0.25, signedSize: -0.25, unrealizedPnl: 500 })
    expect(sol).toMatchObject({ mode: 'isolated', isolatedId: '7', isolatedMargin: 1_000, notional: 6_000 })
    expect(sol.isolatedMarginRatio).toBe(risk.isolated[0]!.marginRatio)
  })

  it('reports funding accrued as PnL: a long paying funding accrues a loss', () => {
    // ETH index 0, position settled at −2: the long owes 5 · 2 = 10 USD.
    expect(risk.perps[0]!.fundingOwed).toBe(10)
    expect(rows[0]!.fundingAccrued).toBe(-10)
    expect(Object.is(rows[1]!.fundingAccrued, 0)).toBe(true) // never −0
  })

  it('computes leverage on the account equity (cross) or the position equity (isolated)', () => {
    expect(rows[0]!.leverage).toBeCloseTo(15_000 / risk.equity, 12)
    expect(rows[1]!.leverage).toBeCloseTo(15_000 / risk.equity, 12)
    expect(rows[2]!.leverage).toBe(risk.isolated[0]!.leverage)
    expect(rows[2]!.leverage).toBeCloseTo(6_000 / 1_000, 12)
  })

  it('takes liquidation prices from the engine, on the losing side first', () => {
    const prices = risk.liquidationPrices!
    const [ethLevel] = levels(rows[0]!)
    expect(ethLevel).toMatchObject({ side: 'below', price: (prices.perps[0]!.below as { price: number }).price })
    expect(ethLevel!.distance).toBeCloseTo((prices.perps[0]!.below as { distance: number }).distance, 12)
    expect(ethLevel!.distanceSigmas).toBeCloseTo((prices.perps[0]!.below as { distanceSigmas: number }).distanceSigmas, 12)
    expect(levels(rows[1]!)[0]).toMatchObject({ side: 'above', price: (prices.perps[1]!.above as { price: number }).price })
    expect(levels(rows[2]!)[0]).toMatchObject({ side: 'below', price: (prices.isolated[0]!.below as { price: number }).price })
  })

  it('re-bases last second’s liquidation prices on the current mark, as a fresh search would give', () => {
    // The worker refreshes liquidation prices about once a second; marks move every tick.
    const moved = withPrices({ ETH: 2_850 })
    const stale = { ...evaluate(account, moved, undefined, false), liquidationPrices: risk.liquidationPrices! }
    const fresh = evaluate(account, moved)
    const rebased = levels(positionRows(stale)[0]!)[0]!
    const expected = fresh.liquidationPrices!.perps[0]!.below as { price: number; distance: number; distanceSigmas: number }
    expect(rebased.price).toBeCloseTo(expected.price, 6) // a linear book's ETH liquidation price does not depend on the ETH mark
    expect(rebased.distance).toBeCloseTo(expected.distance, 9)
    expect(rebased.distanceSigmas as number).toBeCloseTo(expected.distanceSigmas, 9)
  })

  it('lists both sides when options make the book liquidatable both ways', () => {
    const straddle = book({
      collateral: { USDC: 30_000 },
      perps: [{ underlying: 'ETH', size: 2, entryPrice: 3_000, lastFundingIndex: 0 }],
      options: [
        { underlying: 'ETH', kind: 'call', strike: 3_000, expiry: markets.now + 30 * 86_400, size: -20, entryPrice: 200 },
        { underlying: 'ETH', kind: 'put', strike: 3_000, expiry: markets.now + 30 * 86_400, size: -20, entryPrice: 200 },
      ],
    })
    const [row] = positionRows(evaluate(straddle))
    expect(levels(row!).map((level) => level.side)).toEqual(['below', 'above'])
    expect(levels(row!).every((level) => level.method === 'brent')).toBe(true)
  })

  it('is pending until the engine has searched the book, and says why there is none', () => {
    expect(positionRows(evaluate(account, markets, undefined, false)).map((row) => row.liquidation.kind)).toEqual(['pending', 'pending', 'pending'])
    const underwater = evaluate(account, withPrices({ ETH: 100 }))
    expect(underwater.liquidatable).toBe(true)
    expect(positionRows(underwater)[0]!.liquidation).toEqual({ kind: 'none', reason: 'alreadyLiquidatable' })
  })

  it('is empty without positions', () => {
    expect(positionRows(evaluate(book({})))).toEqual([])
  })
})
