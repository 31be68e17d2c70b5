import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CoreError, InvalidInputError, UnknownMarketError } from '../errors'
import { barrierHitProbability } from '../math/barrierHitProbability'
import { normalCdf } from '../math/normalCdf'
import { correlatedMoveLiquidation } from './correlatedMoveLiquidation'
import { liquidationPrice } from './liquidationPrice'
import { liquidationProbability } from './liquidationProbability'
import { defaultRiskParams } from './params'
import { now, riskInput } from './riskBooks.testing'
import type { Account, Markets, RiskParams } from './types'
import { corruptInput } from './corruptInput.testing'

const day = 86_400
const year = 31_536_000
const params = defaultRiskParams

function marketsWith(vols: Record<string, [price: number, vol: number]>): Markets {
  const underlyings: Markets['underlyings'] = {}
  for (const [u, [price, vol]] of Object.entries(vols)) underlyings[u] = { price, conf: 0, vol, fundingIndex: 0 }
  return { now, underlyings, collateral: { USDC: { price: 1, conf: 0 } } }
}

const longBtc: Account = {
  collateral: { USDC: 10_000 },
  perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }],
  options: [],
  isolated: [],
}
const btcMarkets = marketsWith({ BTC: [60_000, 0.6] })
/** Jumps so rare they never happen in a run: forces the Monte Carlo on a pure diffusion. */
const noJumps = { intensity: 1e-12, meanLog: 0, volLog: 0 }

