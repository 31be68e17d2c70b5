import { InvalidInputError } from '../../lib/core/errors'

/** Which listed expiry an option leg refers to (Deribit's naming: dailies and Friday weeklies). */
export type OptionExpiryName = 'nextDaily' | 'secondDaily' | 'nextWeekly' | 'secondWeekly'

export type OptionExpiriesParameters = {
  /** Chain time, unix seconds. */
  now: number
  /**
   * Shortest life a newly listed series may have, seconds (3,600 by default): an expiry closer
   * than this is not offered, so nobody is quoted a series that expires before the order lands.
   */
  minSecondsToExpiry?: number
}

/** The expiries the devnet lists at `now`, unix seconds, each at 08:00 UTC. */
export type OptionExpiriesReturnType = Record<OptionExpiryName, number> & {
  /** The four, deduplicated (a weekly can also be a daily), ascending. */
  all: number[]
}

const day = 86_400
/** 08:00 UTC, seconds after midnight: Deribit's daily, weekly and monthly expiry time. */
const expiryTimeOfDay = 8 * 3_600
/** 1970-01-01 was a Thursday: weekday(t) = (⌊t / day⌋ + 4) mod 7, Sunday = 0. */
const epochWeekday = 4
const friday = 5

/**
 * The option expiries the devnet keeper lists (issue 8): the next two daily expiries and the
 * next two weekly ones, Fridays, all at 08:00 UTC as on Deribit ("Daily, weekly, monthly and
 * quarterly options expire at 08:00 UTC", Deribit, "Options" contract specifications). An expiry
 * counts once it is more than `minSecondsToExpiry` away; within the last hour of a daily the
 * listing rolls to the next two. Unix time has no leap seconds, so 08:00 UTC is
 * `k·86,400 + 28,800` exactly.
 *
 * @example
 * // Wednesday 2026-11-18 12:00 UTC
 * optionExpiries({ now: 1_795_003_200 })
 * // { nextDaily: Thu 19th 08:00, secondDaily: Fri 20th 08:00, nextWeekly: Fri 20th, secondWeekly: Fri 27th,
 * //   all: [Thu 19th, Fri 20th, Fri 27th] }
 */
export function optionExpiries({ now, minSecondsToExpiry = 3_600 }: OptionExpiriesParameters): OptionExpiriesReturnType {
  if (!Number.isSafeInteger(now) || now < 0) throw new InvalidInputError('now', now, 'whole unix seconds')
  if (!(Number.isFinite(minSecondsToExpiry) && minSecondsToExpiry >= 0)) throw new InvalidInputError('minSecondsToExpiry', minSecondsToExpiry, 'a number of seconds of at least 0')
  const earliest = now + minSecondsToExpiry
  let nextDaily = Math.floor((earliest - expiryTimeOfDay) / day) * day + expiryTimeOfDay
  if (nextDaily <= earliest) nextDaily += day
  const weekday = (Math.floor(nextDaily / day) + epochWeekday) % 7
  const nextWeekly = nextDaily + ((friday - weekday + 7) % 7) * day
  const expiries = { nextDaily, secondDaily: nextDaily + day, nextWeekly, secondWeekly: nextWeekly + 7 * day }
  const all = [...new Set(Object.values(expiries))].sort((a, b) => a - b)
  return { ...expiries, all }
}
