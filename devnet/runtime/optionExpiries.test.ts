import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors'
import { optionExpiries } from './optionExpiries'

/**
 * Second method: walk the calendar hour by hour with `Date`'s UTC fields and keep the 08:00
 * hours (Fridays for the weeklies) more than `minSeconds` after `now`.
 */
function calendarExpiries(now: number, minSeconds: number) {
  const dailies: number[] = []
  const fridays: number[] = []
  let hour = Math.ceil(now / 3_600) * 3_600
  while (fridays.length < 2) {
    const date = new Date(hour * 1_000)
    if (date.getUTCHours() === 8 && date.getUTCMinutes() === 0 && hour > now + minSeconds) {
      if (dailies.length < 2) dailies.push(hour)
      if (date.getUTCDay() === 5) fridays.push(hour)
    }
    hour += 3_600
  }
  return { dailies, fridays }
}

const utc = (iso: string) => Date.parse(iso) / 1_000

describe('optionExpiries', () => {
  it('lists the next two 08:00 UTC dailies and the next two Friday weeklies (a Wednesday noon)', () => {
    const expiries = optionExpiries({ now: utc('2026-11-18T12:00:00Z') })
    expect(expiries).toEqual({
      nextDaily: utc('2026-11-19T08:00:00Z'),
      secondDaily: utc('2026-11-20T08:00:00Z'),
      nextWeekly: utc('2026-11-20T08:00:00Z'),
      secondWeekly: utc('2026-11-27T08:00:00Z'),
      all: [utc('2026-11-19T08:00:00Z'), utc('2026-11-20T08:00:00Z'), utc('2026-11-27T08:00:00Z')],
    })
  })

  it('rolls to the next day within the last hour of a daily, and on a Friday after 08:00 to the next Friday', () => {
    expect(optionExpiries({ now: utc('2026-11-19T06:59:59Z') }).nextDaily).toBe(utc('2026-11-19T08:00:00Z'))
    expect(optionExpiries({ now: utc('2026-11-19T07:00:00Z') }).nextDaily).toBe(utc('2026-11-20T08:00:00Z'))
    const fridayAfternoon = optionExpiries({ now: utc('2026-11-20T15:00:00Z') })
    expect(fridayAfternoon.nextWeekly).toBe(utc('2026-11-27T08:00:00Z'))
    expect(fridayAfternoon.all).toHaveLength(4)
    // Thursday evening: the next daily is Friday's, which is also the next weekly.
    expect(optionExpiries({ now: utc('2026-11-19T20:00:00Z') }).all).toEqual([utc('2026-11-20T08:00:00Z'), utc('2026-11-21T08:00:00Z'), utc('2026-11-27T08:00:00Z')])
    expect(optionExpiries({ now: utc('2026-11-19T07:30:00Z'), minSecondsToExpiry: 0 }).nextDaily).toBe(utc('2026-11-19T08:00:00Z'))
  })

  it('agrees with a walk through the calendar for any time and minimum life', () => {
    fc.assert(
      fc.property(fc.integer({ min: utc('2020-01-01T00:00:00Z'), max: utc('2035-12-31T00:00:00Z') }), fc.integer({ min: 0, max: 2 * 86_400 }), (now, minSeconds) => {
        const expiries = optionExpiries({ now, minSecondsToExpiry: minSeconds })
        const { dailies, fridays } = calendarExpiries(now, minSeconds)
        expect([expiries.nextDaily, expiries.secondDaily]).toEqual(dailies)
        expect([expiries.nextWeekly, expiries.secondWeekly]).toEqual(fridays)
        expect(expiries.all).toEqual([...new Set([...dailies, ...fridays])].sort((a, b) => a - b))
      }),
      { numRuns: 300 },
    )
  })

  it('refuses a time that is not whole unix seconds and a negative minimum life', () => {
    expect(() => optionExpiries({ now: 1.5 })).toThrow(InvalidInputError)
    expect(() => optionExpiries({ now: Number.NaN })).toThrow(InvalidInputError)
    expect(() => optionExpiries({ now: 1_795_003_200, minSecondsToExpiry: -1 })).toThrow(InvalidInputError)
  })
})
