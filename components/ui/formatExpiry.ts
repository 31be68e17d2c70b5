/**
 * Option expiries as traders read them, in UTC. The formatters are made once:
 * `toLocaleDateString` / `toLocaleTimeString` with options build a new `Intl.DateTimeFormat` on
 * every call, which cost /portfolio 18 % of its main thread under a 200 ticks/s stream (a CPU
 * profile of `npm run bench:browser`'s page), one series name per option row per render.
 */
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
const dayWithYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })

/** `22 Nov 08:00 UTC` for an expiry in unix seconds. */
export function formatExpiry(expiry: number): string {
  const date = new Date(expiry * 1000)
  return `${day.format(date)} ${time.format(date)} UTC`
}

/** `22 Nov 2026` (UTC) for an expiry in unix seconds. */
export function formatExpiryDate(expiry: number): string {
  return dayWithYear.format(new Date(expiry * 1000))
}
