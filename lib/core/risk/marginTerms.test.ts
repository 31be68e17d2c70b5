import { describe, expect, it } from 'vitest'
import { marginTerms } from './marginTerms'
import { defaultRiskParams } from './params'
import { prepareAccount } from './prepareAccount'
import type { Account } from './types'

const now = 1_700_000_000
const day = 86_400

describe('marginTerms', () => {
  const account: Account = {
    collateral: {},
    perps: [
      { underlying: 'ETH', size: 4, entryPrice: 2_900, lastFundingIndex: 0 },
      { underlying: 'ETH', size: -1, entryPrice: 3_100, lastFundingIndex: 0 },
    ],
    options: [
      { underlying: 'ETH', kind: 'call', strike: 3_200, expiry: now + 30 * day, size: -5 },
      { underlying: 'ETH', kind: 'put', strike: 2_800, expiry: now + 30 * day, size: 2 },
      { underlying: 'ETH', kind: 'put', strike: 2_800, expiry: now - day, size: -1 }, // expired, still counted
    ],
    isolated: [],
  }
  const book = prepareAccount(account, { now, underlyings: {}, collateral: {} }, defaultRiskParams).underlyings.ETH!

  it('DESIGN.md §4.2 by hand: G counts every position gross, the range scales with vol above the floor', () => {
    const terms = marginTerms({ book, spot: 3_000, vol: 0.6, marketParams: defaultRiskParams.markets.ETH!, params: defaultRiskParams })
    // G = 3,000 · (4 + 1 + 5 + 2 + 1) = 39,000; z·sigma·sqrt(1 h / 365 d) = 3 · 0.6 · 0.0106752… = 0.0192154…
    expect(terms.grossNotional).toBe(39_000)
    expect(terms.maintenanceRange).toBeCloseTo(3 * 0.6 * Math.sqrt(1 / 8_760) + 1e-9 * 39_000, 15)
    expect(terms.initialRange).toBeCloseTo(2 * terms.maintenanceRange, 15)
    // net option contracts −5 + 2 − 1 = −4: contingency 0.001 · 3,000 · 4 = 12 USD
    expect(terms.netShortOptionContracts).toBe(4)
    expect(terms.contingency).toBeCloseTo(12, 12)
  })

  it('the floor binds at low vol; a net long option book has no contingency', () => {
    const terms = marginTerms({ book, spot: 3_000, vol: 0.1, marketParams: defaultRiskParams.markets.ETH!, params: defaultRiskParams })
    expect(terms.maintenanceRange).toBeCloseTo(0.0075 + 1e-9 * 39_000, 15)
    const long = prepareAccount({ ...account, options: [account.options[1]!] }, { now, underlyings: {}, collateral: {} }, defaultRiskParams).underlyings.ETH!
    const longTerms = marginTerms({ book: long, spot: 3_000, vol: 0.6, marketParams: defaultRiskParams.markets.ETH!, params: defaultRiskParams })
    expect(longTerms.netShortOptionContracts).toBe(0)
    expect(longTerms.contingency).toBe(0)
  })
})
