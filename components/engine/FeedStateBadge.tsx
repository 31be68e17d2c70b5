import type { FeedHealthState } from '@/lib/feeds/types'

const styles: Record<FeedHealthState, { label: string; className: string }> = {
  live: { label: 'Live', className: 'bg-safe/15 text-safe' },
  stale: { label: 'Stale', className: 'bg-warn/15 text-warn' },
  uncertain: { label: 'Uncertain', className: 'bg-warn/15 text-warn' },
  jumped: { label: 'Jumped', className: 'bg-danger/15 text-danger' },
  disconnected: { label: 'Disconnected', className: 'bg-danger/15 text-danger' },
}

/** A feed's state in one word (DESIGN.md §4.6), coloured by how far it is from live. */
export function FeedStateBadge({ state }: { state: FeedHealthState }) {
  const { label, className } = styles[state]
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${className}`}>{label}</span>
}
