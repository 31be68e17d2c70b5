import { positionColumns, type PositionColumnId } from './positionColumns'
import type { WorkspaceRow } from './workspaceRows'

export type PositionSort = { column: PositionColumnId; direction: 'ascending' | 'descending' }

/**
 * The rows ordered by one column, stably (ties keep the book's order, so a live tick never
 * reshuffles equal rows). Numbers compare numerically, text by `localeCompare`; a missing figure
 * (`null`, e.g. an option bought without a known premium) sorts last in both directions. `null`
 * sort: the book's order unchanged.
 *
 * @example
 * sortPositionRows(rows, { column: 'mmContribution', direction: 'descending' })[0] // the position that drives the margin most
 */
export function sortPositionRows(rows: readonly WorkspaceRow[], sort: PositionSort | null): WorkspaceRow[] {
  if (sort === null) return [...rows]
  const column = positionColumns.find((c) => c.id === sort.column)
  if (column === undefined) return [...rows]
  const sign = sort.direction === 'ascending' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index, value: column.sortValue(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1
      const order = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : String(a.value).localeCompare(String(b.value))
      return order === 0 ? a.index - b.index : sign * order
    })
    .map(({ row }) => row)
}
