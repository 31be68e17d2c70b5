import { NoSolutionError, UnknownAssetError } from '../errors'
import type { Markets, RiskParams } from '../risk/types'

export type DepositForEquityParameters = {
  /** The asset to deposit. */
  asset: string
  /** Its current cross balance, asset units (only USDC may be negative). */
  balance: number
  /** Equity to add, USD (>= 0). */
  equityNeeded: number
  markets: Markets
  params: RiskParams
}

/**
 * The amount of `asset` (asset units) whose deposit raises equity by `equityNeeded` USD. A
 * deposit first repays a negative (USDC) balance, valued at `price + conf` with no haircut, then
 * adds an asset valued at `max(0, price − conf)·(1 − haircut)` (DESIGN.md §4.1), so equity is
 * piecewise linear in the amount and this inverts it exactly. Internal to the collateral solvers.
 *
 * @example
 * // owing 100 USDC (price 1, conf 0.001): 100 repays 100.1 of debt value, the rest counts at 0.999
 * depositForEquity({ asset: 'USDC', balance: -100, equityNeeded: 200, markets, params }) // 200.0…
 *
 * @throws {UnknownAssetError} no price or parameters for `asset`.
 * @throws {NoSolutionError} the asset adds no value (haircut 100 % or conf >= price), or so little
 *   that the balance would exceed 1e18 units (the engine's bound on amounts).
 */
export function depositForEquity({ asset, balance, equityNeeded, markets, params }: DepositForEquityParameters): number {
  const quote = markets.collateral[asset]
  const haircut = params.collateral[asset]?.haircut
  if (quote === undefined || haircut === undefined) throw new UnknownAssetError(String(asset))
  if (!(equityNeeded > 0)) return 0
  let needed = equityNeeded
  let amount = 0
  if (balance < 0) {
    const debtValue = -balance * (quote.price + quote.conf)
    if (needed <= debtValue) return needed / (quote.price + quote.conf)
    needed -= debtValue
    amount = -balance
  }
  const valuePerUnit = Math.max(0, quote.price - quote.conf) * (1 - haircut)
  if (!(valuePerUnit > 0))
    throw new NoSolutionError('deposit amount', `${asset} counts for nothing as collateral here (haircut or oracle confidence)`)
  const total = amount + needed / valuePerUnit
  // The engine's bound on any amount (validateAccount): beyond it no real deposit exists.
  if (!(balance + total <= 1e18))
    throw new NoSolutionError('deposit amount', `it would take more than 1e18 ${asset}, which counts for almost nothing as collateral`)
  return total
}
