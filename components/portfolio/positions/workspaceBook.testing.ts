import { now } from '@/lib/core/risk/riskBooks.testing'
import type { Account, Markets } from '@/lib/core/risk/types'

const day = 86_400

/** A small mixed book for the workspace's tests: two cross perps, four options (listed out of table order), one isolated short. */
export const workspaceBook: { account: Account; markets: Markets } = {
  account: {
    collateral: { USDC: 50_000 },
    perps: [
      { underlying: 'BTC', size: 0.5, entryPrice: 59_000, lastFundingIndex: 0 },
      { underlying: 'ETH', size: -4, entryPrice: 3_100, lastFundingIndex: 0 },
    ],
    options: [
      { underlying: 'BTC', kind: 'put', strike: 62_000, expiry: now + 14 * day, size: 2, entryPrice: 3_100 },
      { underlying: 'ETH', kind: 'call', strike: 3_200, expiry: now + 7 * day, size: -10 },
      { underlying: 'BTC', kind: 'call', strike: 62_000, expiry: now + 14 * day, size: -1.5, entryPrice: 1_800 },
      { underlying: 'BTC', kind: 'put', strike: 58_000, expiry: now + 30 * day, size: -3, entryPrice: 1_500 },
    ],
    isolated: [{ id: '9', margin: 5_000, perp: { underlying: 'BTC', size: -0.5, entryPrice: 60_500, lastFundingIndex: 0 } }],
  },
  markets: {
    now,
    underlyings: {
      BTC: { price: 60_000, conf: 10, vol: 0.5, fundingIndex: 0 },
      ETH: { price: 3_000, conf: 1, vol: 0.6, fundingIndex: 0 },
      SOL: { price: 150, conf: 0.05, vol: 0.8, fundingIndex: 0 },
    },
    collateral: { USDC: { price: 1, conf: 0 } },
  },
}
