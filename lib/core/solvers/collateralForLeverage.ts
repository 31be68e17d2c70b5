import type { NoSolutionError, UnknownAssetError } from '../errors'
import { accountRisk } from '../risk/accountRisk'
import type { Account, Markets, RiskParams } from '../risk/types'
import { validateAccount, type ValidateAccountErrorType } from '../risk/validateAccount'
import { assertOneOf, assertPositive } from '../validate'
import { depositForEquity } from './depositForEquity'
import type { Change } from './riskChanges'

export type CollateralForLeverageParameters = {
  account: Account
  markets: Markets
  params: RiskParams
  /** The asset to deposit, e.g. 'USDC' or 'WETH'. */
  asset: string
  /** Target leverage, a multiple (> 0), e.g. 3 for 3×. */
  targetLeverage: number
  /** Gross (Σ|notional| / A, default) or net (Σ_m |D_m|·S_m / A, delta-adjusted). */
  measure?: 'gross' | 'net'
}

export type CollateralForLeverageReturnType = {
  /** Asset units to deposit (0 when the leverage is already at or below the target). */
  amount: number
  /** Leverage before and after the deposit (a re-evaluation of the changed account). */
  leverage: Change<number>
  /** Equity before and after, USD. */
  equity: Change<number>
}

export type CollateralForLeverageErrorType = ValidateAccountErrorType | UnknownAssetError | NoSolutionError

/**
 * Collateral to deposit to bring the cross account's leverage down to a target (DESIGN.md §4.4:
 * gross leverage `Σ|notional| / A`, net leverage `Σ_m |D_m|·S_m / A`). A deposit changes neither
 * positions nor exposure, only equity, so the target needs `A* = exposure / targetLeverage` and
 * the amount is the deposit that adds `A* − A` of equity (`depositForEquity`: repaying a USDC
 * debt first, then at the asset's valued price after haircut).
 *
 * @throws {CollateralForLeverageErrorType} invalid input, a non-positive target, an unknown
 *   asset, or an asset that counts for nothing as collateral.
 *
 * @example
 * // 1 BTC long (60,000) on 4,000 USDC + 2 WETH valued 5,400: 6.38×
 * collateralForLeverage({ account, markets, params: defaultRiskParams, asset: 'USDC', targetLeverage: 3 })
 * // { amount: 10_600, leverage: { before: 6.38…, after: 3 }, equity: { before: 9_400, after: 20_000 } }
 */
export function collateralForLeverage(parameters: CollateralForLeverageParameters): CollateralForLeverageReturnType {
  const { account, markets, params, asset, targetLeverage } = parameters
  const measure = parameters.measure ?? 'gross'
  validateAccount(account, markets, params)
  assertPositive('targetLeverage', targetLeverage)
  assertOneOf('measure', measure, ['gross', 'net'] as const)

  const before = accountRisk(account, markets, params)
  const exposure = measure === 'gross' ? before.grossNotional : before.netDeltaNotional
  const amount = depositForEquity({
    asset,
    balance: account.collateral[asset] ?? 0,
    // Without exposure the leverage is 0 whatever the equity: nothing to deposit.
    equityNeeded: exposure === 0 ? 0 : exposure / targetLeverage - before.equity,
    markets,
    params,
  })
  const after =
    amount > 0 ? accountRisk({ ...account, collateral: { ...account.collateral, [asset]: (account.collateral[asset] ?? 0) + amount } }, markets, params) : before
  const pick = measure === 'gross' ? 'grossLeverage' : 'netLeverage'
  return {
    amount,
    leverage: { before: before[pick], after: after[pick] },
    equity: { before: before.equity, after: after.equity },
  }
}
