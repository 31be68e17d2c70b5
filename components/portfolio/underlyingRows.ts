import type { AccountRiskReturnType } from '@/lib/core/risk/accountRisk'
import type { GreeksAttribution, VolState } from '@/lib/core/risk/underlyingRisk'
import { DAYS_PER_YEAR, VOL_POINTS } from '@/lib/core/units'

/** One underlying of the cross book as the portfolio table shows it; USD unless stated. */
export type UnderlyingRow = {
  underlying: string
  /** Oracle price used, USD per unit. */
  price: number
  /** Net delta, units of the underlying (perps + options). */
  netDelta: number
  /** Net delta × price. */
  netDeltaUsd: number
  /** Change of the net delta for a 1 % price move, units of the underlying: gamma · S · 0.01. */
  gammaPerPercent: number
  /** Change of value for one volatility point (0.01), USD: vega / 100. */
  vegaPerPoint: number
  /** Change of value over one day, prices and vol held, USD: theta / 365. */
  thetaPerDay: number
  maintenanceMargin: number
  /** MM_m / MM, a fraction; null when the account requires nothing. */
  maintenanceShare: number | null
  initialMargin: number
  /** IM_m / IM, a fraction; null when the account requires nothing. */
  initialShare: number | null
  /** The venue's worst maintenance scenario and the Greeks' share of its loss (DESIGN.md §4.2). */
  worst: { priceMove: number; volState: VolState; pnl: number; attribution: GreeksAttribution }
}

export type UnderlyingRowsReturnType = {
  rows: UnderlyingRow[]
  /** Sums over the rows (no offsets across underlyings, DESIGN.md §4.2), USD. */
  totals: { maintenanceMargin: number; initialMargin: number; vegaPerPoint: number; thetaPerDay: number }
}

/**
 * The per-underlying Greeks and margin table of the portfolio page (issue 9) from an evaluation:
 * the engine's raw Greeks (DESIGN.md §3: vega per 1.00 of vol, theta per year, gamma per USD)
 * converted to what a trader reads — vega per vol point (/100), theta per day (/365, calendar
 * days as the engine's year), gamma as the delta gained per 1 % move (gamma · S / 100) — with each
 * underlying's share of the account's MM and IM and the attribution of its worst maintenance
 * scenario to delta, gamma, vega and the rest. Cross book only: isolated positions carry their
 * own margin.
 *
 * @example
 * underlyingRows(risk).rows[0] // { underlying: 'BTC', netDelta: 1.2, vegaPerPoint: 85.1, thetaPerDay: −42.7, maintenanceShare: 0.61, … }
 */
export function underlyingRows(risk: AccountRiskReturnType): UnderlyingRowsReturnType {
  const totals = { maintenanceMargin: 0, initialMargin: 0, vegaPerPoint: 0, thetaPerDay: 0 }
  const rows = Object.values(risk.underlyings).map((u): UnderlyingRow => {
    const row: UnderlyingRow = {
      underlying: u.underlying,
      price: u.price,
      netDelta: u.netDelta,
      netDeltaUsd: u.netDeltaUsd,
      gammaPerPercent: u.gamma * u.price * 0.01,
      vegaPerPoint: u.vega / VOL_POINTS,
      thetaPerDay: u.theta / DAYS_PER_YEAR,
      maintenanceMargin: u.maintenanceMargin,
      maintenanceShare: risk.maintenanceMargin > 0 ? u.maintenanceMargin / risk.maintenanceMargin : null,
      initialMargin: u.initialMargin,
      initialShare: risk.initialMargin > 0 ? u.initialMargin / risk.initialMargin : null,
      worst: {
        priceMove: u.worstMaintenanceScenario.priceMove,
        volState: u.worstMaintenanceScenario.volState,
        pnl: u.worstMaintenanceScenario.pnl,
        attribution: u.worstMaintenanceScenario.attribution,
      },
    }
    totals.maintenanceMargin += row.maintenanceMargin
    totals.initialMargin += row.initialMargin
    totals.vegaPerPoint += row.vegaPerPoint
    totals.thetaPerDay += row.thetaPerDay
    return row
  })
  return { rows, totals }
}
