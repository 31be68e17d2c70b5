import { describe, expect, it } from 'vitest'
import {
  InconsistentAccountError,
  InvalidInputError,
  UnknownAssetError,
  UnknownMarketError,
} from '../errors'
import { defaultRiskParams } from './params'
import type { Account, Markets, RiskParams } from './types'
import { validateAccount } from './validateAccount'

const now = 1_700_000_000

function account(): Account {
  return {
    collateral: { USDC: 5_000, WETH: 2 },
    perps: [{ underlying: 'BTC', size: 0.5, entryPrice: 60_000, lastFundingIndex: 1 }],
    options: [{ underlying: 'ETH', kind: 'call', strike: 3_500, expiry: now + 7 * 86_400, size: -3 }],
    isolated: [{ id: 'iso-1', margin: 1_000, perp: { underlying: 'SOL', size: -20, entryPrice: 150, lastFundingIndex: 0 } }],
  }
}

function markets(): Markets {
  return {
    now,
    underlyings: {
      BTC: { price: 61_000, conf: 15, vol: 0.55, fundingIndex: 2 },
      ETH: { price: 3_200, conf: 2, vol: 0.7, fundingIndex: -1 },
      SOL: { price: 140, conf: 0.1, vol: 0.9, fundingIndex: 0.5 },
    },
    collateral: {
      USDC: { price: 1, conf: 0.001 },
      WETH: { price: 3_200, conf: 2, linkedUnderlying: 'ETH' },
      wstETH: { price: 3_750, conf: 3, linkedUnderlying: 'ETH' },
    },
  }
}

function params(): RiskParams {
  return structuredClone(defaultRiskParams)
}

function check(mutate: (a: Account, m: Markets, p: RiskParams) => void): () => void {
  const a = account()
  const m = markets()
  const p = params()
  mutate(a, m, p)
  return () => validateAccount(a, m, p)
}

