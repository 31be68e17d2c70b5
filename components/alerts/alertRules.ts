import type { AccountRiskReturnType } from '@/lib/core/risk/accountRisk'
import type { LiquidationPriceReturnType } from '@/lib/core/risk/liquidationPrice'

/** A threshold the trader sets. Margin ratio as a fraction (0.6 = 60 %); distance as a fraction of price (0.05 = 5 %). */
export type AlertRule = { id: string; kind: 'marginRatioAbove' | 'liquidationDistanceBelow'; threshold: number }

export type AlertState = { rule: AlertRule; active: boolean }

export type FiredAlert = { rule: AlertRule; message: string }

/**
 * The nearest liquidation price of the account, as a fraction of the current price (0.05: a 5 %
 * move liquidates), over every underlying of the cross book and every isolated position; `null`
 * without liquidation prices (not computed yet, or none within the searched range).
 */
export function nearestLiquidationDistance(prices: LiquidationPriceReturnType | undefined): number | null {
  if (prices === undefined) return null
  let nearest: number | null = null
  for (const book of [...Object.values(prices.underlyings), ...prices.isolated])
    for (const level of [book.below, book.above])
      if (level.price !== null) nearest = nearest === null ? Math.abs(level.distance) : Math.min(nearest, Math.abs(level.distance))
  return nearest
}

/**
 * Edge-triggered alerts: a rule fires once when its condition becomes true and re-arms when it
 * turns false again, so a trader hovering at a threshold is told once, not on every tick.
 * Pure: takes the previous states, returns the next states and what fired.
 */
export function evaluateAlerts(states: readonly AlertState[], risk: AccountRiskReturnType & { liquidationPrices?: LiquidationPriceReturnType }): { states: AlertState[]; fired: FiredAlert[] } {
  const distance = nearestLiquidationDistance(risk.liquidationPrices)
  const fired: FiredAlert[] = []
  const next = states.map(({ rule, active }) => {
    const condition = rule.kind === 'marginRatioAbove' ? risk.marginRatio > rule.threshold : distance !== null && distance < rule.threshold
    if (condition && !active)
      fired.push({
        rule,
        message:
          rule.kind === 'marginRatioAbove'
            ? `Margin ratio ${(risk.marginRatio * 100).toFixed(1)} % is above your ${(rule.threshold * 100).toFixed(0)} % alert (liquidation at 100 %).`
            : `A ${(distance! * 100).toFixed(1)} % move would liquidate you (estimate, other prices held fixed): below your ${(rule.threshold * 100).toFixed(1)} % alert.`,
      })
    return { rule, active: condition }
  })
  return { states: next, fired }
}

/** Reads rules saved by `saveAlertRules`; anything unreadable is dropped, never thrown. */
export function loadAlertRules(storage: Pick<Storage, 'getItem'> | undefined): AlertRule[] {
  try {
    const parsed = JSON.parse(storage?.getItem(alertStorageKey) ?? '[]') as unknown
    if (!Array.isArray(parsed)) return []
    return parsed.filter(
      (rule): rule is AlertRule =>
        typeof rule === 'object' && rule !== null && typeof rule.id === 'string' && (rule.kind === 'marginRatioAbove' || rule.kind === 'liquidationDistanceBelow') && typeof rule.threshold === 'number' && rule.threshold > 0 && rule.threshold < 10,
    )
  } catch {
    return []
  }
}

export function saveAlertRules(storage: Pick<Storage, 'setItem'> | undefined, rules: readonly AlertRule[]): void {
  storage?.setItem(alertStorageKey, JSON.stringify(rules))
}

export const alertStorageKey = 'marginflow.alerts'
