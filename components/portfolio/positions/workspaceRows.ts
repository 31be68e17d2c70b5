import type { AccountRiskReturnType } from '@/lib/core/risk/accountRisk'
import type { PositionContributionsReturnType } from '@/lib/core/risk/positionContributions'
import { DAYS_PER_YEAR, VOL_POINTS } from '@/lib/core/units'

/** A row of the positions workspace (DESIGN.md §3 units, converted for reading where stated). */
export type WorkspaceRow = {
  /** lib/core `positionContributions`' key: `perp:BTC`, `option:BTC:call:62000:<expiry>`, `isolated:<id>`. */
  key: string
  /** The underlying, e.g. `BTC`. */
  market: string
  type: 'perp' | 'call' | 'put'
  book: 'cross' | 'isolated'
  /** The venue's isolated-position id; null in cross. */
  isolatedId: string | null
  /** Signed size, base units (options: contracts, 1 contract = 1 unit). */
  size: number
  /** USD per unit; null for a perp. */
  strike: number | null
  /** Perp: average entry price; option: average premium per contract; USD; null when unknown. */
  entry: number | null
  /** Perp: oracle price; option: model mark per contract (Black-Scholes at the vol index, intrinsic once expired); USD. */
  mark: number
  /** |size| · S, USD. */
  notional: number
  /** Unrealized PnL, USD: perp size·(S − entry) before funding; option size·(mark − premium); null without an entry premium. */
  pnl: number | null
  /** Units of the underlying. */
  delta: number
  /** delta · S, USD. */
  deltaUsd: number
  /** d²V/dS², per USD (lib/core's raw gamma; 0 for a perp). */
  gamma: number
  /** USD per volatility point (0.01): lib/core's vega / 100. */
  vegaPerPoint: number
  /** USD per calendar day: lib/core's theta (per year) / 365. */
  thetaPerDay: number
  /** Liquidation contribution (lib/core `positionContributions`), USD; null until the worker answers. */
  mmContribution: number | null
  /** mmContribution / (cross MM + isolated MM), a fraction; null until the worker answers. */
  mmShare: number | null
  /** Unix seconds; null for a perp. */
  expiry: number | null
  /** Seconds from the valuation time to expiry (0 once expired); null for a perp. */
  secondsToExpiry: number | null
  expired: boolean
}

/**
 * Every position of the account in one list — cross perps, cross options (by underlying, expiry,
 * strike, calls first), then isolated positions — from the snapshot's `risk` (live figures),
 * joined by key with the worker's `positionContributions` (refreshed less often, so a key it does
 * not know yet reads `null`, never a stale neighbour's figure). Vega is converted to USD per vol
 * point (÷ 100) and theta to USD per day (÷ 365, the venue's 31,536,000-second year). The keys are
 * built exactly as lib/core builds them (checked in the tests).
 *
 * @example
 * workspaceRows(risk, contributions)[0] // { key: 'perp:BTC', type: 'perp', book: 'cross', size: 0.5, mmContribution: 412.3, … }
 */
export function workspaceRows(risk: AccountRiskReturnType, contributions: PositionContributionsReturnType | null): WorkspaceRow[] {
  const byKey = new Map(contributions?.positions.map((p) => [p.key, p]) ?? [])
  const seen = new Map<string, number>()
  const uniqueKey = (base: string) => {
    const count = (seen.get(base) ?? 0) + 1
    seen.set(base, count)
    return count === 1 ? base : `${base}:${count}`
  }
  const contributionOf = (key: string) => {
    const found = byKey.get(key)
    return { mmContribution: found?.maintenanceContribution ?? null, mmShare: found?.share ?? null }
  }
  const perpRow = (perp: AccountRiskReturnType['perps'][number], key: string, isolatedId: string | null): WorkspaceRow => ({
    key,
    market: perp.underlying,
    type: 'perp',
    book: isolatedId === null ? 'cross' : 'isolated',
    isolatedId,
    size: perp.size,
    strike: null,
    entry: perp.entryPrice,
    mark: perp.markPrice,
    notional: perp.notional,
    pnl: perp.unrealizedPnl,
    delta: perp.delta,
    deltaUsd: perp.deltaUsd,
    gamma: 0,
    vegaPerPoint: 0,
    thetaPerDay: 0,
    ...contributionOf(key),
    expiry: null,
    secondsToExpiry: null,
    expired: false,
  })

  const perps = risk.perps.map((perp) => perpRow(perp, uniqueKey(`perp:${perp.underlying}`), null))
  const options = risk.options.map((option): WorkspaceRow => {
    const key = uniqueKey(`option:${option.underlying}:${option.kind}:${option.strike}:${option.expiry}`)
    return {
      key,
      market: option.underlying,
      type: option.kind,
      book: 'cross',
      isolatedId: null,
      size: option.size,
      strike: option.strike,
      entry: option.entryPrice,
      mark: option.mark,
      notional: option.notional,
      pnl: option.unrealizedPnl,
      delta: option.delta,
      deltaUsd: option.deltaUsd,
      gamma: option.gamma,
      vegaPerPoint: option.vega / VOL_POINTS,
      thetaPerDay: option.theta / DAYS_PER_YEAR,
      ...contributionOf(key),
      expiry: option.expiry,
      secondsToExpiry: Math.max(0, option.expiry - risk.now),
      expired: option.expired,
    }
  })
  options.sort(
    (a, b) => a.market.localeCompare(b.market) || (a.expiry ?? 0) - (b.expiry ?? 0) || (a.strike ?? 0) - (b.strike ?? 0) || (a.type === b.type ? 0 : a.type === 'call' ? -1 : 1),
  )
  const isolated = risk.isolated.map((position) => perpRow(position.position, `isolated:${position.id}`, position.id))
  return [...perps, ...options, ...isolated]
}
