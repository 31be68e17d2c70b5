import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { optionGreeks } from '../pricing/optionGreeks'
import { optionPrice } from '../pricing/optionPrice'
import { accountRisk } from './accountRisk'
import { defaultRiskParams } from './params'
import { prepareAccount } from './prepareAccount'
import { now, referenceMargin, riskInput } from './riskBooks.testing'
import type { Account, Markets, OptionPosition, RiskParams } from './types'

const day = 86_400
const year = 31_536_000

/** Bit-for-bit structural identity (NaN and ±Infinity kept), much faster than toEqual on large results. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))
}

function expectClose(actual: number, expected: number, relative = 1e-12, absolute = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected) + absolute)
}

const markets: Markets = {
  now,
  underlyings: {
    BTC: { price: 60_000, conf: 20, vol: 0.5, fundingIndex: 120 },
    ETH: { price: 3_000, conf: 1.5, vol: 0.6, fundingIndex: -5 },
    SOL: { price: 150, conf: 0.05, vol: 0.05, fundingIndex: 0 },
  },
  collateral: {
    USDC: { price: 1, conf: 0.0005 },
    WETH: { price: 3_000, conf: 1.5, linkedUnderlying: 'ETH' },
    wstETH: { price: 3_500, conf: 2, linkedUnderlying: 'ETH' },
  },
}

function book(partial: Partial<Account>): Account {
  return { collateral: { USDC: 100_000 }, perps: [], options: [], isolated: [], ...partial }
}

/** DESIGN.md §4.2: M_mm = max(mmFloor, z·sigma·sqrt(horizon/yr)) + sizeSlope·G. */
function maintenanceRange(underlying: 'BTC' | 'ETH' | 'SOL', grossNotional: number, params = defaultRiskParams): number {
  const { mmFloor, sizeSlope } = params.markets[underlying]!
  const sigma = markets.underlyings[underlying]!.vol
  return Math.max(mmFloor, params.z * sigma * Math.sqrt(params.horizonSeconds / year)) + sizeSlope * grossNotional
}

const atm30d = (kind: 'call' | 'put', size: number, underlying = 'ETH'): OptionPosition => ({
  underlying,
  kind,
  strike: markets.underlyings[underlying]!.price,
  expiry: now + 30 * day,
  size,
})

describe('accountRisk: perp-only books reduce to MM = M_mm·|q|·S, IM = imMultiplier·MM', () => {
  it('one long BTC perp (vol-driven range) and one short SOL perp (floor-bound range)', () => {
    const risk = accountRisk(
      book({
        perps: [
          { underlying: 'BTC', size: 2, entryPrice: 58_000, lastFundingIndex: 100 },
          { underlying: 'SOL', size: -400, entryPrice: 160, lastFundingIndex: 0 },
        ],
      }),
      markets,
      defaultRiskParams,
    )
    // BTC: 3·0.5·sqrt(3600/31,536,000) = 0.016026 > floor 0.005; SOL: 3·0.05·0.010684 = 0.0016 < floor 0.0125.
    const btcG = 2 * 60_000
    const solG = 400 * 150
    const btcMM = maintenanceRange('BTC', btcG) * btcG
    const solMM = (0.0125 + 1e-9 * solG) * solG
    expectClose(risk.underlyings.BTC!.maintenanceMargin, btcMM)
    expectClose(risk.underlyings.SOL!.maintenanceMargin, solMM)
    expectClose(risk.maintenanceMargin, btcMM + solMM)
    expectClose(risk.initialMargin, 2 * (btcMM + solMM))
    expect(risk.underlyings.BTC!.worstMaintenanceScenario.priceMove).toBeLessThan(0) // a long loses on the way down
    expect(risk.underlyings.SOL!.worstMaintenanceScenario.priceMove).toBeGreaterThan(0)
  })

  it('perps in one underlying net (|Σq|) while G counts them gross', () => {
    const risk = accountRisk(
      book({
        perps: [
          { underlying: 'BTC', size: 2, entryPrice: 60_000, lastFundingIndex: 0 },
          { underlying: 'BTC', size: -0.5, entryPrice: 61_000, lastFundingIndex: 0 },
        ],
      }),
      markets,
      defaultRiskParams,
    )
    const G = 2.5 * 60_000
    expectClose(risk.maintenanceMargin, maintenanceRange('BTC', G) * 1.5 * 60_000)
    expectClose(risk.underlyings.BTC!.grossNotional, G)
  })

  it('property: any perp-only book, any valid params', () => {
    fc.assert(
      fc.property(riskInput, ({ account, markets: m, params }) => {
        const perpOnly = { ...account, options: [] }
        const risk = accountRisk(perpOnly, m, params)
        let expected = 0
        let gross = 0
        for (const underlying of Object.keys(risk.underlyings)) {
          const perps = perpOnly.perps.filter((p) => p.underlying === underlying)
          const S = m.underlyings[underlying]!.price
          const G = perps.reduce((sum, p) => sum + Math.abs(p.size) * S, 0)
          const Q = perps.reduce((sum, p) => sum + p.size, 0)
          const { mmFloor, sizeSlope } = params.markets[underlying]!
          const range =
            Math.max(mmFloor, params.z * m.underlyings[underlying]!.vol * Math.sqrt(params.horizonSeconds / year)) + sizeSlope * G
          // Beyond a 100 % range the price floors at 0: a long loses at most its notional.
          const lossDown = Q > 0 ? Q * S * Math.min(1, range) : 0
          const lossUp = Q < 0 ? -Q * S * range : 0
          expected += Math.max(lossDown, lossUp)
          gross += G * Math.max(1, range)
        }
        // Offsetting perps leave a small net size whose rounding scales with the gross notional.
        expectClose(risk.maintenanceMargin, expected, 1e-9, 1e-12 * gross + 1e-12)
      }),
      { numRuns: 10_000 },
    )
  })
})

