import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CoreError, InvalidInputError } from '../errors'
import { evaluateAccount } from '../risk/evaluateAccount'
import { defaultRiskParams } from '../risk/params'
import { now, riskInput } from '../risk/riskBooks.testing'
import type { Account, Markets, RiskParams } from '../risk/types'
import { applyPerpTrade } from './applyPerpTrade'
import { borrowingPower } from './borrowingPower'
import { corruptInput } from '../risk/corruptInput.testing'

const markets: Markets = {
  now,
  underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 }, ETH: { price: 3_000, conf: 0, vol: 0.7, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0 } },
}

function headroom(account: Account, markets: Markets, params: RiskParams, underlying: string, size: number, skew: number) {
  const after = evaluateAccount(applyPerpTrade({ account, markets, params, trade: { underlying, size, skew } }).account, markets, params)
  return { headroom: after.equity - after.initialMargin, scale: Math.abs(after.equity) + after.initialMargin + after.grossNotional + Math.abs(after.collateralValue) }
}

describe('borrowingPower', () => {
  test('fixed fraction, no premium or fee: a flat account can open A / (imMultiplier·l·S) (the closed form)', () => {
    const l = 0.01
    const params: RiskParams = {
      ...defaultRiskParams,
      z: 0,
      markets: { ...defaultRiskParams.markets, BTC: { ...defaultRiskParams.markets.BTC!, mmFloor: l, sizeSlope: 0, skewScale: 1e18, takerFee: 0 } },
    }
    const account: Account = { collateral: { USDC: 12_000 }, perps: [], options: [], isolated: [] }
    const power = borrowingPower({ account, markets, params, underlyings: ['BTC'] }).BTC!
    const expected = 12_000 / (params.imMultiplier * l * 60_000)
    expect(power.long.size).toBeCloseTo(expected, 9)
    expect(power.short.size).toBeCloseTo(expected, 9)
    expect(power.long.limitedBy).toBe('initialMargin')
  })

  test('a long position can always be closed; beyond that the short needs margin', () => {
    const account: Account = { collateral: { USDC: -55_000 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] }
    const power = borrowingPower({ account, markets, params: defaultRiskParams, underlyings: ['BTC'] }).BTC!
    expect(power.long).toMatchObject({ size: 0, limitedBy: 'initialMargin' })
    expect(power.short.size).toBeGreaterThanOrEqual(1)
  })

  test('property: the largest long and short trades pass A >= IM after the premium and fee, slightly more does not', () => {
    fc.assert(
      fc.property(
        riskInput,
        fc.constantFrom('BTC', 'ETH', 'SOL'),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        ({ account, markets, params }, underlying, skewShare) => {
          const perpsOnly: Account = { ...account, options: [] }
          const skew = skewShare * params.markets[underlying]!.skewScale
          const power = borrowingPower({ account: perpsOnly, markets, params, skews: { [underlying]: skew }, underlyings: [underlying] })[underlying]!
          for (const [direction, capacity] of [[1, power.long], [-1, power.short]] as const) {
            expect(Number.isFinite(capacity.size) && capacity.size >= 0).toBe(true)
            if (capacity.size > 0 && capacity.limitedBy === 'initialMargin') {
              const at = headroom(perpsOnly, markets, params, underlying, direction * capacity.size, skew)
              expect(at.headroom).toBeGreaterThanOrEqual(-1e-9 * at.scale)
              const beyond = headroom(perpsOnly, markets, params, underlying, direction * capacity.size * (1 + 1e-6), skew)
              expect(beyond.headroom).toBeLessThanOrEqual(1e-9 * beyond.scale)
            }
          }
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → InvalidInputError', () => {
    const account: Account = { collateral: { USDC: 1 }, perps: [], options: [], isolated: [] }
    expect(() => borrowingPower({ account, markets, params: defaultRiskParams, skews: { BTC: Number.NaN } })).toThrow(InvalidInputError)
  })

  test('property: random invalid input → a typed error, never a figure', () => {
    fc.assert(
      fc.property(corruptInput, ({ account, markets, params }) => {
        expect(() => borrowingPower({ account, markets, params, underlyings: ['BTC'] })).toThrow(CoreError)
      }),
      { numRuns: 10_000 },
    )
  })
})
