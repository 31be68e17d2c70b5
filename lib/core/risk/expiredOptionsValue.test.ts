import { describe, expect, it } from 'vitest'
import { expiredOptionsValue } from './expiredOptionsValue'
import { defaultRiskParams } from './params'
import { prepareAccount } from './prepareAccount'

const now = 1_700_000_000
const day = 86_400

describe('expiredOptionsValue', () => {
  const book = prepareAccount(
    {
      collateral: {},
      perps: [],
      options: [
        { underlying: 'ETH', kind: 'call', strike: 3_000, expiry: now - day, size: 2 },
        { underlying: 'ETH', kind: 'put', strike: 3_200, expiry: now, size: -1 }, // expires now: expired
        { underlying: 'ETH', kind: 'call', strike: 2_000, expiry: now + day, size: 5 }, // live: not counted
      ],
      isolated: [],
    },
    { now, underlyings: {}, collateral: {} },
    defaultRiskParams,
  ).underlyings.ETH!

  it('the settlement payoff of the expired series only: 2 · (3,100 − 3,000) − 1 · (3,200 − 3,100)', () => {
    expect(expiredOptionsValue(book, 3_100)).toBe(100)
  })

  it('out of the money on both sides is worth nothing; at 0 a put pays its strike', () => {
    expect(expiredOptionsValue({ ...book, series: book.series.filter((s) => s.kind === 'call') }, 2_500)).toBe(0)
    expect(expiredOptionsValue(book, 0)).toBe(-3_200)
  })
})
