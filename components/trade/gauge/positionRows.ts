import type { PerpPositionRisk } from '@/lib/core/risk/accountRisk'
import type { EvaluateAccountReturnType } from '@/lib/core/risk/evaluateAccount'
import type { LiquidationPrices, NoLiquidationReason } from '@/lib/core/risk/liquidationPrice'

export type LiquidationSide = 'below' | 'above'

/** A liquidation price of a position, with its distance from the position's current mark. */
export type PositionLiquidationLevel = {
  side: LiquidationSide
  /** USD per unit of the underlying. */
  price: number
  /** price / mark − 1, a fraction (−0.12 = 12 % below the mark). */
  distance: number
  /**
   * ln(price / mark) in horizon standard deviations (lib/core's `distanceSigmas`, re-based on the
   * mark); `null` when the sigma unit cannot be recovered (see `positionRows`).
   */
  distanceSigmas: number | null
  /** 'closedForm' (books without options) or 'brent' (root finding). */
  method: 'closedForm' | 'brent'
}

export type PositionLiquidation =
  /** The engine has not searched this book yet (liquidation prices come about once a second). */
  | { kind: 'pending' }
  /** The side where the position loses first, then the other side if it has one too. */
  | { kind: 'levels'; levels: PositionLiquidationLevel[] }
  | { kind: 'none'; reason: NoLiquidationReason }

/** One line of the positions table. USD unless stated. */
export type PositionRow = {
  /** Stable React key: `cross:<index>:<underlying>` or `isolated:<id>`. */
  key: string
  mode: 'cross' | 'isolated'
  /** Index in `risk.perps` (cross) or `risk.isolated` (isolated). */
  index: number
  /** The venue's isolated-position id; `null` for a cross position. */
  isolatedId: string | null
  underlying: string
  side: 'long' | 'short'
  /** |size|, base units of the underlying. */
  size: number
  /** Signed size, base units (long > 0). */
  signedSize: number
  /** USD per unit. */
  entryPrice: number
  /** Oracle price, USD per unit. */
  markPrice: number
  /** |size| · mark. */
  notional: number
  /** size · (mark − entry), before funding. */
  unrealizedPnl: number
  /** unrealizedPnl / entry notional, a fraction. */
  unrealizedPnlRatio: number
  /** Funding accrued and not yet settled, as PnL: > 0 received, < 0 paid (lib/core's −fundingOwed). */
  fundingAccrued: number
  /**
   * notional / equity: the account's equity for a cross position, the position's own equity
   * for an isolated one (`Infinity` when that equity is <= 0).
   */
  leverage: number
  /** Isolated margin, USDC units; `null` for a cross position. */
  isolatedMargin: number | null
  /** Isolated position's own margin ratio MM / equity; `null` for a cross position (see the account's). */
  isolatedMarginRatio: number | null
  liquidation: PositionLiquidation
}

/**
 * The positions table's rows from an account evaluation: cross perps (`risk.perps`, in order)
 * then isolated perps (`risk.isolated`, in order). Options are not rows here.
 *
 * Liquidation prices come from `risk.liquidationPrices` (a cross position shares its
 * underlying's cross prices; an isolated position has its own), which the worker refreshes
 * about once a second while the marks move on every tick. Their distances are therefore
 * re-based on the row's current mark: `distance = price / mark − 1` and
 * `distanceSigmas = ln(price / mark) / u`, with `u = ln(price / spot) / distanceSigmas` the
 * horizon sigma lib/core used (volatility index × √horizon); when `u` cannot be recovered
 * (the price was at the spot when searched) the sigma distance is `null`.
 *
 * @example
 * positionRows(risk)[0] // { mode: 'cross', underlying: 'ETH', side: 'long', leverage: 5.02, liquidation: { kind: 'levels', levels: [{ side: 'below', … }] }, … }
 */
export function positionRows(risk: EvaluateAccountReturnType): PositionRow[] {
  const prices = risk.liquidationPrices
  const cross = risk.perps.map((perp, index): PositionRow => ({
    key: `cross:${index}:${perp.underlying}`,
    mode: 'cross',
    index,
    isolatedId: null,
    ...perpFigures(perp),
    leverage: leverage(perp.notional, risk.equity),
    isolatedMargin: null,
    isolatedMarginRatio: null,
    liquidation: liquidationOf(perp, prices?.perps[index]),
  }))
  const isolated = risk.isolated.map((position, index): PositionRow => ({
    key: `isolated:${position.id}`,
    mode: 'isolated',
    index,
    isolatedId: position.id,
    ...perpFigures(position.position),
    leverage: position.leverage,
    isolatedMargin: position.marginBalance,
    isolatedMarginRatio: position.marginRatio,
    liquidation: liquidationOf(position.position, prices?.isolated.find((entry) => entry.id === position.id)),
  }))
  return [...cross, ...isolated]
}

function perpFigures(perp: PerpPositionRisk) {
  return {
    underlying: perp.underlying,
    side: perp.size < 0 ? ('short' as const) : ('long' as const),
    size: Math.abs(perp.size),
    signedSize: perp.size,
    entryPrice: perp.entryPrice,
    markPrice: perp.markPrice,
    notional: perp.notional,
    unrealizedPnl: perp.unrealizedPnl,
    unrealizedPnlRatio: perp.unrealizedPnlRatio,
    // 0 − x, not −x: no "−0.00 USD" for a position that owes nothing.
    fundingAccrued: 0 - perp.fundingOwed,
  }
}

/** notional / equity with lib/core's conventions: 0 without exposure, ∞ when equity <= 0. */
function leverage(notional: number, equity: number): number {
  if (notional === 0) return 0
  if (equity <= 0) return Infinity
  return notional / equity
}

function liquidationOf(perp: PerpPositionRisk, prices: LiquidationPrices | undefined): PositionLiquidation {
  if (prices === undefined) return { kind: 'pending' }
  const sides: LiquidationSide[] = perp.size < 0 ? ['above', 'below'] : ['below', 'above']
  const levels: PositionLiquidationLevel[] = []
  for (const side of sides) {
    const level = prices[side]
    if (level.price === null) continue
    levels.push({ side, price: level.price, method: level.method, ...rebased(level.price, level.distanceSigmas, prices.spot, perp.markPrice) })
  }
  if (levels.length > 0) return { kind: 'levels', levels }
  const [adverse, other] = sides.map((side) => prices[side]) as [LiquidationPrices['below'], LiquidationPrices['above']]
  const reasons = [adverse, other].flatMap((level) => (level.price === null ? [level.reason] : []))
  return { kind: 'none', reason: reasons.includes('alreadyLiquidatable') ? 'alreadyLiquidatable' : (reasons[0] ?? 'noneInRange') }
}

/**
 * Distances of a liquidation price from the current mark (see `positionRows`). The sigma unit is
 * recovered from lib/core's own distance; when it cannot be (the price was at the spot when
 * searched) the sigma distance is `null` rather than a guess.
 */
function rebased(price: number, engineSigmas: number, spot: number, mark: number): { distance: number; distanceSigmas: number | null } {
  const distance = price / mark - 1
  if (mark === spot) return { distance, distanceSigmas: engineSigmas }
  const sigmaUnit = Math.log(price / spot) / engineSigmas
  if (!Number.isFinite(sigmaUnit) || !(sigmaUnit > 0)) return { distance, distanceSigmas: null }
  return { distance, distanceSigmas: Math.log(price / mark) / sigmaUnit }
}
