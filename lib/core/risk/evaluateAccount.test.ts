import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CoreError, InvalidInputError } from '../errors'
import { evaluateAccount } from './evaluateAccount'
import { defaultRiskParams } from './params'
import { now, riskInput, type RiskInput } from './riskBooks.testing'
import type { Account } from './types'

/** Every number reachable in `value`, with its path. */
function numbers(value: unknown, path = '', out: [string, number][] = []): [string, number][] {
  if (typeof value === 'number') out.push([path, value])
  else if (Array.isArray(value)) value.forEach((v, i) => numbers(v, `${path}[${i}]`, out))
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) numbers(v, `${path}.${k}`, out)
  return out
}

/** The only figures allowed to be infinite: ratios to equity when equity <= 0. */
const mayBeInfinite = /\.(marginRatio|grossLeverage|netLeverage|leverage)$/

describe('evaluateAccount', () => {
  it('matches its documented example', () => {
    const risk = evaluateAccount(
      { collateral: { USDC: 10_000 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] },
      { now: 1_700_000_000, underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 } }, collateral: { USDC: { price: 1, conf: 0 } } },
      defaultRiskParams,
    )
    // 60,000 × (3 × 0.5 × sqrt(3600 / 31,536,000) + 1e-9 × 60,000), DESIGN.md §4.2
    expect(risk.maintenanceMargin).toBeCloseTo(60_000 * (1.5 * Math.sqrt(3_600 / 31_536_000) + 6e-5), 9)
    expect(risk.grossLeverage).toBe(6)
  })

  it('adds liquidation prices only when asked, solving equity = MM (DESIGN.md §4.2 closed form)', () => {
    const account: Account = { collateral: { USDC: 10_000 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] }
    const markets = { now: 1_700_000_000, underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 } }, collateral: { USDC: { price: 1, conf: 0 } } }
    expect(evaluateAccount(account, markets, defaultRiskParams).liquidationPrices).toBeUndefined()

    const risk = evaluateAccount(account, markets, defaultRiskParams, { liquidationPrices: true })
    // Long 1 BTC on 10,000 USDC: equity 10,000 + (S − 60,000) = MM = (M0 + 1e-9·S)·S with
    // M0 = 3·0.5·sqrt(3600/31,536,000), i.e. 1e-9·S² + (M0 − 1)·S + 50,000 = 0, smaller root.
    const m0 = 1.5 * Math.sqrt(3_600 / 31_536_000)
    const b = m0 - 1
    const expected = (-b - Math.sqrt(b * b - 4 * 1e-9 * 50_000)) / (2 * 1e-9)
    const below = risk.liquidationPrices?.perps[0]?.below
    expect(below?.price).not.toBeNull()
    expect(Math.abs((below as { price: number }).price - expected) / expected).toBeLessThan(1e-9)
    expect(risk.liquidationPrices?.perps[0]?.above.price).toBeNull()
    // The rest of the evaluation is the same with or without them.
    expect(risk.maintenanceMargin).toBe(evaluateAccount(account, markets, defaultRiskParams).maintenanceMargin)
  })

  it('property: no NaN anywhere for random valid books (equity of any sign); only ratios may be infinite', () => {
    let nonPositiveEquity = 0
    fc.assert(
      fc.property(riskInput, ({ account, markets, params }) => {
        const risk = evaluateAccount(account, markets, params)
        if (risk.equity <= 0) nonPositiveEquity++
        // One expect per book, not per figure: vitest's expect is too slow for ~10^6 calls.
        const bad = numbers(risk).filter(([path, value]) => Number.isNaN(value) || (!Number.isFinite(value) && !mayBeInfinite.test(path)))
        expect(bad).toEqual([])
        expect(risk.liquidatable).toBe(risk.marginRatio > 1)
        for (const position of risk.isolated) expect(position.liquidatable).toBe(position.marginRatio > 1)
      }),
      { numRuns: 10_000 },
    )
    expect(nonPositiveEquity).toBeGreaterThan(100) // the A <= 0 branch is exercised
  })

  it('property: MM >= 0, IM >= MM, per underlying and in total', () => {
    fc.assert(
      fc.property(riskInput, ({ account, markets, params }) => {
        const risk = evaluateAccount(account, markets, params)
        expect(risk.maintenanceMargin).toBeGreaterThanOrEqual(0)
        expect(risk.initialMargin).toBeGreaterThanOrEqual(risk.maintenanceMargin)
        for (const figures of Object.values(risk.underlyings)) {
          expect(figures.maintenanceMargin).toBeGreaterThanOrEqual(0)
          expect(figures.initialMargin).toBeGreaterThanOrEqual(figures.maintenanceMargin)
          expect(figures.worstMaintenanceScenario.pnl).toBeLessThanOrEqual(0)
        }
        for (const position of risk.isolated) expect(position.initialMargin).toBeGreaterThanOrEqual(position.maintenanceMargin)
      }),
      { numRuns: 10_000 },
    )
  })

  it('property: scaling every size and balance by c scales equity, MM and IM by c (sizeSlope = 0)', () => {
    const noSlope = (input: RiskInput) => ({
      ...input,
      params: {
        ...input.params,
        markets: Object.fromEntries(Object.entries(input.params.markets).map(([m, p]) => [m, { ...p, sizeSlope: 0 }])),
      },
    })
    fc.assert(
      fc.property(riskInput.map(noSlope), fc.double({ min: 0.01, max: 100, noNaN: true }), ({ account, markets, params }, c) => {
        const scaled: Account = {
          collateral: Object.fromEntries(Object.entries(account.collateral).map(([asset, balance]) => [asset, balance * c])),
          perps: account.perps.map((p) => ({ ...p, size: p.size * c })),
          options: account.options.map((o) => ({ ...o, size: o.size * c })),
          isolated: account.isolated.map((i) => ({ ...i, margin: i.margin * c, perp: { ...i.perp, size: i.perp.size * c } })),
        }
        const base = evaluateAccount(account, markets, params)
        const big = evaluateAccount(scaled, markets, params)
        // Rounding scales with the book's gross size, not with a small net figure.
        const parts = [base.grossNotional, base.collateralValue, base.perpPnl, base.fundingOwed, base.optionValue]
        const scale = c * (parts.reduce((sum, part) => sum + Math.abs(part), 0) + 1) * 1e-12
        expect(Math.abs(big.equity - c * base.equity)).toBeLessThanOrEqual(scale)
        expect(Math.abs(big.maintenanceMargin - c * base.maintenanceMargin)).toBeLessThanOrEqual(scale)
        expect(Math.abs(big.initialMargin - c * base.initialMargin)).toBeLessThanOrEqual(scale)
      }),
      { numRuns: 10_000 },
    )
  })

  it('property: random invalid input gives a typed CoreError, never a figure', () => {
    const corruptions = fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -1, 1e300, 'x' as unknown as number)
    const corrupt = fc.tuple(riskInput, fc.nat(), corruptions).map(([input, pick, bad]) => {
      const copy: RiskInput = structuredClone(input)
      const targets: [object, string][] = []
      for (const market of Object.values(copy.markets.underlyings)) targets.push([market, 'price'], [market, 'vol'])
      for (const price of Object.values(copy.markets.collateral)) targets.push([price, 'price'])
      for (const perp of copy.account.perps) targets.push([perp, 'size'], [perp, 'entryPrice'])
      for (const option of copy.account.options) targets.push([option, 'strike'], [option, 'size'])
      for (const position of copy.account.isolated) targets.push([position.perp, 'size'])
      targets.push([copy.params, 'volDown'], [copy.params, 'imMultiplier'])
      const [target, key] = targets[pick % targets.length]!
      // Every target must be positive, except sizes (non-zero, any sign) and volDown (in [0, 1)).
      const invalid = key === 'size' && bad === -1 ? 0 : key === 'volDown' && bad === 0 ? 1 : bad
      ;(target as Record<string, unknown>)[key] = invalid
      return copy
    })
    fc.assert(
      fc.property(corrupt, ({ account, markets, params }) => {
        let thrown: unknown
        try {
          evaluateAccount(account, markets, params)
        } catch (error) {
          thrown = error
        }
        expect(thrown).toBeInstanceOf(CoreError)
      }),
      { numRuns: 10_000 },
    )
  })

  it('rejects unknown markets, unknown assets and inconsistent accounts with their typed errors', () => {
    const markets = { now, underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 } }, collateral: { USDC: { price: 1, conf: 0 } } }
    const perp = { underlying: 'ETH', size: 1, entryPrice: 3_000, lastFundingIndex: 0 }
    expect(() => evaluateAccount({ collateral: {}, perps: [perp], options: [], isolated: [] }, markets, defaultRiskParams)).toThrow(
      'Unknown market "ETH".',
    )
    expect(() => evaluateAccount({ collateral: { WETH: 1 }, perps: [], options: [], isolated: [] }, markets, defaultRiskParams)).toThrow(
      'Unknown collateral asset "WETH".',
    )
    expect(() =>
      evaluateAccount({ collateral: { USDC: Number.NaN }, perps: [], options: [], isolated: [] }, markets, defaultRiskParams),
    ).toThrow(InvalidInputError)
  })
})
