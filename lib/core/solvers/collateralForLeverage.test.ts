import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CoreError, InvalidInputError, NoSolutionError, UnknownAssetError } from '../errors'
import { evaluateAccount } from '../risk/evaluateAccount'
import { defaultRiskParams } from '../risk/params'
import { now, riskInput } from '../risk/riskBooks.testing'
import type { Account, Markets } from '../risk/types'
import { collateralForLeverage } from './collateralForLeverage'
import { corruptInput } from '../risk/corruptInput.testing'

const markets: Markets = {
  now,
  underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 }, ETH: { price: 3_000, conf: 0, vol: 0.7, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0.001 }, WETH: { price: 3_000, conf: 3, linkedUnderlying: 'ETH' } },
}
const account: Account = {
  collateral: { USDC: 12_000 },
  perps: [
    { underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 },
    { underlying: 'ETH', size: -10, entryPrice: 3_000, lastFundingIndex: 0 },
  ],
  options: [],
  isolated: [],
}

describe('collateralForLeverage', () => {
  test('90,000 of notional on 11,988 of equity (7.5×) to 3×: 30,000 − 11,988 of USDC at 0.999', () => {
    const result = collateralForLeverage({ account, markets, params: defaultRiskParams, asset: 'USDC', targetLeverage: 3 })
    expect(result.amount).toBeCloseTo((30_000 - 12_000 * 0.999) / 0.999, 8)
    expect(result.leverage.after).toBeCloseTo(3, 12)
  })

  test('net leverage: a long BTC / short ETH book nets in each underlying, not across', () => {
    const result = collateralForLeverage({ account, markets, params: defaultRiskParams, asset: 'WETH', targetLeverage: 2, measure: 'net' })
    expect(result.leverage.after).toBeCloseTo(2, 12)
    expect(result.amount).toBeCloseTo((45_000 - 12_000 * 0.999) / (2_997 * 0.9), 8)
  })

  test('a USDC debt is repaid first, at price + conf', () => {
    const indebted: Account = { ...account, collateral: { USDC: -1_000, WETH: 10 } }
    const result = collateralForLeverage({ account: indebted, markets, params: defaultRiskParams, asset: 'USDC', targetLeverage: 2 })
    const after = evaluateAccount({ ...indebted, collateral: { USDC: -1_000 + result.amount, WETH: 10 } }, markets, defaultRiskParams)
    expect(after.grossLeverage).toBeCloseTo(2, 12)
  })

  test('already below target: nothing', () => {
    expect(collateralForLeverage({ account, markets, params: defaultRiskParams, asset: 'USDC', targetLeverage: 50 }).amount).toBe(0)
  })

  test('property: depositing the answer brings leverage to the target (re-evaluated)', () => {
    fc.assert(
      fc.property(
        riskInput,
        fc.constantFrom('USDC', 'WETH', 'wstETH'),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.constantFrom('gross' as const, 'net' as const),
        ({ account, markets, params }, asset, targetLeverage, measure) => {
          fc.pre(params.collateral[asset]!.haircut < 1)
          let result
          try {
            result = collateralForLeverage({ account, markets, params, asset, targetLeverage, measure })
          } catch (error) {
            // only when the asset counts for nothing (conf >= price)
            expect(error).toBeInstanceOf(NoSolutionError)
            return
          }
          const before = evaluateAccount(account, markets, params)
          const after = evaluateAccount({ ...account, collateral: { ...account.collateral, [asset]: (account.collateral[asset] ?? 0) + result.amount } }, markets, params)
          const exposure = measure === 'gross' ? after.grossNotional : after.netDeltaNotional
          // Equity after is the sum of terms as large as the equity before and the deposit: the
          // target equity exposure/L is met to rounding of those.
          const scale = Math.abs(before.equity) + Math.abs(after.equity) + exposure / targetLeverage + Object.values(after.collateral).reduce((sum, c) => sum + Math.abs(c.value), 0) + Math.abs(after.optionValue) + Math.abs(after.perpPnl) + Math.abs(after.fundingOwed)
          if (exposure === 0) expect(result.amount).toBe(0)
          else if (result.amount > 0) expect(Math.abs(after.equity - exposure / targetLeverage)).toBeLessThanOrEqual(1e-12 * scale)
          else expect(before.equity).toBeGreaterThanOrEqual(exposure / targetLeverage)
          expect(result.leverage.after).toBe(measure === 'gross' ? after.grossLeverage : after.netLeverage)
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → typed errors', () => {
    expect(() => collateralForLeverage({ account, markets, params: defaultRiskParams, asset: 'USDC', targetLeverage: 0 })).toThrow(InvalidInputError)
    expect(() => collateralForLeverage({ account, markets, params: defaultRiskParams, asset: 'DAI', targetLeverage: 2 })).toThrow(UnknownAssetError)
    expect(() => collateralForLeverage({ account, markets, params: defaultRiskParams, asset: 'USDC', targetLeverage: 2, measure: 'x' as 'net' })).toThrow(InvalidInputError)
  })

  test('property: random invalid input → a typed error, never a figure', () => {
    fc.assert(
      fc.property(corruptInput, ({ account, markets, params }) => {
        expect(() => collateralForLeverage({ account, markets, params, asset: 'USDC', targetLeverage: 2 })).toThrow(CoreError)
      }),
      { numRuns: 10_000 },
    )
  })
})
