import { describe, expect, it } from 'vitest'
import { defaultOptionTradingParams } from '../../lib/core/market/params'
import { normalCdf } from '../../lib/core/math/normalCdf'
import { evaluateAccount } from '../../lib/core/risk/evaluateAccount'
import { jumpAssumptions } from '../../lib/core/risk/jumpAssumptions'
import { defaultRiskParams } from '../../lib/core/risk/params'
import type { Account, Markets } from '../../lib/core/risk/types'
import { SECONDS_PER_YEAR } from '../../lib/core/units'
import type { BookState } from '../../lib/engine/protocol'
import type { EstimatesMessage, ProbabilitiesJob, ProbabilitiesResult } from '../../lib/estimates/protocol'
import { createEstimatesCore } from './createEstimatesCore'

const spot = 60_000
const vol = 0.5
const collateral = 3_000
/** Long 1 BTC from 60,000 on 3,000 USDC: 20× — liquidated a little over 1 standard deviation of a day below. */
const account: Account = { collateral: { USDC: collateral }, perps: [{ underlying: 'BTC', size: 1, entryPrice: spot, lastFundingIndex: 0 }], options: [], isolated: [] }
const markets: Markets = {
  now: 1_700_000_000,
  underlyings: {
    BTC: { price: spot, conf: 0, vol, fundingIndex: 0 },
    ETH: { price: 3_000, conf: 0, vol: 0.7, fundingIndex: 0 },
  },
  collateral: { USDC: { price: 1, conf: 0 } },
}
const book = (overrides: Partial<Account> = {}): BookState => ({ account: { ...account, ...overrides }, markets, params: defaultRiskParams, optionTradingParams: defaultOptionTradingParams, skews: {} })
const noJumps = { BTC: { intensity: 0, meanLog: 0, volLog: 0 } }
const job = (overrides: Partial<ProbabilitiesJob> = {}): ProbabilitiesJob => ({ book: book(), horizons: [86_400], jumps: noJumps, paths: 10_000, seed: 1, ...overrides })

/**
 * The liquidation price of the 20× long from DESIGN.md §4.1–4.2 alone: equity 3,000 + (S − 60,000)
 * meets MM = (M₀ + sizeSlope·S)·S, M₀ = z·σ·√(1 h / yr) (above BTC's 0.5 % floor):
 * sizeSlope·S² − (1 − M₀)·S + 57,000 = 0, the root near the price (cancellation-free form).
 */
function closedFormLiquidationPrice(): number {
  const { z, horizonSeconds } = defaultRiskParams
  const { sizeSlope } = defaultRiskParams.markets.BTC!
  const m0 = z * vol * Math.sqrt(horizonSeconds / SECONDS_PER_YEAR)
  const c = spot - collateral
  return (2 * c) / (1 - m0 + Math.sqrt((1 - m0) ** 2 - 4 * sizeSlope * c))
}

/** Reflection principle (Shreve II §7.2.2): P(min over [0, T] of νt + σW_t ≤ b), b < 0, ν = −σ²/2 (no drift in the price). */
function firstPassageBelow(barrier: number, years: number, sigma = vol): number {
  const nu = -0.5 * sigma * sigma
  const s = sigma * Math.sqrt(years)
  return normalCdf((barrier - nu * years) / s) + Math.exp((2 * nu * barrier) / (sigma * sigma)) * normalCdf((barrier + nu * years) / s)
}

