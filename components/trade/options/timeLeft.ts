/**
 * Time left to expiry, coarse: days and hours, else hours and minutes, else minutes.
 *
 * @example
 * timeLeft(273_600) // '3d 4h'
 * timeLeft(18_720) // '5h 12m'
 */
export function timeLeft(seconds: number): string {
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3_600)
  const minutes = Math.floor((seconds % 3_600) / 60)
  if (days > 0) return `${days}d ${hours}h`
  if (hours > 0) return `${hours}h ${minutes}m`
  return `${minutes}m`
}
