'use client'

import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useEngineRequest } from '@/components/engine/useEngineRequest'
import { lastKnownText } from '@/components/trade/gauge/lastKnownText'
import { formatNumber, formatSigned } from '@/components/ui/formatFigures'
import { timeLeft } from '@/components/trade/options/timeLeft'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { filterPositionRows, noPositionFilter, type PositionFilter } from './filterPositionRows'
import { focusPositionsFilter, positionsFilterId } from './focusPositionsFilter'
import { moveActiveRow } from './moveActiveRow'
import { positionColumns, type PositionColumn, type PositionColumnId } from './positionColumns'
import { positionsCsv } from './positionsCsv'
import { revealRowScrollTop } from './revealRowScrollTop'
import { rowWindow } from './rowWindow'
import { sortPositionRows, type PositionSort } from './sortPositionRows'
import { workspaceRows, type WorkspaceRow } from './workspaceRows'

/** The contributions are re-asked as snapshots arrive, at most this often (ms). */
const refreshMs = 500
/** Fixed row height, px: the window arithmetic relies on it. */
const rowHeight = 32
/** Rows rendered beyond the visible ones on each side. */
const overscan = 6
/** Before the container is measured: render as if it were this tall (px). */
const defaultViewport = 480

export type PositionsWorkspaceProps = {
  /** The account as the tables show it (throttled to ≤ 10 Hz by the page). */
  account: AccountSnapshot
  /** The what-if book: asks the worker for the hypothetical contributions and says so. */
  hypothetical?: boolean
}

/**
 * The power user's positions workspace (issue 9): every perp and option, cross and isolated, in
 * one table with per-row Greeks and liquidation (MM) contribution — live figures from the snapshot,
 * contributions from the engine worker (lib/core `positionContributions`, re-asked at most every
 * 500 ms). Sortable (click or Enter on a header, `aria-sort`, stable), filterable (text and
 * toggles, "n of N"; `/` focuses the filter), keyboard navigable (the table is one tab stop;
 * ↑/↓/PageUp/PageDown/Home/End move the active row, `aria-activedescendant`, scrolled into
 * view), windowed (fixed row height: only the visible rows plus overscan are in the DOM), and
 * exported as CSV (the whole filtered set, unrounded). Not-live figures read "last known".
 */
