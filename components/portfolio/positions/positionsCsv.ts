import type { WorkspaceRow } from './workspaceRows'

type CsvColumn = { header: string; value: (row: WorkspaceRow) => string | number | null }

/** Columns of the export: the table's, each header with its unit, numbers unrounded. */
const csvColumns: readonly CsvColumn[] = [
  { header: 'key', value: (r) => r.key },
  { header: 'market', value: (r) => r.market },
  { header: 'type', value: (r) => r.type },
  { header: 'book', value: (r) => r.book },
  { header: 'isolated id', value: (r) => r.isolatedId },
  { header: 'size (units; options: contracts)', value: (r) => r.size },
  { header: 'strike (USD)', value: (r) => r.strike },
  { header: 'expiry (ISO 8601 UTC)', value: (r) => (r.expiry === null ? null : new Date(r.expiry * 1000).toISOString()) },
  { header: 'entry (USD; options: premium per contract)', value: (r) => r.entry },
  { header: 'mark (USD; options: model mark per contract)', value: (r) => r.mark },
  { header: 'notional (USD)', value: (r) => r.notional },
  { header: 'unrealized PnL (USD)', value: (r) => r.pnl },
  { header: 'delta (units)', value: (r) => r.delta },
  { header: 'delta (USD)', value: (r) => r.deltaUsd },
  { header: 'gamma (units per USD)', value: (r) => r.gamma },
  { header: 'vega (USD per vol point)', value: (r) => r.vegaPerPoint },
  { header: 'theta (USD per day)', value: (r) => r.thetaPerDay },
  { header: 'MM contribution (USD)', value: (r) => r.mmContribution },
  { header: 'MM share (fraction of total MM)', value: (r) => r.mmShare },
]

/**
 * The rows as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a
 * comma, a quote or a line break, quotes doubled): one header row naming each column's unit,
 * then one line per row. Numbers are written unformatted at full precision (JavaScript's shortest
 * round-trip form, so parsing gives back the exact double); expiries as ISO 8601 UTC; a missing
 * figure (`null`, or a non-finite number, which no figure should be) is an empty field, never `NaN`.
 *
 * @example
 * positionsCsv(rows).split('\r\n')[1] // 'perp:BTC,BTC,perp,cross,,0.5,,,59000,60012.5,30006.25,…'
 */
export function positionsCsv(rows: readonly WorkspaceRow[]): string {
  const lines = [csvColumns.map((column) => csvField(column.header))]
  for (const row of rows) lines.push(csvColumns.map((column) => csvField(column.value(row))))
  return `${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`
}

function csvField(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}