describe('liquidationProbability', () => {
  test('one barrier, no jumps: the closed-form first-passage probability of GBM (reflection principle)', () => {
    const price = liquidationPrice({ account: longBtc, markets: btcMarkets, params }).underlyings.BTC!.below.price as number
    for (const horizonSeconds of [3_600, day, 7 * day]) {
      const result = liquidationProbability({ account: longBtc, markets: btcMarkets, params, horizonSeconds })
      // Shreve II §7.2.2 for ln S_t = νt + σW_t, ν = −σ²/2, barrier a = ln(S_liq/S) < 0:
      // P = Φ((a − νT)/(σ√T)) + e^(2νa/σ²)·Φ((a + νT)/(σ√T)), written out here.
      const T = horizonSeconds / year
      const nu = -0.5 * 0.36
      const a = Math.log(price / 60_000)
      const s = 0.6 * Math.sqrt(T)
      const expected = normalCdf((a - nu * T) / s) + Math.exp((2 * nu * a) / 0.36) * normalCdf((a + nu * T) / s)
      expect(result.method).toBe('analytic')
      expect(result.standardError).toBe(0)
      expect(result.probability).toBeCloseTo(expected, 14)
      expect(result.assumptions.length).toBeGreaterThan(0)
    }
  })

  test('Monte Carlo cross-check: the same book simulated with simulateMerton agrees with the closed form', () => {
    const horizonSeconds = 7 * day
    const analytic = liquidationProbability({ account: longBtc, markets: btcMarkets, params, horizonSeconds })
    const simulated = liquidationProbability({
      account: longBtc,
      markets: btcMarkets,
      params,
      horizonSeconds,
      jumps: { BTC: noJumps },
      paths: 40_000,
      steps: 24,
    })
    expect(simulated.method).toBe('monteCarlo')
    expect(analytic.probability).toBeGreaterThan(0.03) // a test worth running: ≈ 5 %
    expect(Math.abs(simulated.probability - analytic.probability)).toBeLessThan(4 * simulated.standardError)
  })

  test('two barriers (a short straddle): images series vs Monte Carlo', () => {
    const straddle: Account = {
      collateral: { USDC: 12_000 },
      perps: [],
      options: [
        { underlying: 'BTC', kind: 'call', strike: 60_000, expiry: now + 30 * day, size: -1 },
        { underlying: 'BTC', kind: 'put', strike: 60_000, expiry: now + 30 * day, size: -1 },
      ],
      isolated: [],
    }
    const horizonSeconds = 2 * day
    const analytic = liquidationProbability({ account: straddle, markets: btcMarkets, params, horizonSeconds })
    const prices = liquidationPrice({ account: straddle, markets: btcMarkets, params }).underlyings.BTC!
    expect(prices.below.price).not.toBeNull()
    expect(prices.above.price).not.toBeNull()
    expect(analytic.probability).toBeGreaterThan(0.05)
    const simulated = liquidationProbability({ account: straddle, markets: btcMarkets, params, horizonSeconds, jumps: { BTC: noJumps }, paths: 40_000, steps: 24 })
    expect(Math.abs(simulated.probability - analytic.probability)).toBeLessThan(4 * simulated.standardError)
  })

  test('several underlyings, correlation 1 and equal vols: the correlated-move barrier, discretely monitored', () => {
    // With ρ = 1 every price moves by the same factor, so the book is liquidated exactly when that
    // factor crosses the correlated-move liquidation. Discrete monitoring every Δ is the continuous
    // probability with the barrier moved away by 0.5826·σ√Δ (Broadie, Glasserman & Kou, Math.
    // Finance 7 (1997), the continuity correction).
    const account: Account = {
      collateral: { USDC: 10_000 },
      perps: [
        { underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 },
        { underlying: 'ETH', size: 20, entryPrice: 3_000, lastFundingIndex: 0 },
      ],
      options: [],
      isolated: [],
    }
    const markets = marketsWith({ BTC: [60_000, 0.6], ETH: [3_000, 0.6] })
    const move = correlatedMoveLiquidation({ account, markets, params }).down
    expect(move.move).not.toBeNull()
    const horizonSeconds = 3 * day
    const steps = 72
    const T = horizonSeconds / year
    const shifted = Math.log(1 + (move.move as number)) - 0.5826 * 0.6 * Math.sqrt(T / steps)
    const expected = barrierHitProbability({ drift: -0.18, vol: 0.6, years: T, lower: shifted, upper: Infinity })
    const simulated = liquidationProbability({ account, markets, params, horizonSeconds, correlation: 1, paths: 40_000, steps })
    expect(simulated.method).toBe('monteCarlo')
    expect(expected).toBeGreaterThan(0.05)
    expect(Math.abs(simulated.probability - expected)).toBeLessThan(4 * simulated.standardError + 0.003)
  })

  test('negative jumps raise the probability for a long book; seeded runs reproduce exactly', () => {
    const horizonSeconds = day
    const analytic = liquidationProbability({ account: longBtc, markets: btcMarkets, params, horizonSeconds })
    const crashes = { BTC: { intensity: 50, meanLog: -0.08, volLog: 0.04 } }
    const a = liquidationProbability({ account: longBtc, markets: btcMarkets, params, horizonSeconds, jumps: crashes, paths: 5_000, seed: 7 })
    const b = liquidationProbability({ account: longBtc, markets: btcMarkets, params, horizonSeconds, jumps: crashes, paths: 5_000, seed: 7 })
    const c = liquidationProbability({ account: longBtc, markets: btcMarkets, params, horizonSeconds, jumps: crashes, paths: 5_000, seed: 8 })
    expect(a).toEqual(b)
    expect(c.probability).not.toBe(a.probability)
    expect(a.probability).toBeGreaterThan(analytic.probability + 4 * a.standardError)
    expect(a.assumptions.some((line) => line.includes('jumps'))).toBe(true)
  })

  test('certain and impossible cases', () => {
    const broke: Account = { ...longBtc, collateral: { USDC: 100 } }
    expect(liquidationProbability({ account: broke, markets: btcMarkets, params, horizonSeconds: day })).toMatchObject({ probability: 1, method: 'alreadyLiquidatable' })
    const cash: Account = { collateral: { USDC: 100 }, perps: [], options: [], isolated: [] }
    expect(liquidationProbability({ account: cash, markets: btcMarkets, params, horizonSeconds: day })).toMatchObject({ probability: 0, method: 'noExposure' })
  })

  test('an isolated position on its own margin', () => {
    const account: Account = { collateral: { USDC: 1e6 }, perps: [], options: [], isolated: [{ id: 'iso', margin: 3_000, perp: longBtc.perps[0]! }] }
    const cross = liquidationProbability({ account, markets: btcMarkets, params, horizonSeconds: day })
    const isolated = liquidationProbability({ account, markets: btcMarkets, params, horizonSeconds: day, isolatedId: 'iso' })
    expect(cross.method).toBe('noExposure')
    expect(isolated.method).toBe('analytic')
    expect(isolated.probability).toBeGreaterThan(0.05)
  })

  test('property: a probability in [0, 1] with a finite standard error for random books (Monte Carlo, several underlyings)', () => {
    fc.assert(
      fc.property(riskInput, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 60, max: 30 * day }), ({ account, markets, params }, correlation, horizonSeconds) => {
        const perpsOnly = { ...account, options: [] }
        const jumps = { BTC: { intensity: 20, meanLog: -0.05, volLog: 0.05 }, ETH: { intensity: 5, meanLog: 0.02, volLog: 0.1 } }
        const result = liquidationProbability({ account: perpsOnly, markets, params, horizonSeconds, correlation, jumps, paths: 16, steps: 3 })
        expect(result.probability).toBeGreaterThanOrEqual(0)
        expect(result.probability).toBeLessThanOrEqual(1)
        expect(Number.isFinite(result.standardError)).toBe(true)
      }),
      { numRuns: 10_000 },
    )
  })

  test('property: a probability in [0, 1] for random single-underlying books with options (closed form)', () => {
    fc.assert(
      fc.property(riskInput, fc.integer({ min: 1, max: 30 * day }), ({ account, markets, params }, horizonSeconds) => {
        const single: Account = {
          collateral: { USDC: account.collateral.USDC ?? 0 },
          perps: account.perps.filter((p) => p.underlying === 'BTC'),
          options: account.options.filter((o) => o.underlying === 'BTC'),
          isolated: [],
        }
        const result = liquidationProbability({ account: single, markets, params, horizonSeconds })
        expect(result.probability).toBeGreaterThanOrEqual(0)
        expect(result.probability).toBeLessThanOrEqual(1)
      }),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → typed errors', () => {
    const base = { account: longBtc, markets: btcMarkets, params, horizonSeconds: day }
    expect(() => liquidationProbability({ ...base, horizonSeconds: 0 })).toThrow(InvalidInputError)
    expect(() => liquidationProbability({ ...base, correlation: 1.5 })).toThrow(InvalidInputError)
    expect(() => liquidationProbability({ ...base, jumps: { BTC: { intensity: -1, meanLog: 0, volLog: 0 } } })).toThrow(InvalidInputError)
    expect(() => liquidationProbability({ ...base, paths: 0.5 })).toThrow(InvalidInputError)
    expect(() => liquidationProbability({ ...base, isolatedId: 'nope' })).toThrow(InvalidInputError)
    expect(() => liquidationProbability({ ...base, params: { ...params, markets: {} } as RiskParams })).toThrow(UnknownMarketError)
  })

  test('property: random invalid input → a typed error, never a figure', () => {
    fc.assert(
      fc.property(corruptInput, ({ account, markets, params }) => {
        expect(() => liquidationProbability({ account, markets, params, horizonSeconds: 3_600, paths: 10, steps: 2 })).toThrow(CoreError)
      }),
      { numRuns: 10_000 },
    )
  })
})
