import { describe, expect, it } from 'vitest'
import { jumpAssumptions } from '@/lib/core/risk/jumpAssumptions'
import { liquidationProbability } from '@/lib/core/risk/liquidationProbability'
import { defaultRiskParams } from '@/lib/core/risk/params'
import type { Account, Markets } from '@/lib/core/risk/types'
import type { ProbabilityTarget } from '@/lib/estimates/protocol'
import { assumptionLines } from './assumptionLines'

/** A long BTC and a long ETH perp, safe enough that no simulated path is liquidated (so lib/core adds its rule-of-three line). */
const account: Account = {
  collateral: { USDC: 100_000 },
  perps: [
    { underlying: 'BTC', size: 0.5, entryPrice: 60_000, lastFundingIndex: 0 },
    { underlying: 'ETH', size: 5, entryPrice: 3_000, lastFundingIndex: 0 },
  ],
  options: [],
  isolated: [],
}
const markets: Markets = {
  now: 1_700_000_000,
  underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.55, fundingIndex: 0 }, ETH: { price: 3_000, conf: 0, vol: 0.65, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0 } },
}

describe('assumptionLines', () => {
  it('lists lib/core’s assumptions for all horizons once, without the step counts and bounds the cells already show', () => {
    const horizons = [3_600, 86_400].map((horizonSeconds) => liquidationProbability({ account, markets, params: defaultRiskParams, horizonSeconds, jumps: jumpAssumptions.underlyings, paths: 200 }))
    const target: ProbabilityTarget = { kind: 'cross', isolatedId: null, underlying: null, size: null, horizons }
    const raw = horizons.flatMap((estimate) => estimate.assumptions)
    expect(raw.some((line) => line.startsWith('No simulated path'))).toBe(true) // what is folded is there to fold
    expect(raw.filter((line) => line.startsWith('Monte Carlo'))).toHaveLength(2)

    const lines = assumptionLines([target, target])
    expect(lines).toContain('Monte Carlo, 200 paths, checked at each step (slightly underestimates).')
    expect(lines.filter((line) => line.startsWith('Monte Carlo'))).toHaveLength(1)
    expect(lines.some((line) => line.startsWith('No simulated path'))).toBe(false)
    expect(lines).toContain('BTC jumps 20 times a year on average, log size N(-0.01, 0.03²).')
    expect(new Set(lines).size).toBe(lines.length)
  })
})
