import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CoreError, InvalidInputError } from '../errors'
import { evaluateAccount } from './evaluateAccount'
import { liquidationSize } from './liquidationSize'
import { defaultRiskParams } from './params'
import { now, referenceMargin, riskInput, type RiskInput } from './riskBooks.testing'
import type { Account, Markets, RiskParams } from './types'
import { corruptInput } from './corruptInput.testing'

const year = 31_536_000

function fixedFraction(l: number): RiskParams {
  const markets = Object.fromEntries(Object.entries(defaultRiskParams.markets).map(([m, p]) => [m, { ...p, mmFloor: l, sizeSlope: 0 }]))
  return { ...defaultRiskParams, z: 0, markets }
}

/** Default params without the size slope: the grid then scales exactly with the book. */
const noSlope: RiskParams = {
  ...defaultRiskParams,
  markets: Object.fromEntries(Object.entries(defaultRiskParams.markets).map(([m, p]) => [m, { ...p, sizeSlope: 0 }])),
}

const markets: Markets = {
  now,
  underlyings: { BTC: { price: 59_000, conf: 0, vol: 0.5, fundingIndex: 0 }, ETH: { price: 3_000, conf: 0, vol: 0.7, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0 } },
}

/**
 * The cross book with `fractions[m]` of every position in m closed at its valuation price
 * (perps at S, options at their mark) and the fee paid, written from DESIGN.md §4.4 and issue #8.
 */
function closedBySpec(account: Account, markets: Markets, params: RiskParams, fractions: Record<string, number>): { account: Account; notional: number } {
  let cash = 0
  let notional = 0
  const risk = evaluateAccount(account, markets, params)
  const perps = account.perps.map((p) => {
    const m = markets.underlyings[p.underlying]!
    const f = fractions[p.underlying] ?? 0
    cash += f * p.size * (m.price - p.entryPrice) - p.size * (m.fundingIndex - p.lastFundingIndex)
    notional += f * Math.abs(p.size) * m.price
    return { ...p, size: p.size * (1 - f), lastFundingIndex: m.fundingIndex }
  })
  const options = account.options.map((o, i) => {
    const f = fractions[o.underlying] ?? 0
    cash += f * o.size * risk.options[i]!.mark
    notional += f * Math.abs(o.size) * markets.underlyings[o.underlying]!.price
    return { ...o, size: o.size * (1 - f) }
  })
  return {
    account: {
      ...account,
      perps: perps.filter((p) => p.size !== 0),
      options: options.filter((o) => o.size !== 0),
      collateral: { ...account.collateral, USDC: (account.collateral.USDC ?? 0) + cash - params.liqFee * notional },
    },
    notional,
  }
}

/** Fractions of the closing amount t over `order`: the underlying of rank r closes clamp(t − r, 0, 1). */
function fractionsOf(order: readonly string[], t: number): Record<string, number> {
  return Object.fromEntries(order.map((m, r) => [m, Math.min(1, Math.max(0, t - r))]))
}

function surplusOf(account: Account, markets: Markets, params: RiskParams): number {
  const risk = evaluateAccount(account, markets, params)
  return risk.equity - risk.maintenanceMargin * (1 + params.liqBuffer)
}

/** Scale of the rounding in a book's equity: collateral values, PnL, option values and margin. */
function roundingScale(account: Account, markets: Markets, params: RiskParams): number {
  const risk = evaluateAccount(account, markets, params)
  const collateral = Object.values(risk.collateral).reduce((sum, c) => sum + Math.abs(c.value), 0)
  return Math.abs(risk.equity) + risk.maintenanceMargin + risk.grossNotional + collateral
}

/** Random cross books moved into the liquidation zone: USDC set so that equity = u·MM. */
function liquidatableBooks(u: fc.Arbitrary<number>, input: fc.Arbitrary<RiskInput> = riskInput): fc.Arbitrary<RiskInput> {
  return fc.tuple(input, u).map(([{ account, markets, params }, ratio]) => {
    const crossOnly: Account = { ...account, isolated: [] }
    const risk = evaluateAccount(crossOnly, markets, params)
    const usdc = (crossOnly.collateral.USDC ?? 0) + (ratio * risk.maintenanceMargin - risk.equity) / markets.collateral.USDC!.price
    return { account: { ...crossOnly, collateral: { ...crossOnly.collateral, USDC: usdc } }, markets, params }
  })
}

