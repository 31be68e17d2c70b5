import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CoreError, InvalidInputError } from '../errors'
import { evaluateAccount } from './evaluateAccount'
import { liquidationSize } from './liquidationSize'
import { defaultRiskParams } from './params'
import { now, riskInput } from './riskBooks.testing'
import type { Account, Markets, RiskParams } from './types'
import { corruptInput } from './corruptInput.testing'

function fixedFraction(l: number): RiskParams {
  const markets = Object.fromEntries(Object.entries(defaultRiskParams.markets).map(([m, p]) => [m, { ...p, mmFloor: l, sizeSlope: 0 }]))
  return { ...defaultRiskParams, z: 0, markets }
}

const markets: Markets = {
  now,
  underlyings: { BTC: { price: 59_000, conf: 0, vol: 0.5, fundingIndex: 0 }, ETH: { price: 3_000, conf: 0, vol: 0.7, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0 } },
}

/** The cross book with `fraction` of every position closed at the oracle price, written from DESIGN.md §4.4. */
function closedBySpec(account: Account, markets: Markets, params: RiskParams, fraction: number): Account {
  let cash = 0
  let notional = 0
  const risk = evaluateAccount(account, markets, params)
  const perps = account.perps.map((p) => {
    const m = markets.underlyings[p.underlying]!
    cash += fraction * p.size * (m.price - p.entryPrice) - p.size * (m.fundingIndex - p.lastFundingIndex)
    notional += fraction * Math.abs(p.size) * m.price
    return { ...p, size: p.size * (1 - fraction), lastFundingIndex: m.fundingIndex }
  })
  const options = account.options.map((o, i) => {
    cash += fraction * o.size * risk.options[i]!.mark
    notional += fraction * Math.abs(o.size) * markets.underlyings[o.underlying]!.price
    return { ...o, size: o.size * (1 - fraction) }
  })
  return {
    ...account,
    perps: perps.filter((p) => p.size !== 0),
    options: options.filter((o) => o.size !== 0),
    collateral: { ...account.collateral, USDC: (account.collateral.USDC ?? 0) + cash - params.liqFee * notional },
  }
}