function setup({ manualYield = false } = {}) {
  const posted: EstimatesMessage[] = []
  const waiting: (() => void)[] = []
  const core = createEstimatesCore({
    post: (message) => posted.push(message),
    yieldToMessages: manualYield ? () => new Promise<void>((resolve) => waiting.push(resolve)) : () => Promise.resolve(),
  })
  /** Lets every job waiting between chunks go on, until none waits. */
  const drain = async () => {
    for (let i = 0; i < 100 && waiting.length > 0; i++) {
      waiting.splice(0).forEach((resolve) => resolve())
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
  }
  return { core, posted, drain }
}

const resultOf = (posted: EstimatesMessage[], id: number) => {
  const message = posted.find((m) => m.type === 'response' && m.id === id)
  if (message?.type !== 'response' || !message.ok) throw new Error(`no result for ${id}: ${JSON.stringify(message)}`)
  return message.result as ProbabilitiesResult
}

describe('createEstimatesCore', () => {
  it('a single-perp book without jumps: the 24 h probability is the reflection-principle first passage to the closed-form liquidation price', async () => {
    const { core, posted } = setup()
    await core.onCommand({ type: 'probabilities', id: 1, job: job() })
    const [cross] = resultOf(posted, 1).targets
    const [day] = cross!.horizons
    const barrier = Math.log(closedFormLiquidationPrice() / spot)
    const truth = firstPassageBelow(barrier, 86_400 / SECONDS_PER_YEAR)
    expect(truth).toBeGreaterThan(0.05) // a figure worth showing, not a 1e-10
    expect(day!.method).toBe('analytic')
    expect(day!.probability).toBeCloseTo(truth, 9)
    expect(day!.standardError).toBe(0)
  })

  it('with the demo’s jumps: Monte Carlo, n paths, a standard error, and within a few standard errors of the diffusion with the same total variance', async () => {
    const { core, posted } = setup()
    await core.onCommand({ type: 'probabilities', id: 1, job: job({ jumps: jumpAssumptions.underlyings, horizons: [3_600, 86_400] }) })
    const [hour, day] = resultOf(posted, 1).targets[0]!.horizons
    for (const estimate of [hour!, day!]) {
      expect(estimate.method).toBe('monteCarlo')
      expect(estimate.paths).toBe(10_000)
      expect(estimate.assumptions.join(' ')).toMatch(/BTC jumps 20 times a year/)
    }
    // Jumps of N(−1 %, 3 %²) 20 times a year add λ(μ² + δ²) to the yearly variance: a diffusion
    // with that variance is a second, independent estimate (jumps make the tails fatter; allow 0.02).
    const jump = jumpAssumptions.underlyings.BTC!
    const effectiveVol = Math.sqrt(vol * vol + jump.intensity * (jump.meanLog ** 2 + jump.volLog ** 2))
    const barrier = Math.log(closedFormLiquidationPrice() / spot)
    const approximate = firstPassageBelow(barrier, 86_400 / SECONDS_PER_YEAR, effectiveVol)
    expect(day!.standardError).toBeGreaterThan(0)
    expect(day!.standardError).toBeLessThanOrEqual(0.005)
    expect(Math.abs(day!.probability - approximate)).toBeLessThan(4 * day!.standardError + 0.02)
    // Over a shorter horizon, less time to fall: a smaller probability.
    expect(hour!.probability).toBeLessThan(day!.probability)
  })

  it('estimates each isolated position on its own margin after the cross account', async () => {
    const { core, posted } = setup()
    const isolated = [{ id: '7', margin: 1_000, perp: { underlying: 'ETH', size: -5, entryPrice: 3_000, lastFundingIndex: 0 } }]
    await core.onCommand({ type: 'probabilities', id: 1, job: job({ book: book({ isolated }), horizons: [86_400, 604_800], jumps: {} }) })
    const targets = resultOf(posted, 1).targets
    expect(targets.map((t) => [t.kind, t.isolatedId, t.underlying, t.size])).toEqual([
      ['cross', null, null, null],
      ['isolated', '7', 'ETH', -5],
    ])
    // 15× short ETH on 1,000 USDC: liquidated a few % up; over 7 days likelier than over 1 day, and not certain.
    const [day, week] = targets[1]!.horizons
    expect(week!.probability).toBeGreaterThan(day!.probability)
    expect(week!.probability).toBeGreaterThan(0)
    expect(week!.probability).toBeLessThan(1)
  })

  it('a newer probabilities job supersedes the running one: the old answers `cancelled` at its next chunk, the new one its result', async () => {
    const { core, posted, drain } = setup({ manualYield: true })
    const first = core.onCommand({ type: 'probabilities', id: 1, job: job({ horizons: [3_600, 86_400] }) })
    const second = core.onCommand({ type: 'probabilities', id: 2, job: job({ horizons: [3_600] }) })
    await drain()
    await Promise.all([first, second])
    expect(posted.filter((m) => m.type !== 'ready').map((m) => [m.type, 'id' in m ? m.id : null])).toEqual([
      ['cancelled', 1],
      ['response', 2],
    ])
    expect(resultOf(posted, 2).targets[0]!.horizons).toHaveLength(1)
  })

  it('`cancel` stops the job at its next chunk; a cancel for another id changes nothing', async () => {
    const { core, posted, drain } = setup({ manualYield: true })
    const running = core.onCommand({ type: 'probabilities', id: 1, job: job() })
    await core.onCommand({ type: 'cancel', id: 99 })
    await core.onCommand({ type: 'cancel', id: 1 })
    await drain()
    await running
    expect(posted).toEqual([{ type: 'cancelled', id: 1 }])
  })

  it('the correlated move answers between chunks of a running job; its move puts equity exactly at MM', async () => {
    const { core, posted, drain } = setup({ manualYield: true })
    const both: Account = { collateral: { USDC: 15_000 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }, { underlying: 'ETH', size: 20, entryPrice: 3_000, lastFundingIndex: 0 }], options: [], isolated: [] }
    const running = core.onCommand({ type: 'probabilities', id: 1, job: job() })
    await core.onCommand({ type: 'correlatedMove', id: 2, book: book(both) })
    expect(posted.map((m) => m.type)).toEqual(['response']) // before the job's first chunk
    const answer = posted[0]!
    if (answer.type !== 'response' || !answer.ok) throw new Error('correlated move failed')
    const { down, underlyings } = answer.result as { down: { move: number }; underlyings: string[] }
    expect(underlyings).toEqual(['BTC', 'ETH'])
    // Independent check: evaluate the book with every price moved by the answer.
    const moved: Markets = { ...markets, underlyings: Object.fromEntries(Object.entries(markets.underlyings).map(([u, m]) => [u, { ...m, price: m.price * (1 + down.move) }])) }
    const risk = evaluateAccount(both, moved, defaultRiskParams)
    expect(down.move).toBeLessThan(0)
    expect(Math.abs(risk.equity - risk.maintenanceMargin)).toBeLessThan(1e-6 * risk.maintenanceMargin)
    await drain()
    await running
  })

  it('answers lib/core’s refusal as a serialised error, never a figure', async () => {
    const { core, posted } = setup()
    const broken: BookState = { ...book(), markets: { ...markets, underlyings: { ...markets.underlyings, BTC: { ...markets.underlyings.BTC!, price: -1 } } } }
    await core.onCommand({ type: 'probabilities', id: 1, job: job({ book: broken }) })
    await core.onCommand({ type: 'correlatedMove', id: 2, book: broken })
    for (const message of posted) {
      expect(message).toMatchObject({ type: 'response', ok: false, error: { name: expect.stringMatching(/Error$/), message: expect.stringMatching(/price/) } })
    }
    expect(posted).toHaveLength(2)
  })
})
