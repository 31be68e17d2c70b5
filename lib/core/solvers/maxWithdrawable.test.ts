import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CoreError, InvalidInputError } from '../errors'
import { evaluateAccount } from '../risk/evaluateAccount'
import { defaultRiskParams } from '../risk/params'
import { now, riskInput } from '../risk/riskBooks.testing'
import type { Account, Markets } from '../risk/types'
import { maxWithdrawable } from './maxWithdrawable'
import { corruptInput } from '../risk/corruptInput.testing'

const markets: Markets = {
  now,
  underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0 }, WETH: { price: 3_000, conf: 3, linkedUnderlying: 'ETH' } },
}

describe('maxWithdrawable', () => {
  test('free collateral over the valued price after haircut, capped by the balance', () => {
    const account: Account = {
      collateral: { USDC: 2_000, WETH: 5 },
      perps: [{ underlying: 'BTC', size: 4, entryPrice: 60_000, lastFundingIndex: 0 }],
      options: [],
      isolated: [],
    }
    const risk = evaluateAccount(account, markets, defaultRiskParams)
    const free = risk.equity - risk.initialMargin // 2,000 + 5·2,997·0.9 − IM
    const result = maxWithdrawable({ account, markets, params: defaultRiskParams })
    expect(free / (2_997 * 0.9)).toBeLessThan(5)
    expect(result.WETH!.limitedBy).toBe('initialMargin')
    expect(result.WETH!.amount).toBeCloseTo(free / (2_997 * 0.9), 10)
    expect(result.WETH!.valuePerUnit).toBeCloseTo(2_997 * 0.9, 10)
    expect(result.USDC).toMatchObject({ amount: 2_000, limitedBy: 'balance' })
  })

  test('no positions and no debt: the whole balance', () => {
    const account: Account = { collateral: { USDC: 10, WETH: 1 }, perps: [], options: [], isolated: [] }
    expect(maxWithdrawable({ account, markets, params: defaultRiskParams })).toMatchObject({ USDC: { amount: 10 }, WETH: { amount: 1 } })
  })

  test('property: withdrawing the answer keeps A >= IM; withdrawing more breaks it when IM binds', () => {
    fc.assert(
      fc.property(riskInput, ({ account, markets, params }) => {
        const result = maxWithdrawable({ account, markets, params })
        const hasRisk = account.perps.length > 0 || account.options.length > 0 || Object.values(account.collateral).some((b) => b < 0)
        for (const [asset, { amount, limitedBy }] of Object.entries(result)) {
          const balance = account.collateral[asset]!
          expect(amount).toBeGreaterThanOrEqual(0)
          expect(amount).toBeLessThanOrEqual(balance)
          const withdraw = (w: number) => evaluateAccount({ ...account, collateral: { ...account.collateral, [asset]: balance - w } }, markets, params)
          const before = evaluateAccount(account, markets, params)
          const scale = Math.abs(before.equity) + before.initialMargin + before.grossNotional + Math.abs(before.collateralValue)
          const after = withdraw(amount)
          if (hasRisk && amount > 0) expect(after.equity - after.initialMargin).toBeGreaterThanOrEqual(-1e-9 * scale)
          if (limitedBy === 'initialMargin' && amount < balance) {
            const more = withdraw(Math.min(balance, amount + 1e-6 * balance + 1e-9))
            expect(more.equity - more.initialMargin).toBeLessThan(1e-9 * scale)
          }
        }
      }),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → InvalidInputError', () => {
    const account: Account = { collateral: { USDC: Number.POSITIVE_INFINITY }, perps: [], options: [], isolated: [] }
    expect(() => maxWithdrawable({ account, markets, params: defaultRiskParams })).toThrow(InvalidInputError)
  })

  test('property: random invalid input → a typed error, never a figure', () => {
    fc.assert(
      fc.property(corruptInput, ({ account, markets, params }) => {
        expect(() => maxWithdrawable({ account, markets, params })).toThrow(CoreError)
      }),
      { numRuns: 10_000 },
    )
  })
})