describe('liquidationSize', () => {
  test('one perp, fixed maintenance fraction: k = ((1+b)·l·N − A) / (N·((1+b)·l − fee))', () => {
    const l = 0.02
    const params = fixedFraction(l)
    // long 1 BTC from 60,000, BTC at 59,000, 2,150 USDC: A = 1,150, MM = 1,180 → liquidatable, above 2/3 MM
    const account: Account = { collateral: { USDC: 2_150 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] }
    const A = 1_150
    const N = 59_000
    const b = params.liqBuffer
    const expected = ((1 + b) * l * N - A) / (N * ((1 + b) * l - params.liqFee))
    const result = liquidationSize({ account, markets, params })
    expect(result.reason).toBe('partial')
    expect(result.fraction).toBeCloseTo(expected, 11)
    expect(result.closedPerps[0]).toBeCloseTo(-expected, 11)
    expect(result.fee).toBeCloseTo(params.liqFee * expected * N, 8)
    const after = evaluateAccount(result.account, markets, params)
    expect(after.equity).toBeCloseTo(result.equity.after, 9)
    expect(after.equity).toBeCloseTo(after.maintenanceMargin * (1 + b), 6)
  })

  test('below the backstop everything is closed and the shortfall reported', () => {
    const account: Account = { collateral: { USDC: 200 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] }
    const result = liquidationSize({ account, markets, params: defaultRiskParams })
    expect(result.reason).toBe('backstop')
    expect(result.fraction).toBe(1)
    expect(result.account.perps).toEqual([])
    // equity −800 minus the fee on 59,000 of notional
    expect(result.shortfall).toBeCloseTo(800 + 0.005 * 59_000, 8)
  })

  test('not liquidatable: nothing closed', () => {
    const account: Account = { collateral: { USDC: 50_000 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] }
    expect(liquidationSize({ account, markets, params: defaultRiskParams })).toMatchObject({ reason: 'notLiquidatable', fraction: 0, fee: 0 })
  })

  test('an isolated position is liquidated on its own margin', () => {
    const l = 0.02
    const params = fixedFraction(l)
    const account: Account = {
      collateral: { USDC: 1e6 },
      perps: [],
      options: [],
      isolated: [{ id: 'a', margin: 2_150, perp: { underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 } }],
    }
    const result = liquidationSize({ account, markets, params, isolatedId: 'a' })
    const expected = ((1 + params.liqBuffer) * l * 59_000 - 1_150) / (59_000 * ((1 + params.liqBuffer) * l - params.liqFee))
    expect(result.fraction).toBeCloseTo(expected, 11)
    expect(result.account.isolated[0]!.perp.size).toBeCloseTo(1 - expected, 11)
    expect(result.account.collateral.USDC).toBe(1e6)
  })

  test('property: a partial liquidation restores MM·(1 + buffer) and is the smallest that does', () => {
    // Random books moved into the liquidation zone: USDC set so that equity ≈ u·MM, u in (0.6, 1).
    const liquidatable = fc.tuple(riskInput, fc.double({ min: 0.6, max: 1, noNaN: true })).map(([{ account, markets, params }, u]) => {
      const crossOnly: Account = { ...account, isolated: [] }
      const risk = evaluateAccount(crossOnly, markets, params)
      const usdc = (crossOnly.collateral.USDC ?? 0) + (u * risk.maintenanceMargin - risk.equity) / markets.collateral.USDC!.price
      return { account: { ...crossOnly, collateral: { ...crossOnly.collateral, USDC: usdc } }, markets, params }
    })
    fc.assert(
      fc.property(fc.oneof(riskInput, liquidatable), ({ account, markets, params }) => {
        const crossOnly = { ...account, isolated: [] }
        const result = liquidationSize({ account: crossOnly, markets, params })
        const before = evaluateAccount(crossOnly, markets, params)
        expect(result.equity.before).toBe(before.equity)
        const after = evaluateAccount(result.account, markets, params)
        expect(Number.isFinite(result.fraction) && Number.isFinite(result.fee)).toBe(true)
        // Equity sums collateral values, PnL and option values: its rounding scales with their
        // magnitudes (a USDC debt against as much wstETH leaves tiny equity with large rounding).
        const collateralMagnitude = Object.values(before.collateral).reduce((sum, c) => sum + Math.abs(c.value), 0)
        const scale = Math.abs(before.equity) + before.maintenanceMargin + before.grossNotional + collateralMagnitude
        if (result.reason === 'notLiquidatable') expect(before.equity).toBeGreaterThanOrEqual(before.maintenanceMargin)
        if (result.reason === 'backstop') expect(before.equity).toBeLessThan(params.backstopRatio * before.maintenanceMargin)
        if (result.reason === 'partial') {
          expect(after.equity - after.maintenanceMargin * (1 + params.liqBuffer)).toBeGreaterThanOrEqual(-1e-9 * scale)
          // minimal: closing a little less does not restore the buffer
          const less = evaluateAccount(closedBySpec(crossOnly, markets, params, Math.max(0, result.fraction - 1e-6)), markets, params)
          expect(less.equity - less.maintenanceMargin * (1 + params.liqBuffer)).toBeLessThanOrEqual(1e-9 * scale)
          // and the returned account is the one the spec describes
          const spec = evaluateAccount(closedBySpec(crossOnly, markets, params, result.fraction), markets, params)
          expect(Math.abs(spec.equity - after.equity)).toBeLessThanOrEqual(1e-9 * scale)
        }
      }),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → InvalidInputError', () => {
    const account: Account = { collateral: { USDC: 1 }, perps: [], options: [], isolated: [] }
    expect(() => liquidationSize({ account, markets, params: defaultRiskParams, isolatedId: 'x' })).toThrow(InvalidInputError)
    expect(() => liquidationSize({ account: { ...account, collateral: { USDC: Number.NaN } }, markets, params: defaultRiskParams })).toThrow(InvalidInputError)
  })

  test('property: random invalid input → a typed error, never a figure', () => {
    fc.assert(
      fc.property(corruptInput, ({ account, markets, params }) => {
        expect(() => liquidationSize({ account, markets, params })).toThrow(CoreError)
      }),
      { numRuns: 10_000 },
    )
  })
})
