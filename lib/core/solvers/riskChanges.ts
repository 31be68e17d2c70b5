import type { AccountRiskReturnType, IsolatedPositionRisk } from '../risk/accountRisk'

/** One figure before and after an action, dYdX-style (current → projected). */
export type Change<T> = { before: T; after: T }

/** An isolated position's figures before and after; `null` on the side where it does not exist. */
export type IsolatedChanges = {
  marginBalance: Change<number | null>
  equity: Change<number | null>
  maintenanceMargin: Change<number | null>
  initialMargin: Change<number | null>
  marginRatio: Change<number | null>
  freeCollateral: Change<number | null>
  leverage: Change<number | null>
  liquidatable: Change<boolean | null>
  size: Change<number | null>
}

/** A cross book's figures in one underlying before and after (0 where it holds nothing). */
export type UnderlyingChanges = {
  maintenanceMargin: Change<number>
  initialMargin: Change<number>
  grossNotional: Change<number>
  /** Units of the underlying. */
  netDelta: Change<number>
  optionValue: Change<number>
}

/**
 * Every figure of `accountRisk` before → after. USD unless stated; ratios and leverages as in
 * {@link AccountRiskReturnType} (so `Infinity` where equity <= 0 with exposure).
 */
export type RiskChanges = {
  equity: Change<number>
  collateralValue: Change<number>
  perpPnl: Change<number>
  fundingOwed: Change<number>
  optionValue: Change<number>
  maintenanceMargin: Change<number>
  initialMargin: Change<number>
  marginRatio: Change<number>
  freeCollateral: Change<number>
  grossNotional: Change<number>
  grossLeverage: Change<number>
  netDeltaNotional: Change<number>
  netLeverage: Change<number>
  liquidatable: Change<boolean>
  /** Per collateral asset held on either side: balance in asset units and its value in USD. */
  collateral: Record<string, { balance: Change<number>; value: Change<number> }>
  /** Per underlying of the cross book on either side. */
  underlyings: Record<string, UnderlyingChanges>
  /** Per isolated position id on either side. */
  isolated: Record<string, IsolatedChanges>
}

const accountFigures = [
  'equity',
  'collateralValue',
  'perpPnl',
  'fundingOwed',
  'optionValue',
  'maintenanceMargin',
  'initialMargin',
  'marginRatio',
  'freeCollateral',
  'grossNotional',
  'grossLeverage',
  'netDeltaNotional',
  'netLeverage',
] as const

/**
 * Pairs every figure of two evaluations of an account — before and after a trade, deposit,
 * withdrawal or margin move — for a preview that shows current → projected (the pattern of
 * dYdX v4-web's form summaries). Both sides are plain `accountRisk` results, so the "after" side
 * is exactly a re-evaluation of the changed account.
 *
 * @example
 * riskChanges(accountRisk(account, markets, params), accountRisk(changed, markets, params)).grossLeverage
 * // { before: 6.38…, after: 8.04… } (see `tradePreview`)
 */
export function riskChanges(before: AccountRiskReturnType, after: AccountRiskReturnType): RiskChanges {
  const changes = {} as Record<(typeof accountFigures)[number], Change<number>>
  for (const figure of accountFigures) changes[figure] = { before: before[figure], after: after[figure] }

  const collateral: RiskChanges['collateral'] = {}
  for (const asset of new Set([...Object.keys(before.collateral), ...Object.keys(after.collateral)])) {
    const a = before.collateral[asset]
    const b = after.collateral[asset]
    collateral[asset] = {
      balance: { before: a?.balance ?? 0, after: b?.balance ?? 0 },
      value: { before: a?.value ?? 0, after: b?.value ?? 0 },
    }
  }

  const underlyings: RiskChanges['underlyings'] = {}
  for (const underlying of new Set([...Object.keys(before.underlyings), ...Object.keys(after.underlyings)])) {
    const a = before.underlyings[underlying]
    const b = after.underlyings[underlying]
    underlyings[underlying] = {
      maintenanceMargin: { before: a?.maintenanceMargin ?? 0, after: b?.maintenanceMargin ?? 0 },
      initialMargin: { before: a?.initialMargin ?? 0, after: b?.initialMargin ?? 0 },
      grossNotional: { before: a?.grossNotional ?? 0, after: b?.grossNotional ?? 0 },
      netDelta: { before: a?.netDelta ?? 0, after: b?.netDelta ?? 0 },
      optionValue: { before: a?.optionValue ?? 0, after: b?.optionValue ?? 0 },
    }
  }

  const isolated: RiskChanges['isolated'] = {}
  const byId = (list: IsolatedPositionRisk[]) => new Map(list.map((position) => [position.id, position]))
  const isolatedBefore = byId(before.isolated)
  const isolatedAfter = byId(after.isolated)
  for (const id of new Set([...isolatedBefore.keys(), ...isolatedAfter.keys()])) {
    const a = isolatedBefore.get(id)
    const b = isolatedAfter.get(id)
    const pair = <T>(pick: (p: IsolatedPositionRisk) => T): Change<T | null> => ({
      before: a === undefined ? null : pick(a),
      after: b === undefined ? null : pick(b),
    })
    isolated[id] = {
      marginBalance: pair((p) => p.marginBalance),
      equity: pair((p) => p.equity),
      maintenanceMargin: pair((p) => p.maintenanceMargin),
      initialMargin: pair((p) => p.initialMargin),
      marginRatio: pair((p) => p.marginRatio),
      freeCollateral: pair((p) => p.freeCollateral),
      leverage: pair((p) => p.leverage),
      liquidatable: pair((p) => p.liquidatable),
      size: pair((p) => p.position.size),
    }
  }

  return {
    ...changes,
    liquidatable: { before: before.liquidatable, after: after.liquidatable },
    collateral,
    underlyings,
    isolated,
  }
}
