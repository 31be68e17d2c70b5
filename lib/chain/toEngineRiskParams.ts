import type { RiskParams } from '../core/risk/types'
import { fromWad } from './fromWad'
import type { CollateralView, MarketView, RiskParamsView } from './types'

export type ToEngineRiskParamsParameters = {
  /** `riskParams()` at the read block. */
  riskParams: RiskParamsView
  /** `getMarkets()` at the same block: each market's own parameters. */
  markets: readonly MarketView[]
  /** `getCollaterals()` at the same block: each collateral's haircut. */
  collaterals: readonly CollateralView[]
}

/**
 * The venue's parameters as lib/core `RiskParams` (DESIGN.md §4.2–4.5): every WAD field as a
 * fraction or multiplier (0.3e18 → 0.3), `horizonSeconds` as seconds (the one field the venue
 * does not store in WAD), per market `mmFloor`, `sizeSlope` (per USD of notional), `skewScale`
 * (base units), `maxFundingVelocity` (per day per day) and `takerFee`, per collateral `haircut`.
 * Reading them from the chain instead of assuming `defaultRiskParams` keeps the engine right
 * after the owner changes a parameter.
 *
 * @example
 * toEngineRiskParams({ riskParams, markets, collaterals }).markets.BTC?.mmFloor // 0.005
 */
export function toEngineRiskParams({ riskParams, markets, collaterals }: ToEngineRiskParamsParameters): RiskParams {
  return {
    z: fromWad(riskParams.z),
    horizonSeconds: Number(riskParams.horizonSeconds),
    imMultiplier: fromWad(riskParams.imMultiplier),
    volUp: fromWad(riskParams.volUp),
    volDown: fromWad(riskParams.volDown),
    imVolShockMultiplier: fromWad(riskParams.imVolShockMultiplier),
    maxImVolDown: fromWad(riskParams.maxImVolDown),
    shortOptionContingency: fromWad(riskParams.shortOptionContingency),
    liqBuffer: fromWad(riskParams.liqBuffer),
    backstopRatio: fromWad(riskParams.backstopRatio),
    liqFee: fromWad(riskParams.liqFee),
    riskFreeRate: fromWad(riskParams.riskFreeRate),
    markets: Object.fromEntries(
      markets.map(({ symbol, params }) => [
        symbol,
        {
          mmFloor: fromWad(params.mmFloor),
          sizeSlope: fromWad(params.sizeSlope),
          skewScale: fromWad(params.skewScale),
          maxFundingVelocity: fromWad(params.maxFundingVelocity),
          takerFee: fromWad(params.takerFee),
        },
      ]),
    ),
    collateral: Object.fromEntries(collaterals.map(({ symbol, haircut }) => [symbol, { haircut: fromWad(haircut) }])),
  }
}
