import { describe, expect, it } from 'vitest'
import { formatExpiry, formatExpiryDate } from './formatExpiry'

describe('formatExpiry', () => {
  it('reads as the Date methods with the same options do, across a year of hours (DST in Europe included: UTC has none)', () => {
    const start = Date.UTC(2026, 0, 1) / 1000
    for (let hour = 0; hour < 366 * 24; hour += 7) {
      const expiry = start + hour * 3600 + 60 * (hour % 60)
      const date = new Date(expiry * 1000)
      const byDate = `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })} ${date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`
      expect(formatExpiry(expiry)).toBe(byDate)
      expect(formatExpiryDate(expiry)).toBe(date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }))
    }
  })

  it('Deribit’s 08:00 UTC expiry of 22 Nov 2025 (1,763,798,400 s)', () => {
    expect(formatExpiry(1_763_798_400)).toBe('22 Nov 08:00 UTC')
    expect(formatExpiryDate(1_763_798_400)).toBe('22 Nov 2025')
  })
})
