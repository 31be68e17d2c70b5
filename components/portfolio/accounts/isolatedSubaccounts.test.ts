import { describe, expect, it } from 'vitest'
import { evaluateAccount } from '@/lib/core/risk/evaluateAccount'
import { defaultRiskParams } from '@/lib/core/risk/params'
import type { Account } from '@/lib/core/risk/types'
import { isolatedSubaccounts } from './isolatedSubaccounts'

describe('isolatedSubaccounts', () => {
  it('lists the isolated positions of the book the engine evaluated, not the cross ones', () => {
    const account: Account = {
      collateral: { USDC: 50_000 },
      perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }],
      options: [],
      isolated: [
        { id: '3', margin: 2_000, perp: { underlying: 'ETH', size: 2.5, entryPrice: 3_000, lastFundingIndex: 0 } },
        { id: '7', margin: 5_000, perp: { underlying: 'BTC', size: -0.25, entryPrice: 61_000, lastFundingIndex: 0 } },
      ],
    }
    const markets = {
      now: 1_700_000_000,
      underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 }, ETH: { price: 3_100, conf: 0, vol: 0.6, fundingIndex: 0 } },
      collateral: { USDC: { price: 1, conf: 0 } },
    }
    const risk = evaluateAccount(account, markets, defaultRiskParams)
    expect(isolatedSubaccounts({ risk })).toEqual(account.isolated.map(({ id, perp }) => ({ id, underlying: perp.underlying, size: perp.size })))
  })

  it('lists none before the book is loaded', () => {
    expect(isolatedSubaccounts(null)).toEqual([])
    expect(isolatedSubaccounts(undefined)).toEqual([])
    expect(isolatedSubaccounts({ risk: null })).toEqual([])
  })
})