describe('accountRisk: equity (DESIGN.md §4.1)', () => {
  it('mixed collateral, perps with funding and a short put, by hand', () => {
    const put: OptionPosition = { underlying: 'ETH', kind: 'put', strike: 2_800, expiry: now + 30 * day, size: -1, entryPrice: 60 }
    const account = book({
      collateral: { USDC: -1_500, WETH: 2, wstETH: 1.5 },
      perps: [
        { underlying: 'BTC', size: 0.1, entryPrice: 58_000, lastFundingIndex: 100 },
        { underlying: 'ETH', size: -2, entryPrice: 3_100, lastFundingIndex: -2 },
      ],
      options: [put],
    })
    const risk = accountRisk(account, markets, defaultRiskParams)
    // USDC liability at price + conf, no haircut: −1,500 × 1.0005 = −1,500.75
    // WETH 2 × (3,000 − 1.5) × (1 − 0.10) = 5,397.3
    // wstETH 1.5 × (3,500 − 2) × (1 − 0.12) = 4,617.36
    expectClose(risk.collateral.USDC!.value, -1_500.75)
    expectClose(risk.collateral.WETH!.value, 5_397.3)
    expectClose(risk.collateral.wstETH!.value, 4_617.36)
    expectClose(risk.collateralValue, 8_513.91)
    // BTC 0.1 × (60,000 − 58,000) = 200; ETH −2 × (3,000 − 3,100) = 200
    expectClose(risk.perpPnl, 400)
    // BTC 0.1 × (120 − 100) = 2; ETH −2 × (−5 − (−2)) = 6
    expectClose(risk.fundingOwed, 8)
    const putMark = optionPrice({ kind: 'put', spot: 3_000, strike: 2_800, years: 30 / 365, rate: 0, dividendYield: 0, vol: 0.6 })
    expectClose(risk.optionValue, -putMark)
    expectClose(risk.equity, 8_513.91 + 400 - 8 - putMark)

    const option = risk.options[0]!
    expectClose(option.mark, putMark)
    expectClose(option.unrealizedPnl!, -1 * (putMark - 60))
    expectClose(option.unrealizedPnlRatio!, -(putMark - 60) / 60)
    expectClose(option.notional, 3_000)
    const greeks = optionGreeks({ kind: 'put', spot: 3_000, strike: 2_800, years: 30 / 365, rate: 0, dividendYield: 0, vol: 0.6 })
    expectClose(option.delta, -greeks.delta)
    expectClose(option.vega, -greeks.vega)
    expectClose(option.theta, -greeks.theta)

    const [btc, eth] = risk.perps
    expectClose(btc!.unrealizedPnlRatio, 200 / 5_800)
    expectClose(eth!.fundingOwed, 6)
    expectClose(eth!.notional, 6_000)

    // Gross: 6,000 + 6,000 + 3,000 (put underlying notional); net: |0.1|·60,000 + |−2 − putDelta|·3,000.
    expectClose(risk.grossNotional, 15_000)
    expectClose(risk.grossLeverage, 15_000 / risk.equity)
    expectClose(risk.netDeltaNotional, 6_000 + Math.abs(-2 - greeks.delta) * 3_000)
    expectClose(risk.marginRatio, risk.maintenanceMargin / risk.equity)
    expectClose(risk.freeCollateral, risk.equity - risk.initialMargin)
    expect(risk.liquidatable).toBe(risk.equity < risk.maintenanceMargin)
  })

  it('a confidence wider than the price makes an asset worthless, never a liability', () => {
    const wide = { ...markets, collateral: { ...markets.collateral, WETH: { price: 10, conf: 12 } } }
    expect(accountRisk(book({ collateral: { WETH: 3 } }), wide, defaultRiskParams).collateralValue).toBe(0)
  })
})

