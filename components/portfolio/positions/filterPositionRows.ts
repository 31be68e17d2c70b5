import { formatExpiryDate } from '@/components/ui/formatExpiry'
import type { WorkspaceRow } from './workspaceRows'

export type PositionFilter = {
  /** Free text: every whitespace-separated word must match (market, type, C/P, strike, book, expiry date). */
  text: string
  /** Cross perps shown. */
  perps: boolean
  /** Options shown. */
  options: boolean
  /** Isolated positions shown. */
  isolated: boolean
  /** Underlyings hidden by their toggle. */
  hiddenMarkets: readonly string[]
}

export const noPositionFilter: PositionFilter = { text: '', perps: true, options: true, isolated: true, hiddenMarkets: [] }

/**
 * The rows the workspace's filter lets through, in their order. Text is matched case-insensitively,
 * word by word (all words must match), against what a trader would type for the row: `btc`,
 * `call` or `c`, `62000` or `62,000`, `isolated`, `cross`, the expiry date `22 nov`, the isolated id.
 *
 * @example
 * filterPositionRows(rows, { ...noPositionFilter, text: 'btc put' }) // the BTC puts
 */
export function filterPositionRows(rows: readonly WorkspaceRow[], filter: PositionFilter): WorkspaceRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter((word) => word !== '')
  return rows.filter((row) => {
    if (row.book === 'isolated' ? !filter.isolated : row.type === 'perp' ? !filter.perps : !filter.options) return false
    if (filter.hiddenMarkets.includes(row.market)) return false
    if (words.length === 0) return true
    const haystack = searchText(row)
    return words.every((word) => haystack.includes(word))
  })
}

function searchText(row: WorkspaceRow): string {
  const parts = [row.market, row.type, row.book, row.type === 'perp' ? 'perpetual' : `option ${row.type === 'call' ? 'c' : 'p'}`]
  if (row.isolatedId !== null) parts.push(`#${row.isolatedId}`)
  if (row.strike !== null) parts.push(String(row.strike), row.strike.toLocaleString('en-US'))
  if (row.expiry !== null) parts.push(formatExpiryDate(row.expiry))
  parts.push(row.size >= 0 ? 'long' : 'short')
  return ` ${parts.join(' ').toLowerCase()} `
}
