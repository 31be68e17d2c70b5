export type RowWindowParameters = {
  rowCount: number
  /** Fixed height of one row, px. */
  rowHeight: number
  /** Height of the rows' visible area, px. */
  viewportHeight: number
  /** How far the rows are scrolled, px from the first row's top (clamped to ≥ 0). */
  scrollTop: number
  /** Extra rows rendered above and below the visible ones, so a fast scroll shows no gap. */
  overscan: number
}

export type RowWindowReturnType = {
  /** First rendered row index. */
  start: number
  /** One past the last rendered row index. */
  end: number
  /** Height of the spacer above the rendered rows, px (start × rowHeight). */
  paddingTop: number
  /** Height of the spacer below, px ((rowCount − end) × rowHeight): the scrollbar stays the full list's. */
  paddingBottom: number
}

/**
 * Which rows of a fixed-row-height list to render: the ones intersecting the viewport plus
 * `overscan` on each side, with spacers standing for the rest so the scroll height is the full
 * list's. A row i spans [i·h, (i + 1)·h).
 *
 * @example
 * rowWindow({ rowCount: 200, rowHeight: 32, viewportHeight: 320, scrollTop: 640, overscan: 4 })
 * // { start: 16, end: 34, paddingTop: 512, paddingBottom: 5_312 }
 */
export function rowWindow({ rowCount, rowHeight, viewportHeight, scrollTop, overscan }: RowWindowParameters): RowWindowReturnType {
  if (rowCount <= 0 || !(rowHeight > 0)) return { start: 0, end: 0, paddingTop: 0, paddingBottom: 0 }
  const top = Math.max(0, Number.isFinite(scrollTop) ? scrollTop : 0)
  const height = Math.max(0, Number.isFinite(viewportHeight) ? viewportHeight : 0)
  const firstVisible = Math.min(rowCount - 1, Math.floor(top / rowHeight))
  const lastVisible = Math.min(rowCount, Math.max(firstVisible + 1, Math.ceil((top + height) / rowHeight)))
  const start = Math.max(0, firstVisible - overscan)
  const end = Math.min(rowCount, lastVisible + overscan)
  return { start, end, paddingTop: start * rowHeight, paddingBottom: (rowCount - end) * rowHeight }
}