describe('accountRisk: options', () => {
  it('property: MM and IM equal a brute-force optionPrice revaluation of the 27 scenarios', () => {
    let guardBound = 0
    fc.assert(
      fc.property(riskInput, ({ account, markets: m, params }) => {
        const risk = accountRisk(account, m, params)
        for (const underlying of Object.keys(risk.underlyings)) {
          const reference = referenceMargin(account, m, params, underlying)
          const figures = risk.underlyings[underlying]!
          const tolerance = 1e-9 * reference.grossNotional + 1e-9
          expect(Math.abs(figures.maintenanceMargin - reference.maintenanceMargin)).toBeLessThanOrEqual(tolerance)
          const initial = Math.max(reference.maintenanceMargin, reference.initialMargin)
          if (reference.initialMargin < reference.maintenanceMargin) guardBound++
          expect(Math.abs(figures.initialMargin - initial)).toBeLessThanOrEqual(tolerance)
        }
      }),
      { numRuns: 10_000 },
    )
    // The IM ≥ MM guard is a rare edge case, not the rule.
    expect(guardBound).toBeLessThan(500)
  })

  it('property: a long-only option book never requires more than its premium (it cannot lose more than the mark)', () => {
    fc.assert(
      fc.property(riskInput, ({ account, markets: m, params }) => {
        const longs = { ...account, perps: [], isolated: [], options: account.options.map((o) => ({ ...o, size: Math.abs(o.size) })) }
        const risk = accountRisk(longs, m, params)
        for (const figures of Object.values(risk.underlyings))
          expect(figures.maintenanceMargin).toBeLessThanOrEqual(figures.optionValue * (1 + 1e-12) + 1e-12)
        expect(risk.maintenanceMargin).toBeLessThanOrEqual(risk.optionValue * (1 + 1e-12) + 1e-12)
      }),
      { numRuns: 10_000 },
    )
  })

  it('vol states matter: a short straddle is worst in the vol-up state', () => {
    const straddle = book({ options: [atm30d('call', -10), atm30d('put', -10)] })
    const risk = accountRisk(straddle, markets, defaultRiskParams)
    const eth = risk.underlyings.ETH!
    expect(eth.worstMaintenanceScenario.volState).toBe('up')
    expect(eth.worstInitialScenario.volState).toBe('up')
    expect(eth.worstMaintenanceScenario.vol).toBeCloseTo(0.6 * 1.3, 14)
    expect(eth.worstInitialScenario.vol).toBeCloseTo(0.6 * 1.6, 14)
    // Vega drives it: the vega term is the largest loss of the attribution.
    const { delta, gamma, vega } = eth.worstMaintenanceScenario.attribution
    expect(vega).toBeLessThan(Math.min(delta, gamma))

    const flatVol = { ...defaultRiskParams, volUp: 0, volDown: 0 }
    expect(accountRisk(straddle, markets, flatVol).maintenanceMargin).toBeLessThan(risk.maintenanceMargin / 2)

    // The worst scenario's PnL, re-priced directly.
    const { price, vol } = eth.worstMaintenanceScenario
    const repriced = [atm30d('call', -10), atm30d('put', -10)].reduce((pnl, o) => {
      const at = (spot: number, v: number) =>
        optionPrice({ kind: o.kind, spot, strike: o.strike, years: 30 / 365, rate: 0, dividendYield: 0, vol: v })
      return pnl + o.size * (at(price, vol) - at(3_000, 0.6))
    }, 0)
    expectClose(eth.worstMaintenanceScenario.pnl, repriced, 1e-10)
    // contingency = 0.001 · 3,000 · 20 net short contracts
    expectClose(eth.contingency, 60)
    expectClose(eth.maintenanceMargin, -repriced + 60, 1e-10)
  })

  it('short-option contingency counts net short contracts across calls and puts', () => {
    const risk = accountRisk(book({ options: [atm30d('call', -3), atm30d('put', 1)] }), markets, defaultRiskParams)
    expect(risk.underlyings.ETH!.netShortOptionContracts).toBe(2)
    expectClose(risk.underlyings.ETH!.contingency, 0.001 * 3_000 * 2)
    const longs = accountRisk(book({ options: [atm30d('call', -1), atm30d('put', 4)] }), markets, defaultRiskParams)
    expect(longs.underlyings.ETH!.contingency).toBe(0)
  })

  it('expired, unsettled options are valued at intrinsic and margined like the perp they now are', () => {
    const expired: OptionPosition = { underlying: 'ETH', kind: 'call', strike: 2_800, expiry: now - 3_600, size: 2 }
    const risk = accountRisk(book({ options: [expired] }), markets, defaultRiskParams)
    expect(risk.options[0]!.expired).toBe(true)
    expect(risk.options[0]!.mark).toBe(200)
    expect(risk.options[0]!.delta).toBe(2)
    expect(risk.options[0]!.vega).toBe(0)
    expect(risk.optionValue).toBe(400)
    // Deep enough in the money that the range never crosses the strike: a 2-unit long.
    const G = 2 * 3_000
    expectClose(risk.maintenanceMargin, maintenanceRange('ETH', G) * G)
  })

  it('positions of the same series are netted for pricing but reported one by one', () => {
    const risk = accountRisk(book({ options: [atm30d('call', 3), atm30d('put', -1), atm30d('call', -1)] }), markets, defaultRiskParams)
    expect(risk.underlyings.ETH!.series).toHaveLength(2)
    expect(risk.underlyings.ETH!.series[0]!.size).toBe(2)
    expectClose(risk.options[0]!.value, -3 * risk.options[2]!.value)
    expectClose(risk.underlyings.ETH!.grossNotional, 5 * 3_000) // gross over positions as listed
  })
})