export const PositionsWorkspace = memo(function PositionsWorkspace({ account, hypothetical = false }: PositionsWorkspaceProps) {
  const baseId = useId()
  const risk = account.risk
  const request = useEngineRequest('positionContributions', risk === null ? null : { account: account.address, hypothetical }, { refreshMs })
  const rows = useMemo(() => (risk === null ? [] : workspaceRows(risk, request.data)), [risk, request.data])
  const markets = useMemo(() => [...new Set(rows.map((row) => row.market))].sort(), [rows])

  const [filter, setFilter] = useState<PositionFilter>(noPositionFilter)
  const [sort, setSort] = useState<PositionSort | null>(null)
  const [activeKey, setActiveKey] = useState<string | null>(null)
  const shown = useMemo(() => sortPositionRows(filterPositionRows(rows, filter), sort), [rows, filter, sort])
  const activeIndex = activeKey === null ? -1 : shown.findIndex((row) => row.key === activeKey)

  const scroller = useRef<HTMLDivElement>(null)
  const head = useRef<HTMLTableSectionElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState({ height: defaultViewport, header: rowHeight })
  const loaded = risk !== null
  useEffect(() => {
    const element = scroller.current
    if (element === null) return
    const measure = () => setViewport({ height: element.clientHeight, header: head.current?.offsetHeight ?? rowHeight })
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [loaded])

  // `/` focuses the filter from anywhere but a text field (the command palette helper uses the id).
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return
      const target = event.target as HTMLElement | null
      if (target !== null && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return
      if (focusPositionsFilter()) event.preventDefault()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  const rowsHeight = Math.max(rowHeight, viewport.height - viewport.header)
  const visible = rowWindow({ rowCount: shown.length, rowHeight, viewportHeight: rowsHeight, scrollTop, overscan })

  const reveal = useCallback(
    (index: number) => {
      const element = scroller.current
      if (element === null) return
      const next = revealRowScrollTop({ index, rowHeight, headerHeight: viewport.header, viewportHeight: viewport.height, scrollTop: element.scrollTop })
      if (next !== element.scrollTop) {
        element.scrollTop = next
        setScrollTop(element.scrollTop)
      }
    },
    [viewport],
  )

  const onGridKey = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.target !== event.currentTarget) return // a header's sort button handles its own keys
    const next = moveActiveRow(activeIndex < 0 ? null : activeIndex, event.key, shown.length, Math.floor(rowsHeight / rowHeight) - 1)
    if (next === undefined) return
    event.preventDefault()
    if (next === null) return setActiveKey(null)
    setActiveKey(shown[next]!.key)
    reveal(next)
  }

  const toggleSort = (column: PositionColumnId) =>
    setSort((current) => (current?.column === column ? { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' } : { column, direction: 'ascending' }))

  const exportCsv = () => {
    const blob = new Blob([positionsCsv(shown)], { type: 'text/csv;charset=utf-8' })
    const url = URL.createObjectURL(blob)
    const link = document.createElement('a')
    link.href = url
    link.download = `positions-${account.address}-${isoBasicTime(new Date())}.csv`
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  const lastKnown = lastKnownText(account)
  const captionId = `${baseId}-caption`
  const rowId = (row: WorkspaceRow) => `${baseId}-row-${row.key}`
  const active = activeIndex >= 0 ? shown[activeIndex] : undefined

  return (
    <section aria-label="Positions" className="space-y-3 rounded-lg border border-edge bg-panel p-4" data-testid="positions-workspace">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 className="text-sm font-medium uppercase tracking-wide text-muted">Positions</h2>
        {hypothetical && <span className="rounded bg-accent/15 px-2 py-0.5 text-xs text-accent">Hypothetical (what-if)</span>}
        <p role="status" aria-live="polite" data-testid="positions-count" className="text-xs text-muted">
          {shown.length} of {rows.length} positions
        </p>
        {lastKnown !== null && <p className="text-xs text-warn">{lastKnown}</p>}
        <button
          id="positions-export"
          type="button"
          onClick={exportCsv}
          disabled={shown.length === 0}
          title="Download the filtered positions (all of them, not only those on screen) as CSV, figures unrounded"
          className="ml-auto rounded border border-edge px-2 py-1 text-sm text-muted hover:text-inherit disabled:opacity-50"
        >
          Export CSV
        </button>
      </div>
      {risk === null ? (
        <p className="text-sm text-muted">{account.error ? `Cannot evaluate the book: ${account.error.message}` : 'Loading the book from the venue…'}</p>
      ) : (
        <>
          <FilterBar filter={filter} onChange={setFilter} markets={markets} />
          {request.error !== null && <p className="text-xs text-danger">Cannot compute the MM contributions: {request.error}</p>}
          <div ref={scroller} data-testid="positions-scroller" onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)} className="max-h-[28rem] overflow-auto rounded border border-edge/60">
            <table
              role="grid"
              aria-labelledby={captionId}
              aria-rowcount={shown.length + 1}
              aria-activedescendant={active === undefined ? undefined : rowId(active)}
              tabIndex={0}
              onKeyDown={onGridKey}
              data-testid="positions-table"
              data-total={rows.length}
              data-shown={shown.length}
              data-confident={lastKnown === null}
              className="w-max table-fixed border-collapse text-xs focus:outline-none focus-visible:ring-1 focus-visible:ring-accent"
            >
              <caption id={captionId} className="sr-only">
                Positions: {shown.length} of {rows.length}. Use the arrow keys, Page Up, Page Down, Home and End to move between rows.
              </caption>
              <colgroup>
                {positionColumns.map((column) => (
                  <col key={column.id} style={{ width: `${column.widthRem}rem` }} />
                ))}
              </colgroup>
              <thead ref={head} className="sticky top-0 z-10 bg-panel">
                <tr aria-rowindex={1} className="border-b border-edge text-left text-muted">
                  {positionColumns.map((column) => (
                    <HeaderCell key={column.id} column={column} sort={sort} onSort={toggleSort} />
                  ))}
                </tr>
              </thead>
              <tbody className={lastKnown === null ? '' : 'opacity-60'}>
                {visible.paddingTop > 0 && <tr aria-hidden="true" style={{ height: visible.paddingTop }} />}
                {shown.slice(visible.start, visible.end).map((row, offset) => {
                  const index = visible.start + offset
                  return (
                    <Row
                      key={row.key}
                      row={row}
                      id={rowId(row)}
                      index={index}
                      active={index === activeIndex}
                      onSelect={() => setActiveKey(row.key)}
                    />
                  )
                })}
                {visible.paddingBottom > 0 && <tr aria-hidden="true" style={{ height: visible.paddingBottom }} />}
              </tbody>
            </table>
            {shown.length === 0 && <p className="p-3 text-sm text-muted">{rows.length === 0 ? 'No open positions.' : 'No position matches the filter.'}</p>}
          </div>
          <p className="text-xs text-muted">
            MM contribution (estimate of what each position is responsible for): its own loss in the worst of its underlying&apos;s 27 maintenance
            scenarios plus a pro-rata share of the short-option contingency — negative when it hedges; the cross rows of an underlying add up to
            its MM. An isolated position&apos;s is its own MM. Greeks per position; vega per 1 vol point, theta per calendar day.
          </p>
        </>
      )}
    </section>
  )
})

function HeaderCell({ column, sort, onSort }: { column: PositionColumn; sort: PositionSort | null; onSort: (column: PositionColumnId) => void }) {
  const direction = sort?.column === column.id ? sort.direction : undefined
  return (
    <th
      scope="col"
      aria-sort={direction ?? 'none'}
      title={column.title}
      className={`h-11 px-1.5 align-bottom font-medium whitespace-nowrap ${column.numeric ? 'text-right' : 'text-left'} ${column.id === 'market' ? 'sticky left-0 z-20 bg-panel' : ''}`}
    >
      <button
        type="button"
        onClick={() => onSort(column.id)}
        data-column={column.id}
        className={`inline-flex items-end gap-0.5 leading-tight hover:text-inherit focus:outline-none focus-visible:underline ${column.numeric ? 'flex-row-reverse text-right' : 'text-left'}`}
      >
        <span>
          {column.header}
          <span className="block text-[10px] font-normal">{column.unit === '' ? '\u00a0' : column.unit}</span>
        </span>
        <span aria-hidden="true" className="w-2 text-accent">
          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
        </span>
      </button>
    </th>
  )
}

function Row({ row, id, index, active, onSelect }: { row: WorkspaceRow; id: string; index: number; active: boolean; onSelect: () => void }) {
  return (
    <tr
      id={id}
      aria-rowindex={index + 2}
      aria-selected={active}
      data-key={row.key}
      data-index={index}
      onClick={onSelect}
      style={{ height: rowHeight }}
      className={`cursor-default border-b border-edge/40 ${active ? 'bg-accent/15' : 'hover:bg-surface/60'}`}
    >
      <th scope="row" className={`sticky left-0 bg-panel px-1.5 text-left font-medium whitespace-nowrap ${active ? 'shadow-[inset_3px_0_0_var(--color-accent)]' : ''}`}>
        {row.market}
      </th>
      <Cell>{row.type === 'perp' ? 'Perp' : `${row.type === 'call' ? 'Call' : 'Put'} ${formatNumber(row.strike, 0)}`}</Cell>
      <Cell>{row.book === 'cross' ? 'Cross' : `Isolated #${row.isolatedId}`}</Cell>
      <Cell numeric className={row.size >= 0 ? 'text-safe' : 'text-danger'}>
        {formatSigned(row.size, Math.abs(row.size) >= 10 ? 2 : 4)}
      </Cell>
      <Cell numeric className={row.mmContribution !== null && row.mmContribution < 0 ? 'text-safe' : ''}>
        {row.mmContribution === null ? '—' : formatSigned(row.mmContribution, 2)}
      </Cell>
      <Cell numeric>{row.mmShare === null ? '—' : `${formatNumber(row.mmShare * 100, 1)} %`}</Cell>
      <Cell numeric>{row.entry === null ? '—' : formatNumber(row.entry, priceDigitsOf(row.entry))}</Cell>
      <Cell numeric>{formatNumber(row.mark, priceDigitsOf(row.mark))}</Cell>
      <Cell numeric>{formatNumber(row.notional, 0)}</Cell>
      <Cell numeric className={signClass(row.pnl)}>
        {row.pnl === null ? '—' : formatSigned(row.pnl, 2)}
      </Cell>
      <Cell numeric>{formatSigned(row.delta, 4)}</Cell>
      <Cell numeric>{formatSigned(row.deltaUsd, 0)}</Cell>
      <Cell numeric>{formatSmall(row.gamma)}</Cell>
      <Cell numeric>{formatSigned(row.vegaPerPoint, 2)}</Cell>
      <Cell numeric>{formatSigned(row.thetaPerDay, 2)}</Cell>
      <Cell numeric>
        {row.expiry === null ? (
          '—'
        ) : row.expired ? (
          <span className="text-warn" title="valued at intrinsic until the series settles">
            expired
          </span>
        ) : (
          <span title={`${new Date(row.expiry * 1000).toISOString().replace('T', ' ').slice(0, 16)} UTC`}>{timeLeft(row.secondsToExpiry ?? 0)}</span>
        )}
      </Cell>
    </tr>
  )
}

function Cell({ children, numeric = false, className = '' }: { children: ReactNode; numeric?: boolean; className?: string }) {
  return <td className={`overflow-hidden px-1.5 whitespace-nowrap text-ellipsis ${numeric ? 'text-right font-mono' : ''} ${className}`}>{children}</td>
}

function FilterBar({ filter, onChange, markets }: { filter: PositionFilter; onChange: (filter: PositionFilter) => void; markets: string[] }) {
  const toggle = (pressed: boolean, label: string, onPress: () => void, name = label) => (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onPress}
      aria-label={`Show ${name}`}
      className={`rounded border px-2 py-0.5 text-xs ${pressed ? 'border-accent bg-accent/15 text-accent' : 'border-edge text-muted line-through'}`}
    >
      {label}
    </button>
  )
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Filter positions">
      <label htmlFor={positionsFilterId} className="sr-only">
        Filter positions (press / to focus)
      </label>
      <input
        id={positionsFilterId}
        type="search"
        value={filter.text}
        onChange={(event) => onChange({ ...filter, text: event.target.value })}
        placeholder="Filter: btc call 62000…  ( / )"
        spellCheck={false}
        autoComplete="off"
        className="w-56 rounded border border-edge bg-surface px-2 py-1 text-sm"
      />
      {toggle(filter.perps, 'Perps', () => onChange({ ...filter, perps: !filter.perps }), 'cross perps')}
      {toggle(filter.options, 'Options', () => onChange({ ...filter, options: !filter.options }), 'options')}
      {toggle(filter.isolated, 'Isolated', () => onChange({ ...filter, isolated: !filter.isolated }), 'isolated positions')}
      <span className="mx-1 h-4 w-px bg-edge" aria-hidden="true" />
      {markets.map((market) => {
        const hidden = filter.hiddenMarkets.includes(market)
        return (
          <span key={market}>
            {toggle(!hidden, market, () => onChange({ ...filter, hiddenMarkets: hidden ? filter.hiddenMarkets.filter((m) => m !== market) : [...filter.hiddenMarkets, market] }), `${market} positions`)}
          </span>
        )
      })}
    </div>
  )
}

/** `20261121T200512Z`: ISO 8601 basic format, safe in a file name (no colons). */
function isoBasicTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

function priceDigitsOf(value: number): number {
  return Math.abs(value) >= 100 ? 2 : 4
}

/** Gamma per USD is tiny on a 60,000 USD underlying: three significant digits, exponent when small. */
function formatSmall(value: number): string {
  if (!Number.isFinite(value)) return '—'
  if (value === 0) return '0'
  const magnitude = Math.abs(value)
  const text = magnitude >= 0.01 ? magnitude.toPrecision(3) : magnitude.toExponential(2).replace('e-', 'e−')
  return value < 0 ? `−${text}` : `+${text}`
}

function signClass(value: number | null): string {
  if (value === null || value === 0) return ''
  return value > 0 ? 'text-safe' : 'text-danger'
}
