import { findSection } from './findSection'

/**
 * Scrolls the page's section named `label` (its `aria-label`: "Scenario heatmap", "History"…)
 * into view and moves focus there, so Tab continues inside it — the skip-link technique: a
 * section that is not focusable gets `tabindex="-1"`. Smooth unless the trader prefers reduced
 * motion. Returns false, doing nothing, when the page has no such section.
 *
 * @example
 * jumpToSection('Scenario heatmap') // true on /portfolio with a book loaded
 */
export function jumpToSection(label: string, doc: Document = document): boolean {
  const section = findSection(label, doc)
  if (section === null) return false
  const reduced = doc.defaultView?.matchMedia('(prefers-reduced-motion: reduce)').matches ?? false
  if (!section.hasAttribute('tabindex')) section.setAttribute('tabindex', '-1')
  section.focus({ preventScroll: true })
  section.scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' })
  return true
}
