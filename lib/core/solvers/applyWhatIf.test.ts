import { describe, expect, test } from 'vitest'
import { InvalidInputError, UnknownMarketError } from '../errors'
import { defaultRiskParams } from '../risk/params'
import { now } from '../risk/riskBooks.testing'
import type { Account, Markets } from '../risk/types'
import { applyWhatIf } from './applyWhatIf'

// BTC skewScale 10,000, takerFee 0.0005 (defaultRiskParams).
const params = defaultRiskParams
const markets: Markets = {
  now,
  underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 }, ETH: { price: 3_000, conf: 0, vol: 0.7, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0 }, WETH: { price: 3_000, conf: 0, linkedUnderlying: 'ETH' } },
}
const book: Account = { collateral: { USDC: 10_000, WETH: 1 }, perps: [], options: [], isolated: [] }

describe('applyWhatIf', () => {
  test('each perp trade sees the skew the previous one left: two buys of 100 fill as one of 200 would, in halves', () => {
    // Fill premium is linear in the skew: price·(1 + (skew + size/2)/skewScale). From skew 0, the
    // first 100 fill at 60,000·(1 + 50/10,000) = 60,300 and the next 100 at 60,000·(1 + 150/10,000) = 60,900.
    const { account, steps } = applyWhatIf({
      account: book,
      markets,
      params,
      changes: [
        { type: 'perpTrade', trade: { underlying: 'BTC', size: 100 } },
        { type: 'perpTrade', trade: { underlying: 'BTC', size: 100 } },
      ],
    })
    expect(steps.map((step) => (step.type === 'perpTrade' ? step.fill.fillPrice : null))).toEqual([60_300, 60_900])
    expect(account.perps[0]?.entryPrice).toBeCloseTo(60_600, 9)
    // Fees: 0.0005 · (100 · 60,300 + 100 · 60,900).
    expect(account.collateral.USDC).toBeCloseTo(10_000 - 0.0005 * 100 * (60_300 + 60_900), 6)
  })

  test('a given skew is the starting point', () => {
    const { steps } = applyWhatIf({ account: book, markets, params, changes: [{ type: 'perpTrade', trade: { underlying: 'BTC', size: -100 } }], skews: { BTC: 1_000 } })
    // 60,000 · (1 + (1,000 − 50)/10,000)
    expect(steps[0]?.type === 'perpTrade' && steps[0].fill.fillPrice).toBeCloseTo(65_700, 9)
  })

  test('deposits and withdrawals change the balance; the input book is untouched', () => {
    const { account } = applyWhatIf({
      account: book,
      markets,
      params,
      changes: [
        { type: 'collateral', asset: 'WETH', amount: 2.5 },
        { type: 'collateral', asset: 'USDC', amount: -4_000 },
      ],
    })
    expect(account.collateral).toEqual({ USDC: 6_000, WETH: 3.5 })
    expect(book.collateral).toEqual({ USDC: 10_000, WETH: 1 })
  })

  test('an option buy pays premium and fee out of USDC; no changes leave the book as it is', () => {
    const expiry = now + 30 * 86_400
    const { account, steps } = applyWhatIf({
      account: book,
      markets,
      params,
      changes: [{ type: 'optionTrade', trade: { underlying: 'BTC', kind: 'put', strike: 55_000, expiry, size: 2 } }],
    })
    const step = steps[0]
    if (step?.type !== 'optionTrade') throw new Error('expected an option step')
    expect(account.options).toMatchObject([{ underlying: 'BTC', kind: 'put', strike: 55_000, expiry, size: 2 }])
    expect(account.collateral.USDC).toBeCloseTo(10_000 - 2 * step.fill.premium - step.fill.fee, 9)
    expect(applyWhatIf({ account: book, markets, params, changes: [] }).account).toEqual(book)
  })

  test('bad changes are typed errors naming the change; nothing is applied', () => {
    const attempt = (changes: unknown[]) => () => applyWhatIf({ account: book, markets, params, changes: changes as never })
    expect(attempt([{ type: 'collateral', asset: 'USDC', amount: 1 }, { type: 'collateral', asset: 'USDC', amount: -20_000 }])).toThrow(/changes\[1\]\.amount/)
    expect(attempt([{ type: 'collateral', asset: 'USDC', amount: 0 }])).toThrow(InvalidInputError)
    expect(attempt([{ type: 'collateral', asset: 'USDC', amount: Number.NaN }])).toThrow(InvalidInputError)
    expect(attempt([{ type: 'collateral', asset: 'DOGE', amount: 1 }])).toThrow(UnknownMarketError)
    expect(attempt([{ type: 'perpTrade', trade: { underlying: 'BTC', size: 0 } }])).toThrow(/changes\[0\]/)
    expect(attempt([{ type: 'optionTrade', trade: { underlying: 'BTC', kind: 'call', strike: 60_000, expiry: now - 1, size: 1 } }])).toThrow(/changes\[0\]\.trade\.expiry/)
    expect(attempt([{ type: 'leverage', amount: 3 }])).toThrow(/changes\[0\]\.type/)
    expect(attempt([null])).toThrow(InvalidInputError)
    expect(book.collateral.USDC).toBe(10_000)
  })
})
