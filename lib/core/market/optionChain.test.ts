import { describe, expect, test } from 'vitest'
import { InvalidInputError, UnknownMarketError } from '../errors'
import { defaultRiskParams } from '../risk/params'
import type { Markets } from '../risk/types'
import { SECONDS_PER_YEAR } from '../units'
import { optionChain, type OptionSeriesTerms } from './optionChain'
import { optionFill } from './optionFill'
import { defaultOptionTradingParams as tradingParams } from './params'

const now = 1_800_000_000
const markets: Markets = {
  now,
  underlyings: {
    BTC: { price: 60_000, conf: 30, vol: 0.55, fundingIndex: 0 },
    ETH: { price: 3_000, conf: 1.5, vol: 0.65, fundingIndex: 0 },
  },
  collateral: { USDC: { price: 1, conf: 0 } },
}
const params = { ...defaultRiskParams, riskFreeRate: 0.03 }
const day = 86_400

/** Calls and puts on the same strikes and expiries, as the keeper lists them. */
function pairs(): OptionSeriesTerms[] {
  const series: OptionSeriesTerms[] = []
  let id = 0
  for (const [underlying, strikes] of [['BTC', [50_000, 58_000, 60_000, 62_000, 75_000]], ['ETH', [2_500, 3_000, 3_400]]] as const)
    for (const expiry of [now + 3_600, now + 2 * day, now + 30 * day])
      for (const strike of strikes) for (const kind of ['call', 'put'] as const) series.push({ seriesId: String(id++), underlying, kind, strike, expiry })
  return series
}

