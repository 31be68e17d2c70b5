import type { AccountSnapshot } from '@/lib/engine/protocol'

/**
 * How a non-confident account's figures are labelled (DESIGN.md §4.6: never shown as live):
 * `last known (ETH price stale; chain loading)`. `null` when the figures are live.
 *
 * @example
 * lastKnownText({ confident: false, doubts: ['ETH price stale'] }) // 'last known (ETH price stale)'
 * lastKnownText({ confident: true, doubts: [] }) // null
 */
export function lastKnownText(account: Pick<AccountSnapshot, 'confident' | 'doubts'>): string | null {
  if (account.confident) return null
  return `last known (${account.doubts.length > 0 ? account.doubts.join('; ') : 'engine not live'})`
}
