/** Seconds in the engine's year (365 days): option maturity in years = seconds / SECONDS_PER_YEAR (DESIGN.md §3). */
export const SECONDS_PER_YEAR = 31_536_000

/** Seconds per day, the time unit of funding rates (DESIGN.md §4.5). */
export const SECONDS_PER_DAY = 86_400

/** Days in the engine's year (365): theta per day = theta (per year) / DAYS_PER_YEAR (DESIGN.md §3). */
export const DAYS_PER_YEAR = SECONDS_PER_YEAR / SECONDS_PER_DAY

/** Volatility points in one unit of annualised vol (1.0 = 100 points): vega per point = vega / VOL_POINTS (DESIGN.md §3). */
export const VOL_POINTS = 100
