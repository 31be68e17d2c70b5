import type { NoSolutionError, UnknownAssetError } from '../errors'
import { accountRisk } from '../risk/accountRisk'
import type { Account, Markets, RiskParams } from '../risk/types'
import { validateAccount, type ValidateAccountErrorType } from '../risk/validateAccount'
import { assertPositive } from '../validate'
import { depositForEquity } from './depositForEquity'
import type { Change } from './riskChanges'

export type CollateralForMarginRatioParameters = {
  account: Account
  markets: Markets
  params: RiskParams
  /** The asset to deposit. */
  asset: string
  /** Target margin ratio MM / A (> 0): 0.5 is halfway to liquidation, 1.0 is liquidation. */
  targetMarginRatio: number
}

export type CollateralForMarginRatioReturnType = {
  /** Asset units to deposit (0 when the ratio is already at or below the target). */
  amount: number
  /** Margin ratio before and after (a re-evaluation of the changed account). */
  marginRatio: Change<number>
  /** Equity before and after, USD. */
  equity: Change<number>
}

export type CollateralForMarginRatioErrorType = ValidateAccountErrorType | UnknownAssetError | NoSolutionError

/**
 * Collateral to deposit to bring the cross account's margin ratio `MM / A` (DESIGN.md §4.4; 1.0
 * is liquidation) down to a target. Collateral does not enter the margin grid, so MM is fixed
 * and the target needs `A* = MM / targetMarginRatio`; the amount is the deposit that adds
 * `A* − A` of equity (`depositForEquity`).
 *
 * @throws {CollateralForMarginRatioErrorType} invalid input, a non-positive target, an unknown
 *   asset, or an asset that counts for nothing as collateral.
 *
 * @example
 * collateralForMarginRatio({ account, markets, params: defaultRiskParams, asset: 'USDC', targetMarginRatio: 0.05 })
 * // { amount: 9_903.82…, marginRatio: { before: 0.1027…, after: 0.05 }, equity: { before: 9_400, after: 19_303.82… } }
 */
export function collateralForMarginRatio(parameters: CollateralForMarginRatioParameters): CollateralForMarginRatioReturnType {
  const { account, markets, params, asset, targetMarginRatio } = parameters
  validateAccount(account, markets, params)
  assertPositive('targetMarginRatio', targetMarginRatio)

  const before = accountRisk(account, markets, params)
  const amount = depositForEquity({
    asset,
    balance: account.collateral[asset] ?? 0,
    equityNeeded: before.maintenanceMargin / targetMarginRatio - before.equity,
    markets,
    params,
  })
  const after =
    amount > 0 ? accountRisk({ ...account, collateral: { ...account.collateral, [asset]: (account.collateral[asset] ?? 0) + amount } }, markets, params) : before
  return {
    amount,
    marginRatio: { before: before.marginRatio, after: after.marginRatio },
    equity: { before: before.equity, after: after.equity },
  }
}
