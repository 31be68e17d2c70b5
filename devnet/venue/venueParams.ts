import { parseUnits } from 'viem'
import { defaultOracleGuardParams } from '../../lib/core/oracle/params'
import type { OracleGuardParams } from '../../lib/core/oracle/types'
import { defaultRiskParams } from '../../lib/core/risk/params'
import type { MarketParams, RiskParams } from '../../lib/core/risk/types'
import type { OptionTradingParams } from '../../lib/core/market/types'

/**
 * The engine's parameters (lib/core) in the venue's fixed point, so the contract is deployed with
 * exactly the numbers the engine uses (DESIGN.md §3: fractions and USD are WAD on-chain).
 */

/**
 * A fraction or USD amount as WAD, from the shortest decimal that prints as the number (0.55 is
 * 550000000000000000, not the binary double's 550000000000000044), rounded to 18 places.
 */
export function toWad(value: number): bigint {
  if (!Number.isFinite(value)) throw new Error(`toWad: ${value} is not a finite number`)
  if (Number.isSafeInteger(value)) return BigInt(value) * 10n ** 18n
  const decimal = String(value)
  return parseUnits(decimal.includes('e') ? value.toFixed(20) : decimal, 18)
}

/** The venue's `RiskParams` struct. */
export function venueRiskParams(params: RiskParams = defaultRiskParams) {
  return {
    z: toWad(params.z),
    horizonSeconds: BigInt(params.horizonSeconds),
    imMultiplier: toWad(params.imMultiplier),
    volUp: toWad(params.volUp),
    volDown: toWad(params.volDown),
    imVolShockMultiplier: toWad(params.imVolShockMultiplier),
    maxImVolDown: toWad(params.maxImVolDown),
    shortOptionContingency: toWad(params.shortOptionContingency),
    liqBuffer: toWad(params.liqBuffer),
    backstopRatio: toWad(params.backstopRatio),
    liqFee: toWad(params.liqFee),
    riskFreeRate: toWad(params.riskFreeRate),
  } as const
}

/** The venue's `MarketParams` struct (skewScale in WAD base units, sizeSlope per USD in WAD). */
export function venueMarketParams(params: MarketParams) {
  return {
    mmFloor: toWad(params.mmFloor),
    sizeSlope: toWad(params.sizeSlope),
    skewScale: toWad(params.skewScale),
    maxFundingVelocity: toWad(params.maxFundingVelocity),
    takerFee: toWad(params.takerFee),
  } as const
}

/** The venue's and the volatility index's `FeedGuard.Params` struct. */
export function venueGuardParams(params: OracleGuardParams = defaultOracleGuardParams) {
  return {
    maxAge: BigInt(params.maxAge),
    jumpWindow: BigInt(params.jumpWindow),
    maxFutureSkew: BigInt(params.maxFutureSkew),
    maxConfRatio: toWad(params.maxConfRatio),
    maxJump: toWad(params.maxJump),
  } as const
}

/** The venue's `OptionParams` struct (issue 8): spread, fee rate and fee cap as WAD fractions. */
export function venueOptionParams(params: OptionTradingParams) {
  return { spread: toWad(params.spread), feeRate: toWad(params.feeRate), feeCap: toWad(params.feeCap) } as const
}
