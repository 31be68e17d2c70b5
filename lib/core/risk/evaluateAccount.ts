import { accountRisk, type AccountRiskCache, type AccountRiskReturnType } from './accountRisk'
import type { Account, Markets, RiskParams } from './types'
import { validateAccount, type ValidateAccountErrorType } from './validateAccount'

export type EvaluateAccountCache = AccountRiskCache
/** Everything the dashboard shows for an account; see {@link AccountRiskReturnType} for each figure's unit. */
export type EvaluateAccountReturnType = AccountRiskReturnType
export type EvaluateAccountErrorType = ValidateAccountErrorType

/**
 * The public entry point of the risk model v1 (DESIGN.md §4): checks the input
 * (`validateAccount`) and evaluates the account (`accountRisk`) — equity and its parts, IM and
 * MM per underlying (27-scenario grid, vol-scaled range, short-option contingency) and in total,
 * margin ratio, free collateral, gross and net leverage, the liquidation flag, per-position
 * notional, PnL, funding and Greeks, and each isolated position on its own margin. Amounts in
 * USD, sizes in base units, Greeks in DESIGN.md §3 units; no figure is ever NaN.
 *
 * Pass `cache.prepared` (`prepareAccount`, once per book and valuation time) and
 * `cache.previous` (the last result) on every tick to revalue only what changed; the result is
 * the same as without them.
 *
 * @param account Sizes in base units, collateral in asset units.
 * @param markets Oracle state at `markets.now` (unix seconds).
 * @param params Risk parameters, e.g. `defaultRiskParams`.
 * @throws {EvaluateAccountErrorType} For NaN, infinities, non-positive prices, strikes or vols,
 *   unknown markets or assets, and inconsistent accounts.
 *
 * @example
 * const risk = evaluateAccount(
 *   { collateral: { USDC: 10_000 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] },
 *   { now: 1_700_000_000, underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 } }, collateral: { USDC: { price: 1, conf: 0 } } },
 *   defaultRiskParams,
 * )
 * risk.maintenanceMargin // ≈ 965.19 USD: 60,000 · (3 · 0.5 · √(3600 / 31,536,000) + 1e-9 · 60,000)
 * risk.grossLeverage // 6
 */
export function evaluateAccount(
  account: Account,
  markets: Markets,
  params: RiskParams,
  cache: EvaluateAccountCache = {},
): EvaluateAccountReturnType {
  validateAccount(account, markets, params)
  return accountRisk(account, markets, params, cache)
}
