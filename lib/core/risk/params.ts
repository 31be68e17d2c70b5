import type { RiskParams } from './types'

/**
 * The risk model's default parameters, DESIGN.md §4.2–4.5. The venue is deployed with the same
 * values (contracts/script/Deploy) so the engine and the contract agree.
 *
 * Funding and fee values are not fixed by DESIGN.md; they follow the skew-based designs they
 * come from (Synthetix perps v2: skewScale in base units, maxFundingVelocity per day per day).
 */
export const defaultRiskParams: RiskParams = {
  z: 3,
  horizonSeconds: 3600,
  imMultiplier: 2,
  volUp: 0.3,
  volDown: 0.2,
  imVolShockMultiplier: 2,
  maxImVolDown: 0.5,
  shortOptionContingency: 0.001,
  liqBuffer: 0.1,
  backstopRatio: 2 / 3,
  liqFee: 0.005,
  riskFreeRate: 0,
  markets: {
    BTC: { mmFloor: 0.005, sizeSlope: 1e-9, skewScale: 10_000, maxFundingVelocity: 3, takerFee: 0.0005 },
    ETH: { mmFloor: 0.0075, sizeSlope: 1e-9, skewScale: 250_000, maxFundingVelocity: 3, takerFee: 0.0005 },
    SOL: { mmFloor: 0.0125, sizeSlope: 1e-9, skewScale: 5_000_000, maxFundingVelocity: 3, takerFee: 0.0005 },
  },
  collateral: {
    USDC: { haircut: 0 },
    WETH: { haircut: 0.1 },
    wstETH: { haircut: 0.12 },
  },
}
