/**
 * How old an estimate is, from wall-clock ms: `just now` under 1.5 s, `12 s ago`, `3 min 5 s ago`.
 *
 * @example
 * estimateAgeText(12_400) // '12 s ago'
 */
export function estimateAgeText(ageMs: number): string {
  if (!Number.isFinite(ageMs)) return 'age unknown'
  if (ageMs < 1_500) return 'just now'
  const seconds = Math.round(ageMs / 1_000)
  if (seconds < 60) return `${seconds} s ago`
  const minutes = Math.floor(seconds / 60)
  return seconds % 60 === 0 ? `${minutes} min ago` : `${minutes} min ${seconds % 60} s ago`
}
