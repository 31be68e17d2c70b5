import { LineStyle } from 'lightweight-charts'
import { describe, expect, test } from 'vitest'
import { evaluateAccount } from '@/lib/core/risk/evaluateAccount'
import { defaultRiskParams } from '@/lib/core/risk/params'
import type { Account, Markets } from '@/lib/core/risk/types'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { chartColors, overPanel, withAlpha } from './chartTheme'
import { priceLinesFor } from './priceLinesFor'

const markets: Markets = {
  now: 1_700_000_000,
  underlyings: {
    ETH: { price: 3_000, conf: 0, vol: 0.6, fundingIndex: 0 },
    BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 },
  },
  collateral: { USDC: { price: 1, conf: 0 } },
}

function snapshot(account: Account, { confident = true, liquidationPrices = true } = {}): AccountSnapshot {
  return {
    address: '0x90f79bf6eb2c4f870365e785982e1f101e93b906',
    blockNumber: '12',
    confident,
    doubts: confident ? [] : ['ETH price stale'],
    risk: evaluateAccount(account, markets, defaultRiskParams, { liquidationPrices }),
    error: null,
    whatIf: null,
  }
}

const retail: Account = {
  collateral: { USDC: 10_000 },
  perps: [{ underlying: 'ETH', size: 16.7, entryPrice: 2_990, lastFundingIndex: 0 }],
  options: [],
  isolated: [],
}

describe('priceLinesFor', () => {
  test('a long perp: an entry line and a red dashed liquidation estimate below the price', () => {
    const account = snapshot(retail)
    const lines = priceLinesFor({ account, symbol: 'ETH' })
    const below = account.risk?.liquidationPrices?.underlyings.ETH?.below
    expect(below?.price).toBeGreaterThan(2_000)
    expect(lines).toEqual([
      expect.objectContaining({ id: 'entry:cross:ETH:0', kind: 'entry', price: 2_990, title: 'Entry long 16.7', color: chartColors.accent, lineStyle: LineStyle.Solid, dimmed: false }),
      expect.objectContaining({ id: 'liq:cross:ETH:below', kind: 'liquidation', price: below?.price, title: 'Liq. (est.)', color: chartColors.danger, lineStyle: LineStyle.Dashed, dimmed: false }),
    ])
    expect(lines[0]?.description).toBe('Entry price, long 16.7 ETH (cross): 2,990.00 USD')
    expect(lines[1]?.description).toMatch(/^Liquidation price \(cross, below the price\): 2,\d{3}\.\d\d USD, −\d+\.\d % \/ −\d+\.\d σ \(margin horizon\) from 3,000\.00 USD; estimate: other prices, volatility and funding held fixed$/)
  })

  test('other markets of the account draw nothing on this chart', () => {
    expect(priceLinesFor({ account: snapshot(retail), symbol: 'BTC' })).toEqual([])
  })

  test('a short perp is labelled short and gets its liquidation line above the price', () => {
    const short = { ...retail, perps: [{ underlying: 'ETH', size: -2.5, entryPrice: 3_100, lastFundingIndex: 0 }] }
    const lines = priceLinesFor({ account: snapshot(short), symbol: 'ETH' })
    expect(lines.map((line) => [line.id, line.title])).toEqual([
      ['entry:cross:ETH:0', 'Entry short 2.5'],
      ['liq:cross:ETH:above', 'Liq. (est.)'],
    ])
    expect(lines[1]?.price).toBeGreaterThan(3_000)
  })

  test('an isolated position gets its own entry and liquidation lines, keyed by its id', () => {
    const account = snapshot({
      collateral: { USDC: 5_000 },
      perps: [],
      options: [],
      isolated: [{ id: '7', margin: 1_000, perp: { underlying: 'ETH', size: 1, entryPrice: 3_000, lastFundingIndex: 0 } }],
    })
    const lines = priceLinesFor({ account, symbol: 'ETH' })
    expect(lines.map((line) => [line.id, line.title])).toEqual([
      ['entry:isolated:7', 'Entry long 1 (iso.)'],
      ['liq:isolated:7:below', 'Liq. iso. (est.)'],
    ])
    // The closed form for an isolated perp without size slope is close to (q·E − m) / (q − |q|·M0).
    const isolated = account.risk?.liquidationPrices?.isolated[0]
    expect(lines[1]?.price).toBe(isolated?.below.price)
    expect(lines[1]?.description).toContain('estimate: on its isolated margin alone')
  })

  test('not confident: every line dimmed and titled "last known", never drawn as live', () => {
    const lines = priceLinesFor({ account: snapshot(retail, { confident: false }), symbol: 'ETH' })
    expect(lines).toHaveLength(2)
    for (const line of lines) {
      expect(line.dimmed).toBe(true)
      expect(line.title).toMatch(/ · last known$/)
      expect(line.description).toMatch(/^Last known: /)
    }
    expect(lines[0]?.color).toBe(withAlpha(chartColors.accent, 0.4))
    expect(lines[1]?.color).toBe('rgba(239, 68, 68, 0.4)')
    // Axis labels are painted opaque: the same colour blended over the panel instead.
    expect(lines[1]?.axisLabelColor).toBe(overPanel(chartColors.danger, 0.4))
    expect(lines[1]?.axisLabelColor).toBe('#6a2a2f')
  })

  test('before the engine has liquidation prices: entry lines only', () => {
    const lines = priceLinesFor({ account: snapshot(retail, { liquidationPrices: false }), symbol: 'ETH' })
    expect(lines.map((line) => line.kind)).toEqual(['entry'])
  })

  test('no account, no book yet, or an evaluation error: no lines', () => {
    expect(priceLinesFor({ account: null, symbol: 'ETH' })).toEqual([])
    expect(priceLinesFor({ account: undefined, symbol: 'ETH' })).toEqual([])
    expect(priceLinesFor({ account: { ...snapshot(retail), risk: null }, symbol: 'ETH' })).toEqual([])
  })

  test('a side without a liquidation price (none in range, already liquidatable) draws no line', () => {
    const account = snapshot(retail)
    const risk = account.risk!
    const liquidationPrices = risk.liquidationPrices!
    const eth = liquidationPrices.underlyings.ETH!
    const none = { price: null, reason: 'alreadyLiquidatable' as const }
    const lines = priceLinesFor({
      account: { ...account, risk: { ...risk, liquidationPrices: { ...liquidationPrices, underlyings: { ETH: { ...eth, below: none, above: none } } } } },
      symbol: 'ETH',
    })
    expect(lines.map((line) => line.kind)).toEqual(['entry'])
  })

  test('ids are stable across snapshots, so the chart moves lines rather than recreating them', () => {
    const before = priceLinesFor({ account: snapshot(retail), symbol: 'ETH' })
    const moved = { ...retail, collateral: { USDC: 12_000 } }
    const after = priceLinesFor({ account: snapshot(moved), symbol: 'ETH' })
    expect(after.map((line) => line.id)).toEqual(before.map((line) => line.id))
    expect(after[1]!.price).toBeLessThan(before[1]!.price) // more collateral: liquidation further away
  })
})
