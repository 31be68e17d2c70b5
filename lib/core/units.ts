/** Seconds in the engine's year (365 days): option maturity in years = seconds / SECONDS_PER_YEAR (DESIGN.md §3). */
export const SECONDS_PER_YEAR = 31_536_000

/** Seconds per day, the time unit of funding rates (DESIGN.md §4.5). */
export const SECONDS_PER_DAY = 86_400
