/**
 * The page's section, region or form whose `aria-label` is `label` — how panels name themselves
 * ("Scenario heatmap", "Options ticket") — or `null` when it is not on the page.
 *
 * @example
 * findSection('History') // <section aria-label="History"> or null
 */
export function findSection(label: string, doc: Document = document): HTMLElement | null {
  const name = JSON.stringify(label)
  return doc.querySelector<HTMLElement>(`section[aria-label=${name}], [role="region"][aria-label=${name}], form[aria-label=${name}]`)
}
