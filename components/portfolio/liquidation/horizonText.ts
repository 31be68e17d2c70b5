/**
 * A horizon in seconds as a trader says it: whole days as `7 d` (from 2 days up), else whole
 * hours as `24 h`, else minutes or seconds.
 *
 * @example
 * horizonText(3_600) // '1 h'
 * horizonText(86_400) // '24 h'
 * horizonText(604_800) // '7 d'
 */
export function horizonText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '—'
  if (seconds >= 2 * 86_400 && seconds % 86_400 === 0) return `${seconds / 86_400} d`
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`
  if (seconds % 60 === 0) return `${seconds / 60} min`
  return `${seconds} s`
}
