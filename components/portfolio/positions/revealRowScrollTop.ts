export type RevealRowScrollTopParameters = {
  index: number
  /** Fixed row height, px. */
  rowHeight: number
  /** Height of the sticky header above the rows, px. */
  headerHeight: number
  /** Height of the scroll container, px (header included). */
  viewportHeight: number
  /** Current scroll offset of the container, px. */
  scrollTop: number
}

/**
 * The container's scroll offset that brings row `index` fully into view below the sticky header,
 * moving as little as possible: unchanged when it is already visible, else the row aligned to the
 * top (scrolling up) or to the bottom (scrolling down). Row i's top is at headerHeight + i·h in the
 * container's content.
 *
 * @example
 * revealRowScrollTop({ index: 20, rowHeight: 32, headerHeight: 40, viewportHeight: 360, scrollTop: 0 }) // 352: row 20's bottom at the container's bottom
 */
export function revealRowScrollTop({ index, rowHeight, headerHeight, viewportHeight, scrollTop }: RevealRowScrollTopParameters): number {
  const top = index * rowHeight
  const visibleRows = Math.max(rowHeight, viewportHeight - headerHeight)
  if (top < scrollTop) return top
  if (top + rowHeight > scrollTop + visibleRows) return top + rowHeight - visibleRows
  return scrollTop
}
