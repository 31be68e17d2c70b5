/** The id of the workspace's filter box: the `/` shortcut and the command palette focus it. */
export const positionsFilterId = 'positions-filter'

/**
 * Focuses (and selects) the positions workspace's filter box, for the `/` shortcut and the
 * command palette. Returns whether there was one on the page.
 *
 * @example
 * focusPositionsFilter() // true on /portfolio with a book loaded
 */
export function focusPositionsFilter(doc: Pick<Document, 'getElementById'> = document): boolean {
  const input = doc.getElementById(positionsFilterId)
  if (!(input instanceof HTMLInputElement)) return false
  input.focus()
  input.select()
  return true
}