describe('validateAccount', () => {
  it('accepts a valid mixed account', () => {
    expect(check(() => {})).not.toThrow()
  })

  it('accepts an empty account and a negative USDC balance', () => {
    expect(check((a) => Object.assign(a, { collateral: {}, perps: [], options: [], isolated: [] }))).not.toThrow()
    expect(check((a) => (a.collateral.USDC = -2_000))).not.toThrow()
  })

  it('accepts an expired, unsettled option (valued at intrinsic downstream)', () => {
    expect(check((a) => ((a.options[0] as Account['options'][number]).expiry = now - 60))).not.toThrow()
    expect(check((a) => ((a.options[0] as Account['options'][number]).expiry = now))).not.toThrow()
  })

  it.each([
    ['perp size NaN', (a: Account) => ((a.perps[0] as Account['perps'][number]).size = Number.NaN), 'account.perps[0].size'],
    ['perp size 0', (a: Account) => ((a.perps[0] as Account['perps'][number]).size = 0), 'account.perps[0].size'],
    ['perp size Infinity', (a: Account) => ((a.perps[0] as Account['perps'][number]).size = Infinity), 'account.perps[0].size'],
    ['perp entry 0', (a: Account) => ((a.perps[0] as Account['perps'][number]).entryPrice = 0), 'account.perps[0].entryPrice'],
    ['perp funding index NaN', (a: Account) => ((a.perps[0] as Account['perps'][number]).lastFundingIndex = Number.NaN), 'account.perps[0].lastFundingIndex'],
    ['option strike negative', (a: Account) => ((a.options[0] as Account['options'][number]).strike = -1), 'account.options[0].strike'],
    ['option size 0', (a: Account) => ((a.options[0] as Account['options'][number]).size = 0), 'account.options[0].size'],
    ['option expiry NaN', (a: Account) => ((a.options[0] as Account['options'][number]).expiry = Number.NaN), 'account.options[0].expiry'],
    ['option expiry 200 years out', (a: Account) => ((a.options[0] as Account['options'][number]).expiry = now + 200 * 31_536_000), 'account.options[0].expiry'],
    ['option kind', (a: Account) => Object.assign(a.options[0] as object, { kind: 'straddle' }), 'account.options[0].kind'],
    ['option entry price negative', (a: Account) => ((a.options[0] as Account['options'][number]).entryPrice = -5), 'account.options[0].entryPrice'],
    ['collateral balance NaN', (a: Account) => (a.collateral.WETH = Number.NaN), 'account.collateral.WETH'],
    ['isolated margin Infinity', (a: Account) => ((a.isolated[0] as Account['isolated'][number]).margin = -Infinity), 'account.isolated[0].margin'],
    ['isolated perp size 0', (a: Account) => ((a.isolated[0] as Account['isolated'][number]).perp.size = 0), 'account.isolated[0].perp.size'],
    ['isolated id empty', (a: Account) => ((a.isolated[0] as Account['isolated'][number]).id = ''), 'account.isolated[0].id'],
    ['perps not an array', (a: Account) => Object.assign(a, { perps: null }), 'account.perps'],
  ])('rejects %s with InvalidInputError naming the field', (_, mutate, field) => {
    const run = check((a) => mutate(a))
    expect(run).toThrow(InvalidInputError)
    try {
      run()
    } catch (error) {
      expect((error as InvalidInputError).field).toBe(field)
    }
  })

  it.each([
    ['price 0', (m: Markets) => ((m.underlyings.BTC as Markets['underlyings'][string]).price = 0), 'markets.underlyings.BTC.price'],
    ['negative conf', (m: Markets) => ((m.underlyings.ETH as Markets['underlyings'][string]).conf = -1), 'markets.underlyings.ETH.conf'],
    ['vol 0', (m: Markets) => ((m.underlyings.ETH as Markets['underlyings'][string]).vol = 0), 'markets.underlyings.ETH.vol'],
    ['vol 1000', (m: Markets) => ((m.underlyings.ETH as Markets['underlyings'][string]).vol = 1_000), 'markets.underlyings.ETH.vol'],
    ['funding index NaN', (m: Markets) => ((m.underlyings.SOL as Markets['underlyings'][string]).fundingIndex = Number.NaN), 'markets.underlyings.SOL.fundingIndex'],
    ['collateral price negative', (m: Markets) => ((m.collateral.WETH as Markets['collateral'][string]).price = -3_000), 'markets.collateral.WETH.price'],
    ['unused market with a bad price', (m: Markets) => (m.underlyings.DOGE = { price: Number.NaN, conf: 0, vol: 1, fundingIndex: 0 }), 'markets.underlyings.DOGE.price'],
    ['now NaN', (m: Markets) => (m.now = Number.NaN), 'markets.now'],
  ])('rejects market %s with InvalidInputError', (_, mutate, field) => {
    const run = check((_a, m) => mutate(m))
    expect(run).toThrow(InvalidInputError)
    try {
      run()
    } catch (error) {
      expect((error as InvalidInputError).field).toBe(field)
    }
  })

  it.each([
    ['volDown 1 (zero shocked vol)', (p: RiskParams) => (p.volDown = 1), 'params.volDown'],
    ['maxImVolDown 1', (p: RiskParams) => (p.maxImVolDown = 1), 'params.maxImVolDown'],
    ['imMultiplier below 1', (p: RiskParams) => (p.imMultiplier = 0.5), 'params.imMultiplier'],
    ['negative z', (p: RiskParams) => (p.z = -3), 'params.z'],
    ['riskFreeRate NaN', (p: RiskParams) => (p.riskFreeRate = Number.NaN), 'params.riskFreeRate'],
    ['negative mmFloor', (p: RiskParams) => ((p.markets.BTC as RiskParams['markets'][string]).mmFloor = -0.01), 'params.markets.BTC.mmFloor'],
    ['haircut above 1', (p: RiskParams) => ((p.collateral.WETH as RiskParams['collateral'][string]).haircut = 1.5), 'params.collateral.WETH.haircut'],
  ])('rejects params %s with InvalidInputError', (_, mutate, field) => {
    const run = check((_a, _m, p) => mutate(p))
    expect(run).toThrow(InvalidInputError)
    try {
      run()
    } catch (error) {
      expect((error as InvalidInputError).field).toBe(field)
    }
  })

  it('rejects positions on markets missing from the market state or the params', () => {
    expect(check((a) => ((a.perps[0] as Account['perps'][number]).underlying = 'DOGE'))).toThrow(UnknownMarketError)
    expect(check((_a, m) => delete m.underlyings.ETH)).toThrow(UnknownMarketError)
    expect(check((_a, _m, p) => delete p.markets.BTC)).toThrow(UnknownMarketError)
    expect(check((_a, _m, p) => delete p.markets.SOL)).toThrow(UnknownMarketError) // isolated positions too
  })

  it('rejects collateral assets missing from the prices or the params', () => {
    expect(check((a) => (a.collateral.DAI = 100))).toThrow(UnknownAssetError)
    expect(check((_a, m) => delete m.collateral.WETH)).toThrow(UnknownAssetError)
    expect(check((_a, _m, p) => delete p.collateral.WETH)).toThrow(UnknownAssetError)
  })

  it('needs the settlement asset for isolated margin', () => {
    expect(
      check((a, m) => {
        delete a.collateral.USDC
        delete m.collateral.USDC
      }),
    ).toThrow(UnknownAssetError)
    expect(
      check((a, m) => {
        delete a.collateral.USDC
        delete m.collateral.USDC
        a.isolated = []
      }),
    ).not.toThrow()
  })

  it('rejects negative non-USDC collateral and duplicate isolated ids as inconsistent', () => {
    expect(check((a) => (a.collateral.WETH = -1))).toThrow(InconsistentAccountError)
    expect(check((a) => a.isolated.push(structuredClone(a.isolated[0] as Account['isolated'][number])))).toThrow(
      InconsistentAccountError,
    )
  })
})
