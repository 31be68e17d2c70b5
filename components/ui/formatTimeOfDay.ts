const timeOfDay = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC' })

/** `23:27:05 UTC` for a wall time in ms since the epoch (the formatter is made once). */
export function formatTimeOfDay(at: number): string {
  return `${timeOfDay.format(new Date(at))} UTC`
}