/**
 * The rule this one replaced, written out as a reference: the same fraction k of every position,
 * the smallest k in [0, 1] that restores the buffer, by a scan in steps of 1/64 and bisection to 1e-12.
 */
function proportionalClosing(account: Account, markets: Markets, params: RiskParams): { fraction: number; notional: number } | null {
  const all = Object.keys(evaluateAccount(account, markets, params).underlyings)
  const closeUniform = (k: number) => closedBySpec(account, markets, params, Object.fromEntries(all.map((m) => [m, k])))
  if (surplusOf(closeUniform(1).account, markets, params) < 0) return null
  // The first crossing from 0 (option books need not be monotone), then bisection within it.
  let high = 1 / 64
  while (high < 1 && surplusOf(closeUniform(high).account, markets, params) < 0) high = Math.min(1, high + 1 / 64)
  let low = high - 1 / 64
  while (high - low > 1e-12) {
    const mid = (low + high) / 2
    if (surplusOf(closeUniform(mid).account, markets, params) >= 0) high = mid
    else low = mid
  }
  return { fraction: high, notional: closeUniform(high).notional }
}

describe('liquidationSize', () => {
  test('one perp, fixed maintenance fraction: t = ((1+b)·l·N − A) / (N·((1+b)·l − fee))', () => {
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
    expect(result.order).toEqual(['BTC'])
    expect(result.closing).toBeCloseTo(expected, 11)
    expect(result.fractions.BTC).toBe(result.closing)
    expect(result.closedPerps[0]).toBeCloseTo(-expected, 11)
    expect(result.fee).toBeCloseTo(params.liqFee * expected * N, 8)
    const after = evaluateAccount(result.account, markets, params)
    expect(after.equity).toBeCloseTo(result.equity.after, 9)
    expect(after.equity).toBeCloseTo(after.maintenanceMargin * (1 + b), 6)
  })

  test('two perps: the underlying with the wider maintenance range closes first (ranges by hand)', () => {
    // Perp-only, no size slope: MM_m = M_m·|q|·S, so MM_m/G_m is the range M_m = max(mmFloor, z·σ·√(h/yr)).
    const wide: Markets = {
      now,
      underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 }, ETH: { price: 3_000, conf: 0, vol: 0.9, fundingIndex: 0 } },
      collateral: { USDC: { price: 1, conf: 0 } },
    }
    const sqrtHorizon = Math.sqrt(3_600 / year)
    const rangeBtc = Math.max(0.005, 3 * 0.5 * sqrtHorizon) // 0.016029…
    const rangeEth = Math.max(0.0075, 3 * 0.9 * sqrtHorizon) // 0.028852…
    const b = noSlope.liqBuffer
    const fee = noSlope.liqFee
    const book = (usdc: number, btc: number): Account => ({
      collateral: { USDC: usdc },
      perps: [
        { underlying: 'BTC', size: btc, entryPrice: 60_000, lastFundingIndex: 0 },
        { underlying: 'ETH', size: 20, entryPrice: 3_000, lastFundingIndex: 0 },
      ],
      options: [],
      isolated: [],
    })
    const gEth = 20 * 3_000

    // 1 BTC, A = 2,500: closing part of ETH alone restores the buffer.
    const gBtc = 60_000
    const mm = rangeBtc * gBtc + rangeEth * gEth
    const partOfEth = liquidationSize({ account: book(2_500, 1), markets: wide, params: noSlope })
    expect(partOfEth.reason).toBe('partial')
    expect(partOfEth.order).toEqual(['ETH', 'BTC'])
    const tEth = ((1 + b) * mm - 2_500) / (gEth * ((1 + b) * rangeEth - fee))
    expect(tEth).toBeGreaterThan(0)
    expect(tEth).toBeLessThan(1)
    expect(partOfEth.closing).toBeCloseTo(tEth, 10)
    expect(partOfEth.fractions).toEqual({ ETH: partOfEth.closing, BTC: 0 })
    expect(partOfEth.closedPerps[0]).toBe(0)
    expect(partOfEth.closedPerps[1]).toBeCloseTo(-20 * tEth, 9)
    expect(partOfEth.closedNotional).toBeCloseTo(tEth * gEth, 6)
    // The old proportional rule closes more notional (and pays more fee) for the same restoration.
    const k = ((1 + b) * mm - 2_500) / ((1 + b) * mm - fee * (gBtc + gEth))
    expect(partOfEth.closedNotional).toBeLessThan(k * (gBtc + gEth))

    // 3 BTC, A = 3,300: all of ETH, then part of BTC.
    const gBtc3 = 180_000
    const mm3 = rangeBtc * gBtc3 + rangeEth * gEth
    const intoBtc = liquidationSize({ account: book(3_300, 3), markets: wide, params: noSlope })
    const released = gEth * ((1 + b) * rangeEth - fee)
    const tBtc = 1 + ((1 + b) * mm3 - 3_300 - released) / (gBtc3 * ((1 + b) * rangeBtc - fee))
    expect(tBtc).toBeGreaterThan(1)
    expect(intoBtc).toMatchObject({ reason: 'partial', order: ['ETH', 'BTC'] })
    expect(intoBtc.closing).toBeCloseTo(tBtc, 10)
    expect(intoBtc.fractions.ETH).toBe(1)
    expect(intoBtc.fractions.BTC).toBeCloseTo(tBtc - 1, 10)
    expect(intoBtc.account.perps.map((p) => p.underlying)).toEqual(['BTC'])
    expect(intoBtc.account.perps[0]!.size).toBeCloseTo(3 * (2 - tBtc), 9)
  })

  test('ties keep the market order of params.markets', () => {
    // Same fixed range everywhere: MM_m/G_m = 0.02 for both; ETH is held first, BTC ranks first.
    const params = fixedFraction(0.02)
    const account: Account = {
      collateral: { USDC: 1_400 },
      perps: [
        { underlying: 'ETH', size: 10, entryPrice: 3_000, lastFundingIndex: 0 },
        { underlying: 'BTC', size: 0.5, entryPrice: 59_000, lastFundingIndex: 0 },
      ],
      options: [],
      isolated: [],
    }
    expect(liquidationSize({ account, markets, params }).order).toEqual(['BTC', 'ETH'])
  })

  test('short straddle with a perp hedge: ranked by the grid, closed in proportion with its hedge', () => {
    const expiry = now + 14 * 86_400
    const calmEth: Markets = { ...markets, underlyings: { ...markets.underlyings, ETH: { price: 3_000, conf: 0, vol: 0.45, fundingIndex: 0 } } }
    // BTC: short 10 straddles at 59,000 with a small long perp; ETH: a plain long perp.
    const account: Account = {
      collateral: { USDC: 0 },
      perps: [
        { underlying: 'BTC', size: 0.5, entryPrice: 59_000, lastFundingIndex: 0 },
        { underlying: 'ETH', size: 60, entryPrice: 3_100, lastFundingIndex: 0 },
      ],
      options: [
        { underlying: 'BTC', kind: 'call', strike: 59_000, expiry, size: -10 },
        { underlying: 'BTC', kind: 'put', strike: 59_000, expiry, size: -10 },
      ],
      isolated: [],
    }
    // Independent ranking: the slow reference grid (one optionPrice per position per scenario).
    const ratio = (m: string) => {
      const ref = referenceMargin(account, calmEth, defaultRiskParams, m)
      return ref.maintenanceMargin / ref.grossNotional
    }
    // BTC's price range (3·0.5·√(h/yr) = 0.0160) is wider than ETH's (0.0144 + size slope), but a
    // straddle's grid loss per contract is a fraction of a perp's: the grid puts ETH first.
    const sqrtHorizon = Math.sqrt(3_600 / year)
    expect(3 * 0.5 * sqrtHorizon).toBeGreaterThan(3 * 0.45 * sqrtHorizon + 1e-9 * 180_000)
    expect(ratio('ETH')).toBeGreaterThan(ratio('BTC'))

    // Fund it to equity = 0.8·MM.
    const risk = evaluateAccount(account, calmEth, defaultRiskParams)
    const funded = { ...account, collateral: { USDC: 0.8 * risk.maintenanceMargin - risk.equity } }
    const result = liquidationSize({ account: funded, markets: calmEth, params: defaultRiskParams })
    expect(result.reason).toBe('partial')
    expect(result.order).toEqual(['ETH', 'BTC'])
    // All of ETH, then part of BTC: every BTC position by the same fraction, hedge included.
    expect(result.closing).toBeGreaterThan(1)
    expect(result.closing).toBeLessThan(2)
    expect(result.fractions.ETH).toBe(1)
    const f = result.fractions.BTC!
    expect(f).toBeCloseTo(result.closing - 1, 15)
    expect(result.closedPerps[0]).toBeCloseTo(-0.5 * f, 12)
    expect(result.closedPerps[1]).toBe(-60)
    expect(result.closedOptions[0]).toBeCloseTo(10 * f, 12)
    expect(result.closedOptions[1]).toBeCloseTo(10 * f, 12)
    expect(result.account.perps.map((p) => p.underlying)).toEqual(['BTC'])
    // Restored, minimal, and the book the spec describes.
    const scale = roundingScale(funded, calmEth, defaultRiskParams)
    expect(surplusOf(result.account, calmEth, defaultRiskParams)).toBeGreaterThanOrEqual(-1e-12 * scale)
    const less = closedBySpec(funded, calmEth, defaultRiskParams, fractionsOf(result.order, result.closing - 1e-9)).account
    expect(surplusOf(less, calmEth, defaultRiskParams)).toBeLessThan(0)
    const spec = closedBySpec(funded, calmEth, defaultRiskParams, result.fractions).account
    expect(evaluateAccount(spec, calmEth, defaultRiskParams).equity).toBeCloseTo(result.equity.after, 6)
    // The proportional rule closes more notional for the same restoration.
    const proportional = proportionalClosing(funded, calmEth, defaultRiskParams)!
    expect(result.closedNotional).toBeLessThan(proportional.notional)
  })

  test('below the backstop everything is closed and the shortfall reported', () => {
    const account: Account = { collateral: { USDC: 200 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] }
    const result = liquidationSize({ account, markets, params: defaultRiskParams })
    expect(result.reason).toBe('backstop')
    expect(result.closing).toBe(1)
    expect(result.fractions).toEqual({ BTC: 1 })
    expect(result.account.perps).toEqual([])
    // equity −800 minus the fee on 59,000 of notional
    expect(result.shortfall).toBeCloseTo(800 + 0.005 * 59_000, 8)
  })

  test('a full close of a two-underlying book closes t = 2', () => {
    const account: Account = {
      collateral: { USDC: 200 },
      perps: [
        { underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 },
        { underlying: 'ETH', size: -5, entryPrice: 3_000, lastFundingIndex: 0 },
      ],
      options: [],
      isolated: [],
    }
    const result = liquidationSize({ account, markets, params: defaultRiskParams })
    expect(result).toMatchObject({ reason: 'backstop', closing: 2, fractions: { BTC: 1, ETH: 1 } })
    expect(result.account.perps).toEqual([])
    expect(result.closedNotional).toBeCloseTo(59_000 + 5 * 3_000, 8)
  })

  test('not liquidatable: nothing closed', () => {
    const account: Account = { collateral: { USDC: 50_000 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] }
    expect(liquidationSize({ account, markets, params: defaultRiskParams })).toMatchObject({ reason: 'notLiquidatable', closing: 0, fractions: { BTC: 0 }, fee: 0 })
  })

  test('an isolated position is liquidated on its own margin', () => {
    const l = 0.02
    const params = fixedFraction(l)
    const account: Account = {
      collateral: { USDC: 1e6 },
      perps: [{ underlying: 'ETH', size: 100, entryPrice: 3_000, lastFundingIndex: 0 }],
      options: [],
      isolated: [{ id: 'a', margin: 2_150, perp: { underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 } }],
    }
    const result = liquidationSize({ account, markets, params, isolatedId: 'a' })
    const expected = ((1 + params.liqBuffer) * l * 59_000 - 1_150) / (59_000 * ((1 + params.liqBuffer) * l - params.liqFee))
    expect(result.order).toEqual(['BTC'])
    expect(result.closing).toBeCloseTo(expected, 11)
    expect(result.fractions).toEqual({ BTC: result.closing })
    expect(result.account.isolated[0]!.perp.size).toBeCloseTo(1 - expected, 11)
    expect(result.account.collateral.USDC).toBe(1e6)
    expect(result.account.perps).toEqual(account.perps)
  })

  test('property: a partial liquidation restores MM·(1 + buffer) and t − 1e-9 does not', () => {
    let partialAcrossUnderlyings = 0
    fc.assert(
      fc.property(fc.oneof(riskInput, liquidatableBooks(fc.double({ min: 0.6, max: 1, noNaN: true }))), ({ account, markets, params }) => {
        const crossOnly = { ...account, isolated: [] }
        const result = liquidationSize({ account: crossOnly, markets, params })
        const before = evaluateAccount(crossOnly, markets, params)
        expect(result.equity.before).toBe(before.equity)
        expect(Number.isFinite(result.closing) && Number.isFinite(result.fee)).toBe(true)
        // The order: every held underlying once, by MM_m/G_m of the evaluation before, highest first.
        expect([...result.order].sort()).toEqual(Object.keys(before.underlyings).sort())
        const ratios = result.order.map((m) => before.underlyings[m]!.maintenanceMargin / before.underlyings[m]!.grossNotional)
        for (let r = 1; r < ratios.length; r++) expect(ratios[r]!).toBeLessThanOrEqual(ratios[r - 1]!)
        expect(result.fractions).toEqual(fractionsOf(result.order, result.closing))
        expect(result.closing >= 0 && result.closing <= result.order.length).toBe(true)

        const after = evaluateAccount(result.account, markets, params)
        // Equity sums collateral values, PnL and option values: its rounding scales with their
        // magnitudes (a USDC debt against as much wstETH leaves tiny equity with large rounding).
        const scale = roundingScale(crossOnly, markets, params)
        if (result.reason === 'notLiquidatable') expect(before.equity).toBeGreaterThanOrEqual(before.maintenanceMargin)
        if (result.reason === 'backstop') expect(before.equity).toBeLessThan(params.backstopRatio * before.maintenanceMargin)
        if (result.reason === 'backstop' || result.reason === 'partialInsufficient') expect(result.closing).toBe(result.order.length)
        if (result.reason === 'partial') {
          if (result.closing > 1) partialAcrossUnderlyings++
          expect(after.equity - after.maintenanceMargin * (1 + params.liqBuffer)).toBeGreaterThanOrEqual(-1e-12 * scale)
          // minimal: closing 1e-9 less (of an underlying) does not restore the buffer
          const less = closedBySpec(crossOnly, markets, params, fractionsOf(result.order, Math.max(0, result.closing - 1e-9))).account
          expect(surplusOf(less, markets, params)).toBeLessThanOrEqual(1e-12 * scale)
          // and the returned account is the one the spec describes
          const spec = evaluateAccount(closedBySpec(crossOnly, markets, params, result.fractions).account, markets, params)
          expect(Math.abs(spec.equity - after.equity)).toBeLessThanOrEqual(1e-9 * scale)
        }
      }),
      { numRuns: 10_000 },
    )
    expect(partialAcrossUnderlyings).toBeGreaterThan(100)
  })

  test('property: closes no more notional than closing every position in proportion (sizeSlope 0, USDC conf 0)', () => {
    // The knapsack argument is exact when the requirement scales with the book (sizeSlope 0) and
    // cash moves into USDC at full value (conf 0); then greedy by MM_m/G_m is optimal among
    // per-underlying proportional closes, of which the old uniform rule is one.
    const exact = riskInput.map(({ account, markets, params }) => ({
      account,
      markets: { ...markets, collateral: { ...markets.collateral, USDC: { price: 1, conf: 0 } } },
      params: { ...params, markets: Object.fromEntries(Object.entries(params.markets).map(([m, p]) => [m, { ...p, sizeSlope: 0 }])) },
    }))
    let compared = 0
    fc.assert(
      fc.property(liquidatableBooks(fc.double({ min: 0.7, max: 0.999, noNaN: true }), exact), ({ account, markets, params }) => {
        const result = liquidationSize({ account, markets, params })
        if (result.reason !== 'partial' && result.reason !== 'partialInsufficient') return
        const proportional = proportionalClosing(account, markets, params)
        // Closing everything is the same under both rules, so both restore or neither does.
        expect(proportional === null).toBe(result.reason === 'partialInsufficient')
        if (result.reason !== 'partial' || proportional === null) return
        compared++
        const notional = evaluateAccount(account, markets, params).grossNotional
        expect(result.closedNotional).toBeLessThanOrEqual(proportional.notional + 1e-9 * notional)
      }),
      { numRuns: 300 },
    )
    expect(compared).toBeGreaterThan(100)
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