describe('optionChain', () => {
  const chain = optionChain({ markets, params, tradingParams, series: pairs() })
  const twin = (row: (typeof chain.rows)[number]) => chain.rows.find((r) => r.underlying === row.underlying && r.strike === row.strike && r.expiry === row.expiry && r.kind !== row.kind)!

  test('put–call parity on every pair: C − P = S − K·e^(−rT); Δc − Δp = 1; equal gamma and vega; θc − θp = −rK·e^(−rT)', () => {
    const calls = chain.rows.filter((row) => row.kind === 'call')
    expect(calls.length).toBe(24)
    for (const call of calls) {
      const put = twin(call)
      const { price: spot } = markets.underlyings[call.underlying]!
      const discounted = call.strike * Math.exp(-params.riskFreeRate * call.years)
      expect(call.mark - put.mark).toBeCloseTo(spot - discounted, 12 - Math.ceil(Math.log10(spot)))
      expect(call.delta! - put.delta!).toBeCloseTo(1, 12)
      expect(call.gamma! / put.gamma!).toBeCloseTo(1, 10)
      expect(call.vega! / put.vega!).toBeCloseTo(1, 10)
      expect((call.theta! - put.theta!) / (params.riskFreeRate * discounted)).toBeCloseTo(-1, 9)
    }
  })

  test('bid, ask and fee are what optionFill fills one contract at; n contracts cost n × (ask + fee)', () => {
    for (const row of chain.rows) {
      const fill = (size: number) =>
        optionFill({ kind: row.kind, spot: markets.underlyings[row.underlying]!.price, strike: row.strike, years: row.years, rate: params.riskFreeRate, vol: row.vol, size, params: tradingParams })
      expect(row.ask).toBe(fill(1).premium)
      expect(row.bid).toBe(fill(-1).premium)
      expect(row.fee).toBe(fill(1).fee)
      expect(fill(3.5).cashFlow / -(3.5 * (row.ask! + row.fee!))).toBeCloseTo(1, 12)
      expect(fill(-2).cashFlow / (2 * (row.bid! - row.fee!))).toBeCloseTo(1, 12)
      // The spread is symmetric around the mark, the ask above it.
      expect((row.ask! + row.bid!) / 2 / row.mark).toBeCloseTo(1, 12)
      expect(row.ask!).toBeGreaterThanOrEqual(row.bid!)
    }
  })

  test('the fee is 0.03 % of S near the money and 12.5 % of the mark far out of it (Deribit)', () => {
    const atm = chain.rows.find((row) => row.underlying === 'BTC' && row.strike === 60_000 && row.expiry === now + 30 * day && row.kind === 'call')!
    expect(atm.fee).toBeCloseTo(0.0003 * 60_000, 10)
    const wing = chain.rows.find((row) => row.underlying === 'BTC' && row.strike === 75_000 && row.expiry === now + 3_600 && row.kind === 'call')!
    expect(wing.mark).toBeLessThan((0.0003 * 60_000) / 0.125)
    expect(wing.fee).toBeCloseTo(0.125 * wing.mark, 15)
  })

  test('vega per vol point and theta per day match finite differences of the chain’s own marks', () => {
    const series = pairs().filter((s) => s.expiry === now + 30 * day)
    const at = (shift: { vol?: number; seconds?: number }) =>
      optionChain({
        markets: {
          ...markets,
          now: now + (shift.seconds ?? 0),
          underlyings: Object.fromEntries(Object.entries(markets.underlyings).map(([u, m]) => [u, { ...m, vol: m.vol + (shift.vol ?? 0) }])),
        },
        params,
        tradingParams,
        series,
      }).rows
    const [up, down, later] = [at({ vol: 0.005 }), at({ vol: -0.005 }), at({ seconds: 600 })]
    const base = chain.rows.filter((row) => row.expiry === now + 30 * day)
    base.forEach((row, i) => {
      // One vol point, central (error ~ volga·δσ²/24); ten minutes forward (error ~ ∂θ/∂t·300 s).
      expect(Math.abs(up[i]!.mark - down[i]!.mark - row.vegaPerPoint!)).toBeLessThan(1e-4 * row.vegaPerPoint!)
      expect(Math.abs(((later[i]!.mark - row.mark) / 600) * day - row.thetaPerDay!)).toBeLessThan(1e-3 * Math.abs(row.thetaPerDay!) + 1e-6)
      expect(row.vegaPerPoint).toBeCloseTo(row.vega! / 100, 12)
    })
  })

  test('implied volatility is the index, flat across strikes and expiries; years to expiry on a 365-day year', () => {
    for (const row of chain.rows) {
      expect(row.vol).toBe(markets.underlyings[row.underlying]!.vol)
      expect(row.years * SECONDS_PER_YEAR).toBeCloseTo(row.expiry - now, 6)
      expect(row.expired).toBe(false)
    }
    expect(chain.underlyings).toEqual({ BTC: { price: 60_000, vol: 0.55 }, ETH: { price: 3_000, vol: 0.65 } })
    expect(chain.now).toBe(now)
  })

  test('an expired series (now ≥ expiry, the venue’s rule) has no quote and is worth intrinsic at the live price', () => {
    const expired = optionChain({
      markets,
      params,
      tradingParams,
      series: [
        { seriesId: '7', underlying: 'BTC', kind: 'call', strike: 58_000, expiry: now },
        { seriesId: '8', underlying: 'BTC', kind: 'put', strike: 58_000, expiry: now - day },
        { seriesId: '9', underlying: 'ETH', kind: 'put', strike: 3_200, expiry: now - 1 },
      ],
    }).rows
    expect(expired.map((row) => [row.expired, row.years, row.mark])).toEqual([
      [true, 0, 2_000],
      [true, 0, 0],
      [true, 0, 200],
    ])
    for (const row of expired) for (const field of ['bid', 'ask', 'fee', 'delta', 'gamma', 'vega', 'theta', 'vegaPerPoint', 'thetaPerDay'] as const) expect(row[field]).toBeNull()
  })

  test('keeps the input order and an empty list is an empty chain', () => {
    const series = pairs().reverse()
    expect(optionChain({ markets, params, tradingParams, series }).rows.map((row) => row.seriesId)).toEqual(series.map((s) => s.seriesId))
    expect(optionChain({ markets, params, tradingParams, series: [] })).toEqual({ now, underlyings: {}, rows: [] })
  })

  test('typed errors, never NaN: unknown underlying, bad terms', () => {
    const good: OptionSeriesTerms = { seriesId: '1', underlying: 'BTC', kind: 'call', strike: 60_000, expiry: now + day }
    const run = (terms: unknown) => () => optionChain({ markets, params, tradingParams, series: [good, terms as OptionSeriesTerms] })
    expect(run({ ...good, underlying: 'SOL' })).toThrow(UnknownMarketError)
    expect(run({ ...good, strike: 0 })).toThrow(expect.objectContaining({ field: 'series[1].strike' }))
    expect(run({ ...good, strike: Number.NaN })).toThrow(InvalidInputError)
    expect(run({ ...good, kind: 'straddle' })).toThrow(expect.objectContaining({ field: 'series[1].kind' }))
    expect(run({ ...good, expiry: Number.POSITIVE_INFINITY })).toThrow(expect.objectContaining({ field: 'series[1].expiry' }))
    expect(run({ ...good, seriesId: 3 })).toThrow(expect.objectContaining({ field: 'series[1].seriesId' }))
    expect(run(null)).toThrow(InvalidInputError)
    expect(() => optionChain({ markets, params, tradingParams: { ...tradingParams, spread: 1.5 }, series: [good] })).toThrow(InvalidInputError)
    expect(() => optionChain({ markets, params, tradingParams, series: 'all' as never })).toThrow(InvalidInputError)
  })
})
