import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CoreError, InvalidInputError } from '../errors'
import { brent } from '../math/brent'
import { correlatedMoveLiquidation } from './correlatedMoveLiquidation'
import { evaluateAccount } from './evaluateAccount'
import { liquidationPrice } from './liquidationPrice'
import { movePrices } from './movePrices.testing'
import { defaultRiskParams } from './params'
import { now, riskInput } from './riskBooks.testing'
import type { Account, Markets } from './types'
import { corruptInput } from './corruptInput.testing'

const params = defaultRiskParams
const day = 86_400

const markets: Markets = {
  now,
  underlyings: {
    BTC: { price: 60_000, conf: 5, vol: 0.5, fundingIndex: 0 },
    ETH: { price: 3_000, conf: 1, vol: 0.7, fundingIndex: 0 },
    SOL: { price: 150, conf: 0.1, vol: 0.9, fundingIndex: 0 },
  },
  collateral: { USDC: { price: 1, conf: 0.0002 }, WETH: { price: 3_000, conf: 1, linkedUnderlying: 'ETH' } },
}

function cushionAfterMove(account: Account, move: number) {
  const prices: Record<string, number> = {}
  for (const [u, m] of Object.entries(markets.underlyings)) prices[u] = m.price * (1 + move)
  const risk = evaluateAccount(account, movePrices(markets, prices), params)
  return { cushion: risk.equity - risk.maintenanceMargin, scale: Math.abs(risk.equity) + risk.maintenanceMargin + risk.grossNotional }
}

describe('correlatedMoveLiquidation', () => {
  test('long everything on WETH: the common fall that liquidates, checked by Brent on the re-evaluated account', () => {
    const account: Account = {
      collateral: { USDC: 5_000, WETH: 4 },
      perps: [
        { underlying: 'BTC', size: 0.5, entryPrice: 58_000, lastFundingIndex: 0 },
        { underlying: 'ETH', size: 10, entryPrice: 3_100, lastFundingIndex: 0 },
        { underlying: 'SOL', size: -100, entryPrice: 140, lastFundingIndex: 0 },
      ],
      options: [],
      isolated: [],
    }
    const result = correlatedMoveLiquidation({ account, markets, params })
    expect(result.underlyings.sort()).toEqual(['BTC', 'ETH', 'SOL'])
    expect(result.down.move).not.toBeNull()
    expect(result.down).toMatchObject({ method: 'closedForm' })
    // A second method: Brent on evaluateAccount with every price (and WETH) moved.
    const reference = brent({ f: (x) => cushionAfterMove(account, x).cushion, lower: -0.99, upper: 0, relativeTolerance: 1e-15 }).root
    expect(result.down.move as number).toBeCloseTo(reference, 10)
    if (result.down.move !== null) expect(result.down.prices.BTC).toBeCloseTo(60_000 * (1 + result.down.move), 6)
  })

  test('with one exposed underlying it is that underlying’s liquidation price', () => {
    const account: Account = {
      collateral: { USDC: 3_000 },
      perps: [],
      options: [
        { underlying: 'ETH', kind: 'call', strike: 3_200, expiry: now + 14 * day, size: -5 },
        { underlying: 'ETH', kind: 'put', strike: 2_800, expiry: now + 14 * day, size: -5 },
      ],
      isolated: [],
    }
    const move = correlatedMoveLiquidation({ account, markets, params })
    const price = liquidationPrice({ account, markets, params }).underlyings.ETH!
    expect(move.down).toMatchObject({ method: 'brent' })
    expect(3_000 * (1 + (move.down.move as number))).toBeCloseTo(price.below.price as number, 6)
    expect(3_000 * (1 + (move.up.move as number))).toBeCloseTo(price.above.price as number, 6)
  })

  test('a hedged book (long BTC, short ETH) is not liquidated by a common move', () => {
    const account: Account = {
      collateral: { USDC: 10_000 },
      perps: [
        { underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 },
        { underlying: 'ETH', size: -20, entryPrice: 3_000, lastFundingIndex: 0 },
      ],
      options: [],
      isolated: [],
    }
    const result = correlatedMoveLiquidation({ account, markets, params })
    expect(result.down).toEqual({ move: null, reason: 'noneInRange' })
  })

  test('property: equity = MM after every reported common move (re-evaluated), never NaN', () => {
    fc.assert(
      fc.property(riskInput, ({ account, markets, params }) => {
        const result = correlatedMoveLiquidation({ account, markets, params })
        for (const side of [result.down, result.up]) {
          if (side.move === null) continue
          expect(Number.isFinite(side.move)).toBe(true)
          const risk = evaluateAccount(account, movePrices(markets, side.prices), params)
          let collateral = 0
          for (const c of Object.values(risk.collateral)) collateral += Math.abs(c.value)
          const scale = Math.abs(risk.equity) + risk.maintenanceMargin + risk.grossNotional + collateral + Math.abs(risk.optionValue)
          expect(Math.abs(risk.equity - risk.maintenanceMargin)).toBeLessThanOrEqual(1e-9 * scale)
        }
      }),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → InvalidInputError', () => {
    const account: Account = { collateral: { USDC: -Infinity }, perps: [], options: [], isolated: [] }
    expect(() => correlatedMoveLiquidation({ account, markets, params })).toThrow(InvalidInputError)
    expect(() =>
      correlatedMoveLiquidation({ account: { ...account, collateral: {} }, markets, params, searchRange: { low: 0, high: 10 } }),
    ).toThrow(InvalidInputError)
  })

  test('property: random invalid input → a typed error, never a figure', () => {
    fc.assert(
      fc.property(corruptInput, ({ account, markets, params }) => {
        expect(() => correlatedMoveLiquidation({ account, markets, params })).toThrow(CoreError)
      }),
      { numRuns: 10_000 },
    )
  })
})