describe('accountRisk: Greeks attribution', () => {
  it('property: for small ranges, delta + gamma + vega terms explain the worst PnL (Taylor)', () => {
    const small: RiskParams = {
      ...defaultRiskParams,
      z: 0.2,
      volUp: 0.01,
      volDown: 0.01,
      markets: Object.fromEntries(Object.entries(defaultRiskParams.markets).map(([m, p]) => [m, { ...p, mmFloor: 0, sizeSlope: 0 }])),
    }
    fc.assert(
      fc.property(riskInput, ({ account, markets: m }) => {
        // Options at least a week out and near the money: there the cross (vanna, volga) and
        // third-order terms the attribution leaves out are small next to delta, gamma and vega.
        // (Deep in or out of the money, vega vanishes faster than vanna and they need not be.)
        // "Near" in standard deviations at the 60 % vol set below: within one σ√T of the money.
        const options = account.options.filter(
          (o) =>
            o.expiry - now >= 7 * day &&
            Math.abs(Math.log(o.strike / m.underlyings[o.underlying]!.price)) < 0.6 * Math.sqrt((o.expiry - now) / year),
        )
        const risk = accountRisk({ ...account, options }, { ...m, underlyings: { ...m.underlyings, BTC: { ...m.underlyings.BTC!, vol: 0.6 }, ETH: { ...m.underlyings.ETH!, vol: 0.6 } } }, small)
        for (const figures of Object.values(risk.underlyings)) {
          const { pnl, price, vol, attribution } = figures.worstMaintenanceScenario
          const explained = attribution.delta + attribution.gamma + attribution.vega
          expect(explained + attribution.residual).toBeCloseTo(pnl, 6)
          // What is left out must be small next to the Taylor terms of the positions one by one
          // (the book's net terms can cancel, as in a spread): a few % at a 0.1 % move.
          const dS = price - figures.price
          const dSigma = vol - figures.vol
          let grossTerms = 0
          for (const p of risk.perps) if (p.underlying === figures.underlying) grossTerms += Math.abs(p.delta * dS)
          for (const o of risk.options)
            if (o.underlying === figures.underlying) grossTerms += Math.abs(o.delta * dS) + Math.abs(0.5 * o.gamma * dS * dS) + Math.abs(o.vega * dSigma)
          expect(Math.abs(attribution.residual)).toBeLessThanOrEqual(0.03 * grossTerms + 1e-9 * figures.grossNotional)
          // And the book's net Taylor terms explain its PnL whenever they do not cancel.
          if (Math.abs(explained) > 0.2 * grossTerms) expect(Math.abs(attribution.residual)).toBeLessThanOrEqual(0.15 * Math.abs(pnl))
        }
      }),
      { numRuns: 10_000 },
    )
  })

  it('the residual shrinks faster than the range (second-order terms are captured)', () => {
    const straddle = book({ perps: [{ underlying: 'ETH', size: 3, entryPrice: 3_000, lastFundingIndex: -5 }], options: [atm30d('call', -10), atm30d('put', -4)] })
    const residual = (z: number) => {
      const params = { ...defaultRiskParams, z, volUp: z / 100, volDown: z / 100, markets: { ...defaultRiskParams.markets, ETH: { ...defaultRiskParams.markets.ETH!, mmFloor: 0, sizeSlope: 0 } } }
      return Math.abs(accountRisk(straddle, markets, params).underlyings.ETH!.worstMaintenanceScenario.attribution.residual)
    }
    // Third-order and cross terms: halving the shocks divides the residual by about 4 to 8, not 2.
    expect(residual(0.5)).toBeLessThan(residual(1) / 3)
    expect(residual(0.25)).toBeLessThan(residual(0.5) / 3)
  })
})

