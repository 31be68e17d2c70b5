/**
 * The active row after a navigation key (issue 9: ↑/↓, PageUp/PageDown by a page of `pageSize`
 * rows, Home/End), clamped to the list; `undefined` for any other key (the event is not ours).
 * With no active row yet, ↓, PageDown and Home start at the first row, ↑ and End at the last.
 * An empty list has no active row (`null`).
 *
 * @example
 * moveActiveRow(3, 'PageDown', 24, 10) // 13
 * moveActiveRow(null, 'ArrowUp', 24, 10) // 23
 */
export function moveActiveRow(active: number | null, key: string, count: number, pageSize: number): number | null | undefined {
  const page = Math.max(1, Math.floor(pageSize))
  let next: number
  switch (key) {
    case 'ArrowDown':
      next = active === null ? 0 : active + 1
      break
    case 'ArrowUp':
      next = active === null ? count - 1 : active - 1
      break
    case 'PageDown':
      next = active === null ? 0 : active + page
      break
    case 'PageUp':
      next = active === null ? 0 : active - page
      break
    case 'Home':
      next = 0
      break
    case 'End':
      next = count - 1
      break
    default:
      return undefined
  }
  if (count <= 0) return null
  return Math.min(count - 1, Math.max(0, next))
}
