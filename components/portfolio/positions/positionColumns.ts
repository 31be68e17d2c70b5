import type { WorkspaceRow } from './workspaceRows'

export type PositionColumnId =
  | 'market'
  | 'type'
  | 'book'
  | 'size'
  | 'entry'
  | 'mark'
  | 'notional'
  | 'pnl'
  | 'delta'
  | 'deltaUsd'
  | 'gamma'
  | 'vega'
  | 'theta'
  | 'mmContribution'
  | 'mmShare'
  | 'expiry'

/** A column of the positions workspace: its header (with the unit), what it sorts by, its width. */
export type PositionColumn = {
  id: PositionColumnId
  /** Header text. */
  header: string
  /** The unit a trader reads in the cells, shown under the header ('' for text columns). */
  unit: string
  /** Tooltip: what the figure is and how it is computed. */
  title: string
  numeric: boolean
  /** Fixed width in rem: rows are windowed, so widths cannot follow the rows on screen. */
  widthRem: number
  /** What sorting compares; null sorts last in either direction. */
  sortValue: (row: WorkspaceRow) => number | string | null
}

/**
 * The workspace's columns in display order (issue 9): market, type, book, size, then the MM
 * contribution (USD and % of the total MM) — what the workspace is for, kept in view without
 * scrolling sideways — entry, mark, notional, PnL, delta (units and USD), gamma, vega per vol
 * point, theta per day and expiry. Units as DESIGN.md §3, converted for reading where the unit
 * line says so.
 */
export const positionColumns: readonly PositionColumn[] = [
  { id: 'market', header: 'Market', unit: '', title: 'underlying', numeric: false, widthRem: 4, sortValue: (r) => r.market },
  { id: 'type', header: 'Type', unit: 'strike USD', title: 'perp, call or put; strike for options (USD)', numeric: false, widthRem: 6.5, sortValue: (r) => (r.type === 'perp' ? 'perp' : `${r.type} ${String(r.strike).padStart(24, '0')}`) },
  { id: 'book', header: 'Book', unit: '', title: 'cross margin, or isolated on its own margin (venue id)', numeric: false, widthRem: 6, sortValue: (r) => (r.book === 'cross' ? 'cross' : `isolated ${r.isolatedId}`) },
  { id: 'size', header: 'Size', unit: 'units', title: 'signed size in units of the underlying (options: contracts, 1 contract = 1 unit); long > 0', numeric: true, widthRem: 5.5, sortValue: (r) => r.size },
  {
    id: 'mmContribution',
    header: 'MM contrib.',
    unit: 'USD',
    title:
      'liquidation contribution: the position’s own loss in the worst of its underlying’s 27 maintenance scenarios, plus its pro-rata share of the short-option contingency (negative: it offsets); an isolated position’s own MM. Cross rows of an underlying sum to its MM.',
    numeric: true,
    widthRem: 6,
    sortValue: (r) => r.mmContribution,
  },
  { id: 'mmShare', header: 'MM share', unit: '% of total', title: 'MM contribution / (cross MM + isolated MM)', numeric: true, widthRem: 5, sortValue: (r) => r.mmShare },
  { id: 'entry', header: 'Entry', unit: 'USD', title: 'perp: average entry price; option: average premium per contract', numeric: true, widthRem: 5.5, sortValue: (r) => r.entry },
  { id: 'mark', header: 'Mark', unit: 'USD', title: 'perp: oracle price; option: model mark per contract (Black-Scholes at the volatility index; intrinsic once expired)', numeric: true, widthRem: 5.5, sortValue: (r) => r.mark },
  { id: 'notional', header: 'Notional', unit: 'USD', title: '|size| × underlying price', numeric: true, widthRem: 5.5, sortValue: (r) => r.notional },
  { id: 'pnl', header: 'PnL', unit: 'USD', title: 'unrealized: perp size × (price − entry), before funding; option contracts × (mark − premium)', numeric: true, widthRem: 5, sortValue: (r) => r.pnl },
  { id: 'delta', header: 'Δ', unit: 'units', title: 'position delta, units of the underlying', numeric: true, widthRem: 5, sortValue: (r) => r.delta },
  { id: 'deltaUsd', header: 'Δ', unit: 'USD', title: 'position delta × underlying price', numeric: true, widthRem: 5.5, sortValue: (r) => r.deltaUsd },
  { id: 'gamma', header: 'Γ', unit: 'units/USD', title: 'position gamma: change in delta (units) per 1 USD move of the underlying', numeric: true, widthRem: 5, sortValue: (r) => r.gamma },
  { id: 'vega', header: 'Vega', unit: 'USD/vol pt', title: 'change in value for a 1-point (0.01) rise in volatility', numeric: true, widthRem: 5, sortValue: (r) => r.vegaPerPoint },
  { id: 'theta', header: 'θ', unit: 'USD/day', title: 'change in value over one calendar day, price and vol unchanged', numeric: true, widthRem: 4.5, sortValue: (r) => r.thetaPerDay },
  { id: 'expiry', header: 'Expiry', unit: 'time left', title: 'time left to expiry (UTC date in the tooltip)', numeric: true, widthRem: 5, sortValue: (r) => r.expiry },
]