describe('accountRisk: cross margin', () => {
  it('a long perp and a short call on one underlying need less than the two books alone', () => {
    const perp = { underlying: 'ETH', size: 10, entryPrice: 3_000, lastFundingIndex: -5 }
    const call = atm30d('call', -10)
    const both = accountRisk(book({ perps: [perp], options: [call] }), markets, defaultRiskParams).maintenanceMargin
    const perpAlone = accountRisk(book({ perps: [perp] }), markets, defaultRiskParams).maintenanceMargin
    const callAlone = accountRisk(book({ options: [call] }), markets, defaultRiskParams).maintenanceMargin
    expect(both).toBeLessThan(perpAlone + callAlone)
  })

  it('property: no offsets across underlyings (MM and IM are sums of single-underlying books)', () => {
    fc.assert(
      fc.property(riskInput, ({ account, markets: m, params }) => {
        const risk = accountRisk(account, m, params)
        let mm = 0
        let im = 0
        for (const underlying of Object.keys(risk.underlyings)) {
          const alone = accountRisk(
            {
              ...account,
              perps: account.perps.filter((p) => p.underlying === underlying),
              options: account.options.filter((o) => o.underlying === underlying),
            },
            m,
            params,
          )
          mm += alone.maintenanceMargin
          im += alone.initialMargin
        }
        expectClose(risk.maintenanceMargin, mm, 1e-12, 1e-12)
        expectClose(risk.initialMargin, im, 1e-12, 1e-12)
      }),
      { numRuns: 10_000 },
    )
  })
})

describe('accountRisk: isolated positions', () => {
  const isolated = { id: 'sol-1', margin: 500, perp: { underlying: 'SOL', size: -100, entryPrice: 155, lastFundingIndex: 0.2 } }

  it('are evaluated on their own margin alone', () => {
    const risk = accountRisk(book({ isolated: [isolated] }), markets, defaultRiskParams)
    const position = risk.isolated[0]!
    // margin 500 USDC × (1 − 0.0005) = 499.75; PnL −100 × (150 − 155) = 500; funding −100 × (0 − 0.2) = 20 owed
    expectClose(position.marginValue, 499.75)
    expectClose(position.equity, 499.75 + 500 - 20)
    const G = 100 * 150
    const mm = (0.0125 + 1e-9 * G) * G
    expectClose(position.maintenanceMargin, mm)
    expectClose(position.initialMargin, 2 * mm)
    expectClose(position.marginRatio, mm / position.equity)
    expectClose(position.leverage, G / position.equity)
    expect(position.liquidatable).toBe(false)
  })

  it('property: adding or removing isolated positions leaves every cross figure unchanged', () => {
    fc.assert(
      fc.property(riskInput, ({ account, markets: m, params }) => {
        const { isolated: withIsolated, ...cross } = accountRisk(account, m, params)
        const { isolated: without, ...crossAlone } = accountRisk({ ...account, isolated: [] }, m, params)
        expect(without).toEqual([])
        expect(withIsolated).toHaveLength(account.isolated.length)
        expect(fingerprint(cross)).toBe(fingerprint(crossAlone))
      }),
      { numRuns: 10_000 },
    )
  })
})

