import { accountRisk } from '../risk/accountRisk'
import type { Account, Markets, RiskParams } from '../risk/types'
import { validateAccount, type ValidateAccountErrorType } from '../risk/validateAccount'

export type MaxWithdrawableParameters = {
  /** Collateral in asset units. */
  account: Account
  markets: Markets
  params: RiskParams
}

/** The most of one asset the venue lets the account withdraw. */
export type WithdrawableAmount = {
  /** Asset units (>= 0). */
  amount: number
  /** What binds: the balance itself, or equity after >= IM after. */
  limitedBy: 'balance' | 'initialMargin'
  /** USD of equity each unit withdrawn removes: `max(0, price − conf)·(1 − haircut)`. */
  valuePerUnit: number
}

/** Per collateral asset with a positive cross balance. */
export type MaxWithdrawableReturnType = Record<string, WithdrawableAmount>

export type MaxWithdrawableErrorType = ValidateAccountErrorType

/**
 * Maximum withdrawable amount of each collateral asset of the cross account (DESIGN.md §4.4,
 * contracts' `MarginVenue.withdraw`): the balance, unless the account holds positions or owes
 * USDC, in which case equity after the withdrawal must stay at or above initial margin. A
 * withdrawal changes neither positions nor IM, and lowers equity by `valuePerUnit` per unit, so
 * ```
 * amount = min(balance, max(0, A − IM) / ((price − conf)·(1 − haircut)))
 * ```
 * (free collateral over the asset's valued price after haircut). An asset valued at 0 (haircut
 * 100 % or conf >= price) can be withdrawn whole while A >= IM, not at all when A < IM. Oracle
 * freshness (DESIGN.md §4.6) is checked elsewhere.
 *
 * @throws {MaxWithdrawableErrorType} invalid input (see `validateAccount`).
 *
 * @example
 * // 4,000 USDC and 2 WETH (ETH at 3,000) behind 1 BTC long at 60,000 (vol 0.5)
 * maxWithdrawable({ account, markets, params: defaultRiskParams })
 * // { USDC: { amount: 4_000, limitedBy: 'balance', valuePerUnit: 1 },
 * //   WETH: { amount: 2, limitedBy: 'balance', valuePerUnit: 2_700 } }
 */
export function maxWithdrawable({ account, markets, params }: MaxWithdrawableParameters): MaxWithdrawableReturnType {
  validateAccount(account, markets, params)
  const risk = accountRisk(account, markets, params)
  const hasRisk = account.perps.length > 0 || account.options.length > 0 || Object.values(account.collateral).some((b) => b < 0)
  const freeCollateral = risk.equity - risk.initialMargin

  const result: MaxWithdrawableReturnType = {}
  for (const [asset, balance] of Object.entries(account.collateral)) {
    if (!(balance > 0)) continue
    const valuation = risk.collateral[asset] as (typeof risk.collateral)[string]
    const valuePerUnit = valuation.valuationPrice * (1 - valuation.haircut)
    if (!hasRisk) result[asset] = { amount: balance, limitedBy: 'balance', valuePerUnit }
    else if (!(freeCollateral >= 0)) result[asset] = { amount: 0, limitedBy: 'initialMargin', valuePerUnit }
    else if (valuePerUnit === 0 || freeCollateral / valuePerUnit >= balance) result[asset] = { amount: balance, limitedBy: 'balance', valuePerUnit }
    else result[asset] = { amount: freeCollateral / valuePerUnit, limitedBy: 'initialMargin', valuePerUnit }
  }
  return result
}
