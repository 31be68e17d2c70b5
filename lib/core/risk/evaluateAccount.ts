import { accountRisk, type AccountRiskCache, type AccountRiskReturnType } from './accountRisk'
import { liquidationPrice, type LiquidationPriceErrorType, type LiquidationPriceReturnType } from './liquidationPrice'
import type { Account, Markets, RiskParams } from './types'
import { validateAccount, type ValidateAccountErrorType } from './validateAccount'

export type EvaluateAccountOptions = AccountRiskCache & {
  /**
   * Also compute liquidation prices (per underlying, per position, per isolated position, with
   * their distance in % and in horizon sigmas). They cost a root search per underlying, about ten
   * times a plain evaluation, so the per-tick path leaves them off and asks for them when the
   * book or a price moved enough to matter. Default false.
   */
  liquidationPrices?: boolean
}

/**
 * Everything the dashboard shows for an account; see {@link AccountRiskReturnType} for each
 * figure's unit, and {@link LiquidationPriceReturnType} for `liquidationPrices` (present only
 * when asked for).
 */
export type EvaluateAccountReturnType = AccountRiskReturnType & { liquidationPrices?: LiquidationPriceReturnType }
export type EvaluateAccountErrorType = ValidateAccountErrorType | LiquidationPriceErrorType

/**
 * The public entry point of the risk model v1 (DESIGN.md §4): checks the input
 * (`validateAccount`) and evaluates the account (`accountRisk`) — equity and its parts, IM and
 * MM per underlying (27-scenario grid, vol-scaled range, short-option contingency) and in total,
 * margin ratio, free collateral, gross and net leverage, the liquidation flag, per-position
 * notional, PnL, funding and Greeks, and each isolated position on its own margin — and, when
 * asked, the liquidation prices (`liquidationPrice`: other prices held fixed, so an estimate of
 * where a move of that one market alone would liquidate). Amounts in USD, sizes in base units,
 * Greeks in DESIGN.md §3 units; no figure is ever NaN.
 *
 * Pass `prepared` (`prepareAccount`, once per book and valuation time) and `previous` (the last
 * result) on every tick to revalue only what changed; the result is the same as without them.
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
 *   { liquidationPrices: true },
 * )
 * risk.maintenanceMargin // ≈ 965.19 USD: 60,000 · (3 · 0.5 · √(3600 / 31,536,000) + 1e-9 · 60,000)
 * risk.grossLeverage // 6
 * risk.liquidationPrices?.perps[0]?.below // { price: 50_817.00…, distance: −0.153…, distanceSigmas: −31.09…, method: 'closedForm' }
 */
export function evaluateAccount(
  account: Account,
  markets: Markets,
  params: RiskParams,
  options: EvaluateAccountOptions = {},
): EvaluateAccountReturnType {
  validateAccount(account, markets, params)
  const risk = accountRisk(account, markets, params, options)
  if (!options.liquidationPrices) return risk
  return { ...risk, liquidationPrices: liquidationPrice({ account, markets, params }) }
}
