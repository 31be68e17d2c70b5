import { jumpToSection } from '@/components/keyboard/jumpToSection'
import { positionsFilterId } from '@/components/portfolio/positions/focusPositionsFilter'

/**
 * Shows one isolated position — a "subaccount": its own margin book inside the account — in the
 * positions workspace, by typing `isolated #<id>` into its filter (as the trader would: the
 * workspace's own filter state follows the input event) and moving focus there. Without the
 * workspace on the page it jumps to the Positions section instead. Returns whether it filtered.
 *
 * @example
 * showIsolatedPositions('3') // the workspace lists isolated #3 only
 */
export function showIsolatedPositions(id: string, doc: Document = document): boolean {
  const input = doc.getElementById(positionsFilterId)
  if (!(input instanceof HTMLInputElement)) {
    jumpToSection('Positions', doc)
    return false
  }
  // React tracks an input's value through its setter: set it natively so the change event is seen.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, `isolated #${id}`)
  input.dispatchEvent(new Event('input', { bubbles: true }))
  input.focus({ preventScroll: true })
  input.scrollIntoView({ block: 'center', behavior: 'auto' })
  return true
}
