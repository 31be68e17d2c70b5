import { describe, expect, it } from 'vitest'
import { evaluateAccount } from '@/lib/core/risk/evaluateAccount'
import { defaultRiskParams } from '@/lib/core/risk/params'
import { filterPositionRows, noPositionFilter } from './filterPositionRows'
import { workspaceBook } from './workspaceBook.testing'
import { workspaceRows } from './workspaceRows'

const { account, markets } = workspaceBook
const rows = workspaceRows(evaluateAccount(account, markets, defaultRiskParams), null)
const keys = (text: string, extra = {}) => filterPositionRows(rows, { ...noPositionFilter, text, ...extra }).map((r) => `${r.market} ${r.type} ${r.strike ?? ''} ${r.book}`.replace('  ', ' '))

describe('filterPositionRows', () => {
  it('no filter: everything, in order', () => {
    expect(filterPositionRows(rows, noPositionFilter)).toEqual(rows)
  })

  it('text: every word must match, case-insensitive — market, type, C/P, strike with or without separators, book', () => {
    expect(keys('btc put')).toEqual(['BTC put 62000 cross', 'BTC put 58000 cross'])
    expect(keys('62000')).toEqual(['BTC call 62000 cross', 'BTC put 62000 cross'])
    expect(keys('62,000 C')).toEqual(['BTC call 62000 cross', 'BTC put 62000 cross']) // "c" also matches "cross": all words must match, each anywhere
    expect(keys('ETH')).toEqual(['ETH perp cross', 'ETH call 3200 cross'])
    expect(keys('isolated')).toEqual(['BTC perp isolated'])
    expect(keys('short btc')).toEqual(['BTC call 62000 cross', 'BTC put 58000 cross', 'BTC perp isolated'])
    expect(keys('  ')).toHaveLength(rows.length)
    expect(keys('doge')).toEqual([])
  })

  it('the expiry date matches as a trader writes it', () => {
    const date = new Date(account.options[3]!.expiry * 1000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).toLowerCase()
    expect(keys(date)).toEqual(['BTC put 58000 cross'])
  })

  it('toggles: perps, options, isolated, and per underlying', () => {
    expect(keys('', { options: false, isolated: false })).toEqual(['BTC perp cross', 'ETH perp cross'])
    expect(keys('', { perps: false, options: false })).toEqual(['BTC perp isolated'])
    expect(keys('', { hiddenMarkets: ['BTC'] })).toEqual(['ETH perp cross', 'ETH call 3200 cross'])
    expect(keys('call', { hiddenMarkets: ['ETH'] })).toEqual(['BTC call 62000 cross'])
  })
})
