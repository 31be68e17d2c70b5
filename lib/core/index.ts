/**
 * lib/core — the Marginflow engine: pricing, Greeks, the risk model v1, liquidation, solvers,
 * funding and oracle guards. Pure TypeScript on plain data; runs in the worker, in Node (keeper,
 * tests, benchmarks) and needs nothing but numbers. Units: DESIGN.md §3 (USD, base units, unix
 * seconds, years of 365 days, raw Greeks). See README.md beside this file.
 */

// Errors and units
export {
  CoreError,
  ImpliedVolError,
  InconsistentAccountError,
  InvalidInputError,
  NoSolutionError,
  UnknownAssetError,
  UnknownMarketError,
  type CoreErrorParameters,
  type ImpliedVolErrorReason,
} from './errors'
export { SECONDS_PER_DAY, SECONDS_PER_YEAR } from './units'

// Normal distribution and random numbers
export { erfc } from './math/erfc'
export { erfcx } from './math/erfcx'
export { normalCdf } from './math/normalCdf'
export { normalPdf } from './math/normalPdf'
export { inverseNormalCdf } from './math/inverseNormalCdf'
export { createRandomState, type RandomState } from './math/createRandomState'
export { nextUint32 } from './math/nextUint32'
export { nextUniform } from './math/nextUniform'
export { nextStandardNormal } from './math/nextStandardNormal'
export { nextPoisson } from './math/nextPoisson'
export { brent, type BrentParameters, type BrentReturnType } from './math/brent'
export { barrierHitProbability, type BarrierHitProbabilityParameters } from './math/barrierHitProbability'

// Option pricing
export { optionGreeks, type OptionGreeksParameters, type OptionGreeksReturnType } from './pricing/optionGreeks'
export { optionPrice, type OptionPriceParameters } from './pricing/optionPrice'
export { impliedVol, type ImpliedVolParameters } from './pricing/impliedVol'
export { mertonJumpPrice, type MertonJumpPriceParameters } from './pricing/mertonJumpPrice'
export { createOptionBatch, type OptionBatch, type OptionBatchSeries } from './pricing/createOptionBatch'
export { revalueOptionBatch } from './pricing/revalueOptionBatch'
export { optionBatchGreeks, type OptionBatchGreeksOutput } from './pricing/optionBatchGreeks'
export { simulateMerton, type MertonPathState, type SimulateMertonParameters } from './pricing/simulateMerton'

// Risk model v1
export type {
  Account,
  CollateralParams,
  CollateralPrice,
  IsolatedPosition,
  MarketParams,
  MarketState,
  Markets,
  OptionKind,
  OptionPosition,
  PerpPosition,
  RiskParams,
} from './risk/types'
export { defaultRiskParams } from './risk/params'
export { settlementAsset } from './risk/settlementAsset'
export { validateAccount, type ValidateAccountErrorType } from './risk/validateAccount'
export { prepareAccount, type PreparedAccount } from './risk/prepareAccount'
export {
  underlyingRisk,
  type GreeksAttribution,
  type UnderlyingRiskReturnType,
  type VolState,
  type WorstScenario,
} from './risk/underlyingRisk'
export { underlyingMaintenanceMargin, type UnderlyingMaintenanceMarginReturnType } from './risk/underlyingMaintenanceMargin'
export {
  accountRisk,
  type AccountRiskCache,
  type AccountRiskReturnType,
  type CollateralValuation,
  type IsolatedPositionRisk,
  type OptionPositionRisk,
  type PerpPositionRisk,
} from './risk/accountRisk'
export {
  evaluateAccount,
  type EvaluateAccountErrorType,
  type EvaluateAccountOptions,
  type EvaluateAccountReturnType,
} from './risk/evaluateAccount'
export {
  liquidationPrice,
  type LiquidationLevel,
  type LiquidationPriceReturnType,
  type LiquidationPrices,
  type NoLiquidationPrice,
  type NoLiquidationReason,
} from './risk/liquidationPrice'
export {
  scenarioGrid,
  type ScenarioCell,
  type ScenarioGridErrorType,
  type ScenarioGridParameters,
  type ScenarioGridReturnType,
} from './risk/scenarioGrid'
export { correlatedMoveLiquidation, type CorrelatedMoveLiquidationReturnType } from './risk/correlatedMoveLiquidation'
export { liquidationProbability, type LiquidationProbabilityReturnType } from './risk/liquidationProbability'
export { jumpAssumptions, type JumpAssumptions } from './risk/jumpAssumptions'
export {
  positionContributions,
  type PositionContribution,
  type PositionContributionsErrorType,
  type PositionContributionsParameters,
  type PositionContributionsReturnType,
  type UnderlyingContribution,
} from './risk/positionContributions'
export {
  liquidationSize,
  type LiquidationSizeErrorType,
  type LiquidationSizeParameters,
  type LiquidationSizeReason,
  type LiquidationSizeReturnType,
} from './risk/liquidationSize'

// Solvers and previews
export { collateralForLeverage } from './solvers/collateralForLeverage'
export { collateralForMarginRatio } from './solvers/collateralForMarginRatio'
export { sizeReductionForLeverage } from './solvers/sizeReductionForLeverage'
export { maxWithdrawable, type WithdrawableAmount } from './solvers/maxWithdrawable'
export { borrowingPower, type TradeCapacity } from './solvers/borrowingPower'
export { tradePreview, type TradePreviewReturnType } from './solvers/tradePreview'
export { collateralActionPreview, type CollateralAction, type CollateralActionPreviewReturnType } from './solvers/collateralActionPreview'
export { applyPerpTrade, type PerpTrade } from './solvers/applyPerpTrade'
export {
  applyOptionTrade,
  type ApplyOptionTradeErrorType,
  type ApplyOptionTradeParameters,
  type ApplyOptionTradeReturnType,
  type OptionTrade,
} from './solvers/applyOptionTrade'
export { applyWhatIf, type ApplyWhatIfErrorType, type ApplyWhatIfParameters, type ApplyWhatIfReturnType, type WhatIfChange, type WhatIfStep } from './solvers/applyWhatIf'
export type { Change, RiskChanges } from './solvers/riskChanges'

// Funding and fills
export type { FundingState, OptionTradingParams } from './market/types'
export { defaultOptionTradingParams } from './market/params'
export { optionFill, type OptionFillErrorType, type OptionFillParameters, type OptionFillReturnType } from './market/optionFill'
export {
  optionChain,
  type OptionChainErrorType,
  type OptionChainParameters,
  type OptionChainReturnType,
  type OptionChainRow,
  type OptionSeriesTerms,
} from './market/optionChain'
export { accrueFunding } from './market/accrueFunding'
export { currentFundingRate } from './market/currentFundingRate'
export { fundingOwed } from './market/fundingOwed'
export { fillPrice, type FillPriceReturnType } from './market/fillPrice'

// Oracle guards
export type { FeedState, FeedStatusKind, FeedUpdate, OracleGuardParams, PriceUpdateRejection } from './oracle/types'
export { defaultOracleGuardParams } from './oracle/params'
export { guardPriceUpdate, type GuardPriceUpdateReturnType } from './oracle/guardPriceUpdate'
export { feedStatus, type FeedStatusReturnType } from './oracle/feedStatus'
