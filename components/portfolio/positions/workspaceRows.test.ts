import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { optionPrice } from '@/lib/core/pricing/optionPrice'
import { evaluateAccount } from '@/lib/core/risk/evaluateAccount'
import { defaultRiskParams } from '@/lib/core/risk/params'
import { positionContributions } from '@/lib/core/risk/positionContributions'
import { riskInput } from '@/lib/core/risk/riskBooks.testing'
import { workspaceBook } from './workspaceBook.testing'
import { workspaceRows } from './workspaceRows'

describe('workspaceRows', () => {
  it('one row per position with lib/core’s keys: every row finds its contribution, on random books too', () => {
    fc.assert(
      fc.property(riskInput, ({ account, markets, params }) => {
        const contributions = positionContributions({ account, markets, params })
        const rows = workspaceRows(evaluateAccount(account, markets, params), contributions)
        expect(rows).toHaveLength(account.perps.length + account.options.length + account.isolated.length)
        expect(new Set(rows.map((r) => r.key))).toEqual(new Set(contributions.positions.map((p) => p.key)))
        for (const row of rows) {
          expect(row.mmContribution).not.toBeNull()
          expect(Number.isNaN(row.mmContribution)).toBe(false)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('before the worker answers, contributions read null (never a neighbour’s figure)', () => {
    const { account, markets } = workspaceBook
    const rows = workspaceRows(evaluateAccount(account, markets, defaultRiskParams), null)
    expect(rows.every((r) => r.mmContribution === null && r.mmShare === null)).toBe(true)
  })

  it('order: cross perps, options by underlying/expiry/strike (calls first), isolated; book and type as the venue holds them', () => {
    const { account, markets } = workspaceBook
    const rows = workspaceRows(evaluateAccount(account, markets, defaultRiskParams), null)
    expect(rows.map((r) => `${r.book} ${r.market} ${r.type} ${r.strike ?? ''}`.trim())).toEqual([
      'cross BTC perp',
      'cross ETH perp',
      'cross BTC call 62000',
      'cross BTC put 62000',
      'cross BTC put 58000',
      'cross ETH call 3200',
      'isolated BTC perp',
    ])
    expect(rows.at(-1)!.isolatedId).toBe('9')
    expect(rows.at(-1)!.key).toBe('isolated:9')
  })

  it('vega per vol point and theta per day match finite differences of the option’s value', () => {
    const { account, markets } = workspaceBook
    const rows = workspaceRows(evaluateAccount(account, markets, defaultRiskParams), null)
    const option = account.options[0]!
    const row = rows.find((r) => r.type === option.kind && r.strike === option.strike && r.expiry === option.expiry)!
    const spot = markets.underlyings.BTC!.price
    const vol = markets.underlyings.BTC!.vol
    const years = (option.expiry - markets.now) / 31_536_000
    const value = (v: number, t: number) => option.size * optionPrice({ kind: option.kind, spot, strike: option.strike, years: t, rate: 0, dividendYield: 0, vol: v })
    // Central difference over one vol point; a day of time passing. Both are the change a trader reads, to the curvature over the step.
    const perPoint = value(vol + 0.005, years) - value(vol - 0.005, years)
    const perDay = value(vol, years - 1 / 365) - value(vol, years)
    expect(Math.abs(row.vegaPerPoint - perPoint)).toBeLessThanOrEqual(1e-4 * Math.abs(perPoint))
    expect(Math.abs(row.thetaPerDay - perDay)).toBeLessThanOrEqual(0.02 * Math.abs(perDay))
    expect(row.notional).toBe(Math.abs(option.size) * spot)
    expect(row.secondsToExpiry).toBe(option.expiry - markets.now)
  })
})
