import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CoreError, InvalidInputError, NoSolutionError } from '../errors'
import { evaluateAccount } from '../risk/evaluateAccount'
import { defaultRiskParams } from '../risk/params'
import { now, riskInput } from '../risk/riskBooks.testing'
import type { Account, Markets } from '../risk/types'
import { collateralForMarginRatio } from './collateralForMarginRatio'
import { corruptInput } from '../risk/corruptInput.testing'

const markets: Markets = {
  now,
  underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0 } },
}

describe('collateralForMarginRatio', () => {
  test('MM / A from 0.8 to 0.25 needs A = MM / 0.25', () => {
    const account: Account = { collateral: { USDC: 1_000 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] }
    const mm = evaluateAccount(account, markets, defaultRiskParams).maintenanceMargin
    const result = collateralForMarginRatio({ account, markets, params: defaultRiskParams, asset: 'USDC', targetMarginRatio: 0.25 })
    expect(result.amount).toBeCloseTo(mm / 0.25 - 1_000, 8)
    expect(result.marginRatio.after).toBeCloseTo(0.25, 12)
  })

  test('property: depositing the answer brings the margin ratio to the target (re-evaluated)', () => {
    fc.assert(
      fc.property(riskInput, fc.constantFrom('USDC', 'WETH'), fc.double({ min: 0.01, max: 1.5, noNaN: true }), ({ account, markets, params }, asset, target) => {
        fc.pre(params.collateral[asset]!.haircut < 1)
        let result
        try {
          result = collateralForMarginRatio({ account, markets, params, asset, targetMarginRatio: target })
        } catch (error) {
          expect(error).toBeInstanceOf(NoSolutionError)
          return
        }
        const before = evaluateAccount(account, markets, params)
        const after = evaluateAccount({ ...account, collateral: { ...account.collateral, [asset]: (account.collateral[asset] ?? 0) + result.amount } }, markets, params)
        const required = after.maintenanceMargin / target
        const scale = Math.abs(before.equity) + Math.abs(after.equity) + required + Object.values(after.collateral).reduce((sum, c) => sum + Math.abs(c.value), 0) + Math.abs(after.optionValue) + Math.abs(after.perpPnl) + Math.abs(after.fundingOwed)
        if (result.amount > 0) expect(Math.abs(after.equity - required)).toBeLessThanOrEqual(1e-12 * scale)
        else expect(before.equity).toBeGreaterThanOrEqual(required)
      }),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → InvalidInputError', () => {
    const account: Account = { collateral: { USDC: 1 }, perps: [], options: [], isolated: [] }
    expect(() => collateralForMarginRatio({ account, markets, params: defaultRiskParams, asset: 'USDC', targetMarginRatio: -1 })).toThrow(InvalidInputError)
  })

  test('property: random invalid input → a typed error, never a figure', () => {
    fc.assert(
      fc.property(corruptInput, ({ account, markets, params }) => {
        expect(() => collateralForMarginRatio({ account, markets, params, asset: 'USDC', targetMarginRatio: 0.5 })).toThrow(CoreError)
      }),
      { numRuns: 10_000 },
    )
  })
})
