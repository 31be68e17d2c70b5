/**
 * Test-only books for the gauge helpers, evaluated by lib/core itself (so the tests check the
 * helpers against the real engine figures, not hand-made numbers).
 */
import { evaluateAccount, type EvaluateAccountReturnType } from '@/lib/core/risk/evaluateAccount'
import { defaultRiskParams } from '@/lib/core/risk/params'
import type { Account, Markets, RiskParams } from '@/lib/core/risk/types'

export const now = 1_700_000_000
export const yearSeconds = 31_536_000

export const markets: Markets = {
  now,
  underlyings: {
    BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 },
    ETH: { price: 3_000, conf: 0, vol: 0.6, fundingIndex: 0 },
    SOL: { price: 150, conf: 0, vol: 0.05, fundingIndex: 0 },
  },
  collateral: { USDC: { price: 1, conf: 0 } },
}

/** Default params without the size slope: M_mm is then independent of the book's size. */
export const noSlopeParams: RiskParams = {
  ...defaultRiskParams,
  markets: Object.fromEntries(Object.entries(defaultRiskParams.markets).map(([m, p]) => [m, { ...p, sizeSlope: 0 }])),
}

export function book(partial: Partial<Account>): Account {
  return { collateral: { USDC: 10_000 }, perps: [], options: [], isolated: [], ...partial }
}

/** `markets` with some underlyings' prices replaced. */
export function withPrices(prices: Record<string, number>, base: Markets = markets): Markets {
  const underlyings = { ...base.underlyings }
  for (const [m, price] of Object.entries(prices)) underlyings[m] = { ...(underlyings[m] as Markets['underlyings'][string]), price }
  return { ...base, underlyings }
}

export function evaluate(account: Account, at: Markets = markets, params: RiskParams = defaultRiskParams, liquidationPrices = true): EvaluateAccountReturnType {
  return evaluateAccount(account, at, params, { liquidationPrices })
}

/** M_mm of DESIGN.md §4.2 for a market, without the size term: max(mmFloor, z·σ·√(h / yr)). */
export function baseRange(underlying: string, params: RiskParams = defaultRiskParams, at: Markets = markets): number {
  const vol = (at.underlyings[underlying] as Markets['underlyings'][string]).vol
  const floor = (params.markets[underlying] as RiskParams['markets'][string]).mmFloor
  return Math.max(floor, params.z * vol * Math.sqrt(params.horizonSeconds / yearSeconds))
}
