import { InvalidInputError, UnknownAssetError } from '../errors'
import { accountRisk } from '../risk/accountRisk'
import { liquidationPrice, type LiquidationPriceReturnType } from '../risk/liquidationPrice'
import { settlementAsset } from '../risk/settlementAsset'
import type { Account, Markets, RiskParams } from '../risk/types'
import { validateAccount, type ValidateAccountErrorType } from '../risk/validateAccount'
import { assertPositive } from '../validate'
import { riskChanges, type Change, type RiskChanges } from './riskChanges'

/** A one-click collateral action. Amounts in asset units (USDC for margin moves), > 0. */
export type CollateralAction =
  | { kind: 'deposit'; asset: string; amount: number }
  | { kind: 'withdraw'; asset: string; amount: number }
  /** Move USDC from the cross account into an isolated position's margin. */
  | { kind: 'moveToIsolated'; isolatedId: string; amount: number }
  /** Move USDC from an isolated position's margin back to the cross account. */
  | { kind: 'moveToCross'; isolatedId: string; amount: number }

export type CollateralActionPreviewParameters = {
  account: Account
  markets: Markets
  params: RiskParams
  action: CollateralAction
  /** Also compute the liquidation prices before and after (default true). */
  liquidationPrices?: boolean
}

/** Why the venue would refuse the action. */
export type CollateralActionRejection =
  /** The balance (or isolated margin) it takes from is smaller than the amount. */
  | 'insufficientBalance'
  /** Equity after would be below initial margin (DESIGN.md §4.4). */
  | 'insufficientMargin'

export type CollateralActionPreviewReturnType = {
  /** The account after the action (a new object). */
  account: Account
  allowed: boolean
  rejection: CollateralActionRejection | null
  /** Every figure before → after; `after` is a plain re-evaluation of `account`. */
  changes: RiskChanges
  /** Liquidation prices before → after, when asked for and the balance holds the amount. */
  liquidationPrices: Change<LiquidationPriceReturnType> | null
}

export type CollateralActionPreviewErrorType = ValidateAccountErrorType | InvalidInputError | UnknownAssetError

/**
 * Preview of a deposit, a withdrawal or a margin move between the cross account and an isolated
 * position: every figure before → after, and whether the venue would accept it. The rules are
 * the venue's (DESIGN.md §4.4; contracts' `MarginVenue.withdraw`, `addIsolatedMargin`,
 * `removeIsolatedMargin`):
 * - deposit: always;
 * - withdraw, or move to isolated (a withdrawal from the cross account): the balance must hold
 *   the amount, and an account with positions or a negative balance must keep equity >= IM;
 * - move to cross: the isolated margin must hold the amount and the position keep equity >= IM.
 * A refused action is still previewed (the figures show why).
 *
 * @throws {CollateralActionPreviewErrorType} invalid input, a non-positive amount, an asset the
 *   markets do not price, or an unknown isolated id.
 *
 * @example
 * collateralActionPreview({ account, markets, params: defaultRiskParams, action: { kind: 'deposit', asset: 'WETH', amount: 2 } })
 *   .changes.marginRatio // { before: 0.1027…, after: 0.0652… }
 */
export function collateralActionPreview(parameters: CollateralActionPreviewParameters): CollateralActionPreviewReturnType {
  const { account, markets, params, action } = parameters
  validateAccount(account, markets, params)
  if (typeof action !== 'object' || action === null) throw new InvalidInputError('action', action, 'a collateral action')
  assertPositive('action.amount', action.amount)

  const next: Account = { ...account, collateral: { ...account.collateral }, isolated: [...account.isolated] }
  let rejection: CollateralActionRejection | null = null
  const crossHasRisk = account.perps.length > 0 || account.options.length > 0 || Object.values(account.collateral).some((b) => b < 0)
  let check: 'cross' | string | null = null

  switch (action.kind) {
    case 'deposit':
    case 'withdraw': {
      const { asset, amount } = action
      if (!Object.hasOwn(markets.collateral, asset) || !Object.hasOwn(params.collateral, asset)) throw new UnknownAssetError(String(asset))
      const balance = account.collateral[asset] ?? 0
      if (action.kind === 'deposit') next.collateral[asset] = balance + amount
      else {
        if (balance < amount) rejection = 'insufficientBalance'
        next.collateral[asset] = balance - amount
        if (crossHasRisk) check = 'cross'
      }
      break
    }
    case 'moveToIsolated':
    case 'moveToCross': {
      const index = account.isolated.findIndex((p) => p.id === action.isolatedId)
      const isolated = account.isolated[index]
      if (isolated === undefined) throw new InvalidInputError('action.isolatedId', action.isolatedId, 'the id of an isolated position of the account')
      const cross = account.collateral[settlementAsset] ?? 0
      if (action.kind === 'moveToIsolated') {
        if (cross < action.amount) rejection = 'insufficientBalance'
        next.collateral[settlementAsset] = cross - action.amount
        next.isolated[index] = { ...isolated, margin: isolated.margin + action.amount }
        if (crossHasRisk) check = 'cross'
      } else {
        if (isolated.margin < action.amount) rejection = 'insufficientBalance'
        next.collateral[settlementAsset] = cross + action.amount
        next.isolated[index] = { ...isolated, margin: isolated.margin - action.amount }
        check = isolated.id
      }
      break
    }
    default:
      throw new InvalidInputError('action.kind', (action as { kind: unknown }).kind, '"deposit", "withdraw", "moveToIsolated" or "moveToCross"')
  }

  const before = accountRisk(account, markets, params)
  const after = accountRisk(next, markets, params)
  if (rejection === null && check !== null) {
    const book = check === 'cross' ? after : after.isolated.find((p) => p.id === check)
    if (book !== undefined && book.equity < book.initialMargin) rejection = 'insufficientMargin'
  }

  // An overdrawn non-USDC balance is not a state the venue can reach: no liquidation prices for it.
  const withLiquidation = (parameters.liquidationPrices ?? true) && rejection !== 'insufficientBalance'
  return {
    account: next,
    allowed: rejection === null,
    rejection,
    changes: riskChanges(before, after),
    liquidationPrices: withLiquidation
      ? { before: liquidationPrice({ account, markets, params }), after: liquidationPrice({ account: next, markets, params }) }
      : null,
  }
}
