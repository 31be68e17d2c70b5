import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CoreError, InvalidInputError } from '../errors'
import { evaluateAccount } from '../risk/evaluateAccount'
import { defaultRiskParams } from '../risk/params'
import { now, riskInput } from '../risk/riskBooks.testing'
import type { Account, Markets, RiskParams } from '../risk/types'
import { applyPerpTrade } from './applyPerpTrade'
import { sizeReductionForLeverage } from './sizeReductionForLeverage'
import { corruptInput } from '../risk/corruptInput.testing'

const markets: Markets = {
  now,
  underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 }, ETH: { price: 3_000, conf: 0, vol: 0.7, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0 } },
}

/** The perps of `account` reduced by `fraction` per market through the venue's booking. */
function reducedPerps(account: Account, markets: Markets, params: RiskParams, fraction: number, skews: Record<string, number>): Account {
  const net = new Map<string, number>()
  for (const p of account.perps) net.set(p.underlying, (net.get(p.underlying) ?? 0) + p.size)
  let current = account
  for (const [underlying, size] of net) {
    if (size * fraction === 0) continue
    current = applyPerpTrade({ account: current, markets, params, trade: { underlying, size: -size * fraction, skew: skews[underlying] ?? 0 } }).account
  }
  return current
}

describe('sizeReductionForLeverage', () => {
  test('one perp, no skew premium: k = (N − L·A) / (N·(1 − L·fee))', () => {
    const params: RiskParams = {
      ...defaultRiskParams,
      markets: { ...defaultRiskParams.markets, BTC: { ...defaultRiskParams.markets.BTC!, skewScale: 1e18 } },
    }
    const account: Account = { collateral: { USDC: 10_000 }, perps: [{ underlying: 'BTC', size: 2, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] }
    const N = 120_000
    const A = 10_000
    const L = 5
    const fee = params.markets.BTC!.takerFee
    const result = sizeReductionForLeverage({ account, markets, params, targetLeverage: L })
    expect(result.fraction).toBeCloseTo((N - L * A) / (N * (1 - L * fee)), 10)
    expect(result.perps).toHaveLength(1)
    expect(result.leverage.before).toBeCloseTo(12, 12)
    expect(result.leverage.after).toBeCloseTo(5, 9)
  })

  test('options are reduced by the same fraction, at their mark', () => {
    const account: Account = {
      collateral: { USDC: 20_000 },
      perps: [{ underlying: 'ETH', size: 50, entryPrice: 3_000, lastFundingIndex: 0 }],
      options: [{ underlying: 'ETH', kind: 'call', strike: 3_200, expiry: now + 30 * 86_400, size: -40 }],
      isolated: [],
    }
    const result = sizeReductionForLeverage({ account, markets, params: defaultRiskParams, targetLeverage: 4, skews: { ETH: 1_000 } })
    expect(result.options[0]!.size).toBeCloseTo(40 * result.fraction, 9)
    expect(result.account.options[0]!.size).toBeCloseTo(-40 * (1 - result.fraction), 9)
    expect(evaluateAccount(result.account, markets, defaultRiskParams).grossLeverage).toBeCloseTo(4, 9)
  })

  test('property: the reduced book meets the target, and a smaller reduction would not', () => {
    fc.assert(
      fc.property(
        riskInput,
        fc.double({ min: 0.2, max: 20, noNaN: true }),
        fc.constantFrom('gross' as const, 'net' as const),
        fc.record({ BTC: fc.double({ min: -500, max: 500, noNaN: true }), ETH: fc.double({ min: -5e3, max: 5e3, noNaN: true }), SOL: fc.double({ min: -1e5, max: 1e5, noNaN: true }) }),
        ({ account, markets, params }, targetLeverage, measure, skews) => {
          const perpsOnly: Account = { ...account, options: [] }
          let result
          try {
            result = sizeReductionForLeverage({ account: perpsOnly, markets, params, targetLeverage, measure, skews })
          } catch {
            // a sell into a skew so short that its fill price would be <= 0
            return
          }
          const leverageOf = (a: Account) => {
            const risk = evaluateAccount(a, markets, params)
            return { exposure: measure === 'gross' ? risk.grossNotional : risk.netDeltaNotional, equity: risk.equity, risk }
          }
          const after = leverageOf(result.account)
          const scale = after.exposure + Math.abs(after.equity) + after.risk.grossNotional + Math.abs(after.risk.collateralValue) + Math.abs(after.risk.fundingOwed)
          if (result.fraction < 1) expect(after.exposure - targetLeverage * after.equity).toBeLessThanOrEqual(1e-9 * scale * targetLeverage)
          if (result.fraction > 1e-6 && result.fraction < 1) {
            const less = leverageOf(reducedPerps(perpsOnly, markets, params, result.fraction - 1e-6, skews))
            expect(less.exposure - targetLeverage * less.equity).toBeGreaterThan(-1e-9 * scale * targetLeverage)
          }
          expect(Number.isFinite(result.fraction) && result.fraction >= 0 && result.fraction <= 1).toBe(true)
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → InvalidInputError', () => {
    const account: Account = { collateral: { USDC: 1 }, perps: [], options: [], isolated: [] }
    expect(() => sizeReductionForLeverage({ account, markets, params: defaultRiskParams, targetLeverage: Number.NaN })).toThrow(InvalidInputError)
    expect(() => sizeReductionForLeverage({ account, markets, params: defaultRiskParams, targetLeverage: 2, skews: { BTC: Infinity } })).toThrow(InvalidInputError)
  })

  test('property: random invalid input → a typed error, never a figure', () => {
    fc.assert(
      fc.property(corruptInput, ({ account, markets, params }) => {
        expect(() => sizeReductionForLeverage({ account, markets, params, targetLeverage: 2 })).toThrow(CoreError)
      }),
      { numRuns: 10_000 },
    )
  })
})