describe('accountRisk: degenerate accounts never give NaN', () => {
  it('an empty account: nothing required, not liquidatable', () => {
    const risk = accountRisk(book({ collateral: {} }), markets, defaultRiskParams)
    expect(risk).toMatchObject({ equity: 0, maintenanceMargin: 0, marginRatio: 0, grossLeverage: 0, netLeverage: 0, liquidatable: false })
  })

  it('a debt with no positions: A < 0 = MM, liquidatable, ratio Infinity, leverage 0', () => {
    const risk = accountRisk(book({ collateral: { USDC: -10 } }), markets, defaultRiskParams)
    expect(risk).toMatchObject({ maintenanceMargin: 0, marginRatio: Infinity, grossLeverage: 0, liquidatable: true })
  })

  it('positions with A <= 0: ratio and leverage Infinity, liquidatable', () => {
    const risk = accountRisk(
      book({ collateral: { USDC: 1_000 }, perps: [{ underlying: 'BTC', size: 1, entryPrice: 62_000, lastFundingIndex: 120 }] }),
      markets,
      defaultRiskParams,
    )
    expect(risk.equity).toBeCloseTo(-1_000.5, 9) // 1,000 × (1 − 0.0005) − 2,000
    expect(risk).toMatchObject({ marginRatio: Infinity, grossLeverage: Infinity, netLeverage: Infinity, liquidatable: true })
  })

  it('exactly A = MM is not liquidatable (A < MM is the rule) and has ratio 1', () => {
    const perp = { underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 120 }
    const mm = accountRisk(book({ perps: [perp] }), markets, defaultRiskParams).maintenanceMargin
    const risk = accountRisk(book({ collateral: { USDC: mm }, perps: [perp] }), { ...markets, collateral: { ...markets.collateral, USDC: { price: 1, conf: 0 } } }, defaultRiskParams)
    expect(risk.equity).toBe(risk.maintenanceMargin)
    expect(risk.marginRatio).toBe(1)
    expect(risk.liquidatable).toBe(false)
  })
})

describe('accountRisk: prepared books and incremental ticks give the full evaluation exactly', () => {
  it('property: one underlying ticks, the others are reused', () => {
    fc.assert(
      fc.property(riskInput, fc.constantFrom('BTC', 'ETH', 'SOL'), fc.double({ min: 0.9, max: 1.1, noNaN: true }), ({ account, markets: m, params }, ticked, move) => {
        const prepared = prepareAccount(account, m, params)
        const previous = accountRisk(account, m, params, { prepared })
        expect(fingerprint(previous)).toBe(fingerprint(accountRisk(account, m, params)))
        const next = { ...m, underlyings: { ...m.underlyings, [ticked]: { ...m.underlyings[ticked]!, price: m.underlyings[ticked]!.price * move } } }
        expect(fingerprint(accountRisk(account, next, params, { prepared, previous }))).toBe(fingerprint(accountRisk(account, next, params)))
      }),
      { numRuns: 10_000 },
    )
  })

  it('a prepared book for another time or book, or a previous result of another book, is not used wrongly', () => {
    const account = book({ perps: [{ underlying: 'BTC', size: 1, entryPrice: 60_000, lastFundingIndex: 0 }], options: [atm30d('call', -2), atm30d('put', 1, 'BTC')] })
    const prepared = prepareAccount(account, markets, defaultRiskParams)
    const previous = accountRisk(account, markets, defaultRiskParams, { prepared })
    const later = { ...markets, now: now + 3_600 }
    expect(accountRisk(account, later, defaultRiskParams, { prepared, previous })).toEqual(accountRisk(account, later, defaultRiskParams))
    const bigger = { ...account, options: [atm30d('call', -5), atm30d('put', 1, 'BTC')] }
    expect(accountRisk(bigger, markets, defaultRiskParams, { prepared, previous })).toEqual(accountRisk(bigger, markets, defaultRiskParams))
  })
})
