import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CoreError, InvalidInputError, NoSolutionError } from '../errors'
import { evaluateAccount } from '../risk/evaluateAccount'
import { defaultRiskParams } from '../risk/params'
import { now, riskInput } from '../risk/riskBooks.testing'
import type { Account, Markets } from '../risk/types'
import { tradePreview } from './tradePreview'
import { corruptInput } from '../risk/corruptInput.testing'

const markets: Markets = {
  now,
  underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 10 }, ETH: { price: 3_000, conf: 0, vol: 0.7, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0 } },
}
const account: Account = {
  collateral: { USDC: 20_000 },
  perps: [{ underlying: 'BTC', size: 1, entryPrice: 58_000, lastFundingIndex: 0 }],
  options: [],
  isolated: [],
}

const figures = [
  'equity',
  'collateralValue',
  'perpPnl',
  'fundingOwed',
  'optionValue',
  'maintenanceMargin',
  'initialMargin',
  'marginRatio',
  'freeCollateral',
  'grossNotional',
  'grossLeverage',
  'netDeltaNotional',
  'netLeverage',
  'liquidatable',
] as const

describe('tradePreview', () => {
  test('buying 1 BTC: leverage, margin and the liquidation price before → after', () => {
    const preview = tradePreview({ account, markets, params: defaultRiskParams, trade: { underlying: 'BTC', size: 1, skew: 200 } })
    // fill = 60,000·(1 + 200.5/10,000), fee = 0.0005·fill; funding 1·(10 − 0) settled
    const fill = 60_000 * (1 + 200.5 / 10_000)
    expect(preview.fill.fillPrice).toBeCloseTo(fill, 9)
    expect(preview.changes.equity.after - preview.changes.equity.before).toBeCloseTo(-(fill - 60_000) - 0.0005 * fill, 8)
    expect(preview.changes.grossNotional).toEqual({ before: 60_000, after: 120_000 })
    expect(preview.changes.underlyings.BTC!.maintenanceMargin.after).toBeGreaterThan(preview.changes.underlyings.BTC!.maintenanceMargin.before)
    expect(preview.allowed).toBe(true)
    const below = preview.liquidationPrices!
    expect(below.after.underlyings.BTC!.below.price!).toBeGreaterThan(below.before.underlyings.BTC!.below.price!)
  })

  test('a trade beyond initial margin is refused, a reduction always allowed', () => {
    const big = tradePreview({ account, markets, params: defaultRiskParams, trade: { underlying: 'ETH', size: 500 }, liquidationPrices: false })
    expect(big.increasesRisk).toBe(true)
    expect(big.allowed).toBe(big.changes.equity.after >= big.changes.initialMargin.after)
    expect(big.allowed).toBe(false)
    const poor: Account = { ...account, collateral: { USDC: -50_000 } }
    const reduce = tradePreview({ account: poor, markets, params: defaultRiskParams, trade: { underlying: 'BTC', size: -0.5 }, liquidationPrices: false })
    expect(reduce.increasesRisk).toBe(false)
    expect(reduce.allowed).toBe(true)
  })

  test('property: after is a re-evaluation of the booked account; equity moves by −premium − fee', () => {
    fc.assert(
      fc.property(
        riskInput,
        fc.constantFrom('BTC', 'ETH', 'SOL'),
        fc.tuple(fc.boolean(), fc.double({ min: -3, max: 4, noNaN: true })).map(([neg, e]) => (neg ? -1 : 1) * 10 ** e),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        ({ account, markets, params }, underlying, size, skew) => {
          // USDC at exactly 1: settled USD moves equity 1:1, so the identity below is exact.
          const usd: Markets = { ...markets, collateral: { ...markets.collateral, USDC: { price: 1, conf: 0 } } }
          let preview
          try {
            preview = tradePreview({ account, markets: usd, params, trade: { underlying, size, skew }, liquidationPrices: false })
          } catch (error) {
            expect(error).toBeInstanceOf(NoSolutionError) // a sell whose fill price would be <= 0
            return
          }
          const before = evaluateAccount(account, usd, params)
          const after = evaluateAccount(preview.account, usd, params)
          for (const figure of figures) {
            expect(preview.changes[figure].before).toBe(before[figure])
            expect(preview.changes[figure].after).toBe(after[figure])
          }
          const scale = Math.abs(before.equity) + Math.abs(after.equity) + Math.abs(size) * preview.fill.fillPrice + before.grossNotional + Math.abs(before.collateralValue) + Math.abs(before.optionValue) + Math.abs(before.fundingOwed)
          expect(Math.abs(after.equity - before.equity + preview.fill.premiumCost + preview.fill.fee)).toBeLessThanOrEqual(1e-12 * scale)
          if (preview.increasesRisk) expect(preview.allowed).toBe(after.equity >= after.initialMargin)
          else expect(preview.allowed).toBe(true)
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → InvalidInputError', () => {
    expect(() => tradePreview({ account, markets, params: defaultRiskParams, trade: { underlying: 'BTC', size: 0 } })).toThrow(InvalidInputError)
  })

  test('property: random invalid input → a typed error, never a figure', () => {
    fc.assert(
      fc.property(corruptInput, ({ account, markets, params }) => {
        expect(() => tradePreview({ account, markets, params, trade: { underlying: 'BTC', size: 1 }, liquidationPrices: false })).toThrow(CoreError)
      }),
      { numRuns: 10_000 },
    )
  })
})
