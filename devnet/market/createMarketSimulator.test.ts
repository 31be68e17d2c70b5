import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors'
import { feedStatus } from '../../lib/core/oracle/feedStatus'
import { guardPriceUpdate } from '../../lib/core/oracle/guardPriceUpdate'
import type { FeedState, FeedUpdate } from '../../lib/core/oracle/types'
import { SECONDS_PER_YEAR } from '../../lib/core/units'
import { priceFeedId, type PriceFeedSymbol } from '../../lib/feeds/priceFeeds'
import { volatilityFeedId } from '../../lib/feeds/volatilityFeeds'
import type { PublishedPriceUpdate } from '../hermes/createHermesServer'
import { assetModels, simulatedAssets, type AssetModel, type SimulatedAsset } from './assetModels'
import { badTick, badTickKinds } from './badTick'
import { createMarketSimulator, type MarketSimulator, type MarketTick } from './createMarketSimulator'
import { priceFeedUpdate, volatilityFeedUpdate } from './feedUpdates.testing'

const start = 1_700_000_000
/** Vol index held at its long-run level and no jumps: a plain geometric Brownian motion. */
const quiet: Partial<AssetModel> = { volOfVol: 0, volSpikeSensitivity: 0, jumpIntensity: 0 }
const allQuiet = { BTC: quiet, ETH: quiet, SOL: quiet }

function stepEachSecond(market: MarketSimulator, from: number, count: number): MarketTick[] {
  const ticks: MarketTick[] = []
  for (let i = 1; i <= count; i++) ticks.push(market.step(from + i))
  return ticks
}

function priceUpdate(tick: MarketTick, symbol: PriceFeedSymbol): PublishedPriceUpdate | undefined {
  return tick.prices.find((update) => update.id === priceFeedId(symbol))
}

function usd(value: bigint): number {
  return Number(value) / 1e8
}

/** The venue's guards over every feed, fed tick by tick; returns the verdicts of one tick. */
function createGuards() {
  const states = new Map<string, FeedState | undefined>()
  const judge = (id: string, update: FeedUpdate, now: number) => {
    const result = guardPriceUpdate({ state: states.get(id), update, now })
    states.set(id, result.state)
    return result.verdict === 'rejected' ? `rejected:${result.reason}` : result.verdict
  }
  return {
    states,
    judge(tick: MarketTick): Map<string, string> {
      const verdicts = new Map<string, string>()
      for (const update of tick.prices) verdicts.set(update.id, judge(update.id, priceFeedUpdate(update), tick.time))
      for (const update of tick.volatilities) verdicts.set(update.id, judge(update.id, volatilityFeedUpdate(update), tick.time))
      return verdicts
    },
  }
}

/** Mean, variance and the standard errors of both from a sample (fourth moment for the variance's). */
function moments(sample: number[]) {
  const n = sample.length
  const mean = sample.reduce((sum, x) => sum + x, 0) / n
  let m2 = 0
  let m4 = 0
  for (const x of sample) {
    const d = (x - mean) ** 2
    m2 += d
    m4 += d * d
  }
  m2 /= n
  m4 /= n
  return { mean, variance: m2, meanError: Math.sqrt(m2 / n), varianceError: Math.sqrt((m4 - m2 * m2) / n) }
}

describe('createMarketSimulator: the price path', () => {
  test('hourly log returns have Merton’s closed-form mean and variance within 4.5 standard errors', () => {
    // Frequent, large jumps so the jump terms dominate: λΔ = 0.3 jumps per hourly step.
    const jumpy: Partial<AssetModel> = { ...quiet, jumpIntensity: 0.3 * 8_760, jumpMeanLog: -0.05, jumpVolLog: 0.03, price: 100_000 }
    const market = createMarketSimulator({ seed: 3, startTime: start, assets: { BTC: jumpy, ETH: jumpy, SOL: jumpy } })
    const steps = 15_000
    const returns: Record<SimulatedAsset, number[]> = { BTC: [], ETH: [], SOL: [] }
    let previous = market.state().assets
    let lowest = Number.POSITIVE_INFINITY
    let highest = 0
    for (let i = 1; i <= steps; i++) {
      market.step(start + 3_600 * i)
      const now = market.state().assets
      for (const asset of simulatedAssets) {
        returns[asset].push(Math.log(now[asset].price / previous[asset].price))
        lowest = Math.min(lowest, now[asset].price)
        highest = Math.max(highest, now[asset].price)
      }
      previous = now
    }
    // Precondition: the paths (log drift ≈ −7.8 over the run) stayed far from the simulator's price bounds.
    expect(lowest).toBeGreaterThan(1e-4)
    expect(highest).toBeLessThan(1e9)
    for (const asset of simulatedAssets) {
      const vol = assetModels[asset].vol
      const { jumpIntensity: lambda, jumpMeanLog: muJ, jumpVolLog: delta } = jumpy as Required<typeof jumpy>
      const t = 3_600 / SECONDS_PER_YEAR
      const kappa = Math.exp(muJ + (delta * delta) / 2) - 1
      const mean = (-lambda * kappa - (vol * vol) / 2) * t + lambda * t * muJ
      const variance = vol * vol * t + lambda * t * (muJ * muJ + delta * delta)
      const sample = moments(returns[asset])
      expect(Math.abs(sample.mean - mean)).toBeLessThan(4.5 * sample.meanError)
      expect(Math.abs(sample.variance - variance)).toBeLessThan(4.5 * sample.varianceError)
    }
  })

  test('with speed s the realised variance per chain second is s × index² (within 4.5 standard errors)', () => {
    const speed = 3_600
    const market = createMarketSimulator({ seed: 8, startTime: start, assets: allQuiet, speed })
    const returns: Record<SimulatedAsset, number[]> = { BTC: [], ETH: [], SOL: [] }
    let previous = market.state().assets
    for (let i = 1; i <= 20_000; i++) {
      market.step(start + i)
      const now = market.state().assets
      for (const asset of simulatedAssets) returns[asset].push(Math.log(now[asset].price / previous[asset].price))
      previous = now
    }
    for (const asset of simulatedAssets) {
      const variance = assetModels[asset].vol ** 2 * (speed / SECONDS_PER_YEAR)
      const sample = moments(returns[asset])
      expect(Math.abs(sample.variance - variance)).toBeLessThan(4.5 * sample.varianceError)
    }
  })

  test('the price diffuses at the current index: after volSpike(×3) the realised variance is 9× (within 4.5 standard errors)', () => {
    const frozen: Partial<AssetModel> = { ...quiet, volHalfLifeSeconds: 1e12 }
    const market = createMarketSimulator({ seed: 10, startTime: start, assets: { BTC: frozen, ETH: frozen, SOL: frozen }, speed: 3_600 })
    market.volSpike({ asset: 'BTC', factor: 3 })
    const returns: number[] = []
    let previous = market.state().assets.BTC.price
    for (let i = 1; i <= 10_000; i++) {
      market.step(start + i)
      const price = market.state().assets.BTC.price
      returns.push(Math.log(price / previous))
      previous = price
    }
    const sample = moments(returns)
    expect(Math.abs(sample.variance - (3 * 0.55) ** 2 * (3_600 / SECONDS_PER_YEAR))).toBeLessThan(4.5 * sample.varianceError)
  })

  test('one hour of "advance time" right after a ×3 spike diffuses at the mean of the reverting index’s σ², not at 3σ', () => {
    const returns: number[] = []
    for (let seed = 0; seed < 4_000; seed++) {
      const market = createMarketSimulator({ seed, startTime: start, assets: allQuiet })
      market.volSpike({ asset: 'BTC', factor: 3 })
      market.step(start + 3_600)
      returns.push(Math.log(market.state().assets.BTC.price / 60_000))
    }
    // ∫σ(s)² ds over the hour by the midpoint rule, σ(s) = L·3^(2^(−s/600)).
    let integrated = 0
    for (let i = 0; i < 36_000; i++) integrated += (0.55 * 3 ** (2 ** (-(i + 0.5) / 10 / 600))) ** 2 / 10
    const sample = moments(returns)
    expect(Math.abs(sample.variance - integrated / SECONDS_PER_YEAR)).toBeLessThan(4.5 * sample.varianceError)
  })
})

describe('createMarketSimulator: crash and pump', () => {
  test('a 15 % crash over 10 s gives ×0.85 within noise, spread so no tick trips the 10 % jump guard', () => {
    const market = createMarketSimulator({ seed: 21, startTime: start, assets: allQuiet })
    const guards = createGuards()
    const before = stepEachSecond(market, start, 5)
    for (const tick of before) guards.judge(tick)
    const from = usd(priceUpdate(before.at(-1)!, 'BTC')!.price)
    market.move({ asset: 'BTC', percent: -15, seconds: 10 })
    const crash = stepEachSecond(market, start + 5, 10)
    let last = from
    for (const tick of crash) {
      expect(guards.judge(tick).get(priceFeedId('BTC'))).toBe('accepted')
      const price = usd(priceUpdate(tick, 'BTC')!.price)
      // Each second carries a tenth of ln 0.85 (−1.6 %), far inside the 10 % guard.
      expect(Math.abs(Math.log(price / last) - Math.log(0.85) / 10)).toBeLessThan(6 * 0.55 * Math.sqrt(1 / SECONDS_PER_YEAR))
      last = price
    }
    // Diffusion over 10 s at 55 %/yr: σ√t = 3.1e-4; 6σ tolerance.
    expect(Math.abs(Math.log(last / from / 0.85))).toBeLessThan(6 * 0.55 * Math.sqrt(10 / SECONDS_PER_YEAR))
    expect(market.state().moves).toEqual([])
  })

  test('against a twin without the move, the move is exactly log-linear in chain seconds at any speed and model', () => {
    for (const speed of [1, 3_600]) {
      const moved = createMarketSimulator({ seed: 4, startTime: start, speed })
      const twin = createMarketSimulator({ seed: 4, startTime: start, speed })
      moved.move({ asset: 'SOL', percent: -15, seconds: 10 })
      expect(moved.state().moves).toEqual([{ asset: 'SOL', percent: -15, startTime: start, endTime: start + 10 }])
      for (let i = 1; i <= 14; i++) {
        moved.step(start + i)
        twin.step(start + i)
        expect(moved.state().assets.SOL.price / twin.state().assets.SOL.price).toBeCloseTo(0.85 ** (Math.min(i, 10) / 10), 12)
        // Other assets are untouched.
        expect(moved.state().assets.BTC).toEqual(twin.state().assets.BTC)
      }
    }
  })

  test('one long step applies the whole move; overlapping moves compound', () => {
    const moved = createMarketSimulator({ seed: 6, startTime: start })
    const twin = createMarketSimulator({ seed: 6, startTime: start })
    moved.move({ asset: 'ETH', percent: -10, seconds: 10 })
    moved.step(start + 5)
    twin.step(start + 5)
    moved.move({ asset: 'ETH', percent: 20, seconds: 20 })
    moved.move({ asset: 'ETH', percent: -15, seconds: 10 })
    expect(moved.state().moves).toHaveLength(3)
    moved.step(start + 3_600)
    twin.step(start + 3_600)
    expect(moved.state().assets.ETH.price / twin.state().assets.ETH.price).toBeCloseTo(0.9 * 1.2 * 0.85, 12)
    expect(moved.state().moves).toEqual([])
  })
})

describe('createMarketSimulator: the volatility index', () => {
  test('after volSpike(×2) the log-vol gap halves every volHalfLifeSeconds, in 1-second ticks or one step', () => {
    const ticks = createMarketSimulator({ seed: 2, startTime: start, assets: allQuiet })
    const jump = createMarketSimulator({ seed: 2, startTime: start, assets: allQuiet })
    for (const market of [ticks, jump]) market.volSpike({ asset: 'ETH', factor: 2 })
    expect(ticks.state().assets.ETH.vol).toBeCloseTo(1.3, 14)
    const published = (tick: MarketTick) => Number(tick.volatilities.find((update) => update.id === volatilityFeedId('ETH'))!.volatility) / 1e18
    const afterHalfLife = stepEachSecond(ticks, start, 600).at(-1)!
    expect(published(afterHalfLife) / (0.65 * Math.SQRT2)).toBeCloseTo(1, 10)
    expect(published(jump.step(start + 600)) / (0.65 * Math.SQRT2)).toBeCloseTo(1, 10)
    expect(published(jump.step(start + 1_200)) / (0.65 * 2 ** 0.25)).toBeCloseTo(1, 10)
    expect(ticks.state().assets.BTC.vol).toBe(0.55)
  })

  test('a shock step raises the index by sensitivity × |return| (at most ln 1.07), and shocks happen as often as jumps', () => {
    // Every jump is exactly −3 %, 40 standard deviations of a minute's diffusion: a jump step is a shock.
    const shocking: Partial<AssetModel> = { volOfVol: 0, volSpikeSensitivity: 1.5, jumpIntensity: 0.2 * 525_600, jumpMeanLog: -0.03, jumpVolLog: 0 }
    const market = createMarketSimulator({ seed: 13, startTime: start, assets: { BTC: shocking, ETH: quiet, SOL: quiet } })
    const k = Math.LN2 / 600
    const compensator = -0.2 * 525_600 * Math.expm1(-0.03) * (60 / SECONDS_PER_YEAR)
    let shocks = 0
    let capped = 0
    const steps = 4_000
    for (let i = 1; i <= steps; i++) {
      const before = market.state().assets.BTC
      const tick = market.step(start + 60 * i)
      const after = market.state().assets.BTC
      const logReturn = Math.log(after.price / before.price)
      // Merton's compensator −λκΔ (+0.59 % a minute here) keeps E[S] flat between the jumps.
      const compensated = logReturn - compensator
      const jumps = Math.round(-compensated / 0.03)
      // The step's return is a whole number of −3 % jumps plus a little diffusion (the index only
      // falls within a step here, so its value at the start bounds the step's vol).
      expect(Math.abs(compensated + 0.03 * jumps)).toBeLessThan(6 * before.vol * Math.sqrt(60 / SECONDS_PER_YEAR))
      expect(tick.jumps.includes('BTC')).toBe(jumps > 0)
      const reverted = Math.log(before.vol / 0.55) * Math.exp(-k * 60)
      const spike = jumps > 0 ? Math.min(1.5 * Math.abs(logReturn), Math.log(1.07)) : 0
      expect(Math.log(after.vol / 0.55)).toBeCloseTo(reverted + spike, 12)
      if (jumps > 0) shocks++
      if (1.5 * Math.abs(logReturn) > Math.log(1.07)) capped++
      expect(tick.jumps.filter((asset) => asset !== 'BTC')).toEqual([])
    }
    // P(at least one jump in a step) = 1 − e^(−0.2); binomial standard error.
    const p = 1 - Math.exp(-0.2)
    expect(Math.abs(shocks / steps - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / steps))
    expect(capped).toBeGreaterThan(0)
  })
})

describe('createMarketSimulator: published updates', () => {
  test('normal 1-second ticks pass every oracle guard: accepted, conf/price < 0.02, never jumped', () => {
    const market = createMarketSimulator({ seed: 99, startTime: start })
    const guards = createGuards()
    const priceIds = (['BTC', 'ETH', 'SOL', 'USDC'] as const).map(priceFeedId)
    const volatilityIds = simulatedAssets.map(volatilityFeedId)
    // Collected, then asserted once: 20,000 ticks × 7 feeds of expect() calls would dominate the run.
    const problems: string[] = []
    const check = (ok: boolean, what: string) => {
      if (!ok && problems.length < 10) problems.push(what)
    }
    let previous: MarketTick | undefined
    let widest = 0
    for (const tick of stepEachSecond(market, start, 20_000)) {
      check(tick.prices.map((update) => update.id).join() === priceIds.join(), `price feeds at ${tick.time}`)
      check(tick.volatilities.map((update) => update.id).join() === volatilityIds.join(), `volatility feeds at ${tick.time}`)
      for (const [id, verdict] of guards.judge(tick)) check(verdict === 'accepted', `${id} ${verdict} at ${tick.time}`)
      for (const update of tick.prices) {
        check(update.publishTime === tick.time && update.prevPublishTime === (previous?.time ?? 0) && update.expo === -8, `times of ${update.id} at ${tick.time}`)
        widest = Math.max(widest, Number(update.conf) / Number(update.price))
      }
      for (const update of tick.volatilities) check(update.conf === update.volatility / 100n, `volatility conf at ${tick.time}`)
      const usdc = priceUpdate(tick, 'USDC')!
      check(Math.abs(usd(usdc.price) - 1) < 0.001 && usdc.conf === 10_000n, `USDC at ${tick.time}`)
      check(tick.faults.length === 0, `faults at ${tick.time}`)
      previous = tick
    }
    expect(problems).toEqual([])
    expect(widest).toBeLessThan(0.01 + 1e-12)
  })

  test('published integers are the true state; confidence widens with the index but stays ≤ 1 % of price', () => {
    const market = createMarketSimulator({ seed: 5, startTime: start, assets: { SOL: { confRatio: 0.01 } } })
    const tick = market.step(start + 1)
    const state = market.state()
    for (const asset of simulatedAssets) {
      const update = priceUpdate(tick, asset)!
      expect(update.price).toBe(BigInt(Math.round(state.assets[asset].price * 1e8)))
      expect(update.conf).toBe(BigInt(Math.round(state.assets[asset].conf * 1e8)))
      expect(update.emaPrice).toBe(BigInt(Math.round(state.assets[asset].emaPrice * 1e8)))
    }
    const calm = market.state().assets.BTC.conf / market.state().assets.BTC.price
    market.volSpike({ asset: 'BTC', factor: 5 })
    market.volSpike({ asset: 'SOL', factor: 5 })
    let btc = 0
    for (const later of stepEachSecond(market, start + 1, 200)) {
      btc += usd(priceUpdate(later, 'BTC')!.conf) / usd(priceUpdate(later, 'BTC')!.price) / 200
      const sol = priceUpdate(later, 'SOL')!
      expect(Number(sol.conf) / Number(sol.price)).toBeLessThanOrEqual(0.01 + 1e-9)
    }
    expect(btc / calm).toBeGreaterThan(3)
  })

  test('the EMA lags a crash: it stays between the old and the new price', () => {
    const market = createMarketSimulator({ seed: 7, startTime: start, assets: allQuiet })
    market.move({ asset: 'BTC', percent: -20, seconds: 10 })
    const tick = stepEachSecond(market, start, 60).at(-1)!
    const btc = priceUpdate(tick, 'BTC')!
    expect(usd(btc.emaPrice!)).toBeGreaterThan(usd(btc.price) * 1.001)
    expect(usd(btc.emaPrice!)).toBeLessThan(60_000)
  })
})

describe('createMarketSimulator: bad ticks and stalls', () => {
  const expectedVerdict = {
    zero: 'rejected:nonPositivePrice',
    negative: 'rejected:nonPositivePrice',
    jump: 'jumped',
    'wide-confidence': 'uncertain',
    'out-of-order': 'rejected:notNewer',
  } as const

  test.each(badTickKinds.flatMap((kind) => (['BTC', 'USDC'] as const).map((asset) => ({ kind, asset }))))(
    '$kind on $asset: one tick carries exactly the bad update, the guard catches it, the next tick is normal, the path is unaffected',
    ({ kind, asset }) => {
      const faulty = createMarketSimulator({ seed: 31, startTime: start })
      const twin = createMarketSimulator({ seed: 31, startTime: start })
      const guards = createGuards()
      const id = priceFeedId(asset)
      const first = faulty.step(start + 1)
      expect(first).toEqual(twin.step(start + 1))
      guards.judge(first)
      faulty.injectBadTick({ asset, kind })
      expect(faulty.state().pendingBadTicks).toEqual([{ asset, kind }])

      const bad = faulty.step(start + 2)
      const normal = twin.step(start + 2)
      expect(bad.faults).toEqual([{ asset, kind }])
      const badUpdate = priceUpdate(bad, asset)!
      expect(badUpdate).toEqual(badTick({ update: priceUpdate(normal, asset)!, kind, previousPublishTime: start + 1 }))
      expect(bad.prices.filter((update) => update.id !== id)).toEqual(normal.prices.filter((update) => update.id !== id))
      expect(bad.volatilities).toEqual(normal.volatilities)
      expect(guards.judge(bad).get(id)).toBe(expectedVerdict[kind])
      expect(faulty.state().pendingBadTicks).toEqual([])
      expect(faulty.state().assets).toEqual(twin.state().assets)

      const after = faulty.step(start + 3)
      const twinAfter = twin.step(start + 3)
      expect(after.faults).toEqual([])
      // The next normal update continues the true path; its previous *normal* publish was tick 1.
      expect(priceUpdate(after, asset)).toEqual({ ...priceUpdate(twinAfter, asset)!, prevPublishTime: start + 1 })
      expect(guards.judge(after).get(id)).toBe('accepted')
    },
  )

  test('bad ticks queue one per tick, and an out-of-order first tick is dated before the start', () => {
    const market = createMarketSimulator({ seed: 1, startTime: start })
    market.injectBadTick({ asset: 'ETH', kind: 'out-of-order' })
    market.injectBadTick({ asset: 'ETH', kind: 'zero' })
    market.injectBadTick({ asset: 'SOL', kind: 'negative' })
    const first = market.step(start + 1)
    expect(first.faults).toEqual([
      { asset: 'ETH', kind: 'out-of-order' },
      { asset: 'SOL', kind: 'negative' },
    ])
    expect(priceUpdate(first, 'ETH')).toMatchObject({ publishTime: start - 5, prevPublishTime: 0 })
    const second = market.step(start + 2)
    expect(second.faults).toEqual([{ asset: 'ETH', kind: 'zero' }])
    expect(priceUpdate(second, 'ETH')!.price).toBe(0n)
    expect(market.step(start + 3).faults).toEqual([])
  })

  test('a price stall omits the feed through now + seconds, the feed goes stale, then resumes with the path unaffected', () => {
    const stalled = createMarketSimulator({ seed: 17, startTime: start })
    const twin = createMarketSimulator({ seed: 17, startTime: start })
    const guards = createGuards()
    for (const tick of stepEachSecond(stalled, start, 5)) guards.judge(tick)
    stepEachSecond(twin, start, 5)
    stalled.stall({ asset: 'ETH', seconds: 90, feed: 'price' })
    stalled.injectBadTick({ asset: 'ETH', kind: 'jump' }) // waits for the feed to publish again
    expect(stalled.state().stalls).toEqual([{ asset: 'ETH', feed: 'price', until: start + 95 }])
    const id = priceFeedId('ETH')
    for (let time = start + 6; time <= start + 95; time++) {
      const tick = stalled.step(time)
      const twinTick = twin.step(time)
      expect(priceUpdate(tick, 'ETH')).toBeUndefined()
      expect(tick.prices.filter((update) => update.id !== id)).toEqual(twinTick.prices.filter((update) => update.id !== id))
      expect(tick.volatilities).toEqual(twinTick.volatilities)
      guards.judge(tick)
      const status = feedStatus({ state: guards.states.get(id), now: time }).status
      expect(status).toBe(time - (start + 5) > 60 ? 'stale' : 'live')
    }
    const resumed = stalled.step(start + 96)
    const twinResumed = twin.step(start + 96)
    expect(stalled.state().stalls).toEqual([])
    expect(resumed.faults).toEqual([{ asset: 'ETH', kind: 'jump' }])
    expect(priceUpdate(resumed, 'ETH')).toEqual(badTick({ update: { ...priceUpdate(twinResumed, 'ETH')!, prevPublishTime: start + 5 }, kind: 'jump', previousPublishTime: start + 5 }))
    const normal = stalled.step(start + 97)
    expect(priceUpdate(normal, 'ETH')).toEqual({ ...priceUpdate(twin.step(start + 97), 'ETH')!, prevPublishTime: start + 5 })
  })

  test('a volatility stall omits only that index; a second stall extends, never shortens', () => {
    const market = createMarketSimulator({ seed: 3, startTime: start })
    market.stall({ asset: 'SOL', seconds: 10, feed: 'volatility' })
    market.stall({ asset: 'SOL', seconds: 5, feed: 'volatility' })
    expect(market.state().stalls).toEqual([{ asset: 'SOL', feed: 'volatility', until: start + 10 }])
    const ticks = stepEachSecond(market, start, 11)
    for (const tick of ticks.slice(0, 10)) {
      expect(tick.volatilities.map((update) => update.id)).toEqual([volatilityFeedId('BTC'), volatilityFeedId('ETH')])
      expect(tick.prices).toHaveLength(4)
    }
    expect(ticks[10]!.volatilities).toHaveLength(3)
  })
})

describe('createMarketSimulator: reproducibility and input checks', () => {
  type Operation =
    | { kind: 'step'; seconds: number }
    | { kind: 'move'; asset: SimulatedAsset; percent: number; seconds: number }
    | { kind: 'volSpike'; asset: SimulatedAsset; factor: number }
    | { kind: 'stall'; asset: SimulatedAsset | 'USDC'; seconds: number; feed: 'price' | 'volatility' }
    | { kind: 'injectBadTick'; asset: SimulatedAsset | 'USDC'; badKind: (typeof badTickKinds)[number] }

  const asset = fc.constantFrom<SimulatedAsset>('BTC', 'ETH', 'SOL')
  const feedAsset = fc.constantFrom<SimulatedAsset | 'USDC'>('BTC', 'ETH', 'SOL', 'USDC')
  const operation: fc.Arbitrary<Operation> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('step' as const), seconds: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 100_000 })) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), asset, percent: fc.double({ min: -99, max: 300, noNaN: true }).filter((p) => p !== 0), seconds: fc.double({ min: 0.5, max: 600, noNaN: true }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('volSpike' as const), asset, factor: fc.double({ min: 0.01, max: 100, noNaN: true }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('stall' as const), asset, seconds: fc.integer({ min: 1, max: 200 }), feed: fc.constantFrom('price' as const, 'volatility' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('injectBadTick' as const), asset: feedAsset, badKind: fc.constantFrom(...badTickKinds) }) },
  )

  function play(market: MarketSimulator, operations: Operation[]): MarketTick[] {
    const ticks: MarketTick[] = []
    let time = start
    for (const op of operations) {
      if (op.kind === 'step') ticks.push(market.step((time += op.seconds)))
      else if (op.kind === 'move') market.move(op)
      else if (op.kind === 'volSpike') market.volSpike(op)
      else if (op.kind === 'stall') market.stall(op)
      else market.injectBadTick({ asset: op.asset, kind: op.badKind })
    }
    return ticks
  }

  test('same seed and calls give identical ticks; every normal update is well-formed (100 random sessions)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.array(operation, { maxLength: 60 }), fc.constantFrom(1, 60), (seed, operations, speed) => {
        const a = createMarketSimulator({ seed, startTime: start, speed })
        const b = createMarketSimulator({ seed, startTime: start, speed })
        const ticks = play(a, operations)
        expect(play(b, operations)).toEqual(ticks)
        expect(b.state()).toEqual(a.state())
        for (const tick of ticks) {
          const faulty = new Set<string>(tick.faults.map((fault) => priceFeedId(fault.asset)))
          for (const update of tick.prices) {
            if (faulty.has(update.id)) continue
            expect(update.price).toBeGreaterThan(0n)
            expect(update.publishTime).toBe(tick.time)
            expect(update.prevPublishTime).toBeLessThan(tick.time)
            expect(Number(update.conf) / Number(update.price)).toBeLessThan(0.02)
          }
          for (const update of tick.volatilities) {
            expect(update.volatility).toBeGreaterThanOrEqual(10n ** 16n)
            expect(update.volatility).toBeLessThanOrEqual(5n * 10n ** 18n)
          }
        }
      }),
      { numRuns: 100 },
    )
  })

  test('another seed gives another market; another asset’s model does not change a path', () => {
    const base = createMarketSimulator({ seed: 1, startTime: start }).step(start + 1)
    expect(createMarketSimulator({ seed: 2, startTime: start }).step(start + 1).prices[0]!.price).not.toBe(base.prices[0]!.price)
    const changed = createMarketSimulator({ seed: 1, startTime: start, assets: { SOL: { vol: 2, jumpIntensity: 1_000 } } }).step(start + 1)
    expect(changed.prices.slice(0, 2)).toEqual(base.prices.slice(0, 2))
    expect(changed.prices[2]).not.toEqual(base.prices[2])
  })

  const invalidCalls: [string, string, (market: MarketSimulator) => void][] = [
    ['step to the same time', 'time', (m) => m.step(start)],
    ['step back in time', 'time', (m) => m.step(start - 1)],
    ['step to a fractional time', 'time', (m) => m.step(start + 1.5)],
    ['step to NaN', 'time', (m) => m.step(Number.NaN)],
    ['move an unknown asset', 'asset', (m) => m.move({ asset: 'DOGE' as SimulatedAsset, percent: -10, seconds: 10 })],
    ['move by −100 %', 'percent', (m) => m.move({ asset: 'BTC', percent: -100, seconds: 10 })],
    ['move by −150 %', 'percent', (m) => m.move({ asset: 'BTC', percent: -150, seconds: 10 })],
    ['move by 0 %', 'percent', (m) => m.move({ asset: 'BTC', percent: 0, seconds: 10 })],
    ['move by Infinity %', 'percent', (m) => m.move({ asset: 'BTC', percent: Number.POSITIVE_INFINITY, seconds: 10 })],
    ['move over 0 s', 'seconds', (m) => m.move({ asset: 'BTC', percent: -10, seconds: 0 })],
    ['move over NaN s', 'seconds', (m) => m.move({ asset: 'BTC', percent: -10, seconds: Number.NaN })],
    ['spike by 0', 'factor', (m) => m.volSpike({ asset: 'ETH', factor: 0 })],
    ['spike by −2', 'factor', (m) => m.volSpike({ asset: 'ETH', factor: -2 })],
    ['spike an unknown asset', 'asset', (m) => m.volSpike({ asset: 'USDC' as SimulatedAsset, factor: 2 })],
    ['stall for 0 s', 'seconds', (m) => m.stall({ asset: 'BTC', seconds: 0, feed: 'price' })],
    ['stall an unknown feed', 'feed', (m) => m.stall({ asset: 'BTC', seconds: 10, feed: 'funding' as 'price' })],
    ['stall USDC volatility', 'asset', (m) => m.stall({ asset: 'USDC', seconds: 10, feed: 'volatility' })],
    ['stall an unknown asset', 'asset', (m) => m.stall({ asset: 'DOGE' as 'BTC', seconds: 10, feed: 'price' })],
    ['inject an unknown kind', 'kind', (m) => m.injectBadTick({ asset: 'BTC', kind: 'late' as 'zero' })],
    ['inject on an unknown asset', 'asset', (m) => m.injectBadTick({ asset: 'WETH' as 'BTC', kind: 'zero' })],
  ]

  test.each(invalidCalls)('%s throws InvalidInputError naming %s and changes nothing', (_name, field, call) => {
    const market = createMarketSimulator({ seed: 12, startTime: start })
    const twin = createMarketSimulator({ seed: 12, startTime: start })
    for (const m of [market, twin]) {
      m.step(start + 1)
      m.move({ asset: 'BTC', percent: -5, seconds: 30 })
      m.stall({ asset: 'SOL', seconds: 3, feed: 'price' })
      m.injectBadTick({ asset: 'ETH', kind: 'jump' })
    }
    expect(() => call(market)).toThrow(InvalidInputError)
    try {
      call(market)
    } catch (error) {
      expect((error as InvalidInputError).field).toBe(field)
    }
    expect(market.state()).toEqual(twin.state())
    expect(stepEachSecond(market, start + 1, 5)).toEqual(stepEachSecond(twin, start + 1, 5))
  })

  test.each([
    ['seed', { seed: 1.5, startTime: start }],
    ['startTime', { seed: 1, startTime: 0 }],
    ['startTime', { seed: 1, startTime: start + 0.5 }],
    ['speed', { seed: 1, startTime: start, speed: 0 }],
    ['speed', { seed: 1, startTime: start, speed: Number.NaN }],
    ['assets', { seed: 1, startTime: start, assets: { DOGE: {} } }],
    ['assets.BTC.vol', { seed: 1, startTime: start, assets: { BTC: { vol: -0.5 } } }],
    ['assets.SOL.confRatio', { seed: 1, startTime: start, assets: { SOL: { confRatio: 0.05 } } }],
  ])('createMarketSimulator rejects a bad %s', (field, parameters) => {
    const call = () => createMarketSimulator(parameters as Parameters<typeof createMarketSimulator>[0])
    expect(call).toThrow(InvalidInputError)
    expect(call).toThrow(`Invalid ${field}`)
  })

  test('the first tick has prevPublishTime 0; later ones the previous tick’s time', () => {
    const market = createMarketSimulator({ seed: 1, startTime: start })
    expect(market.step(start + 12).prices.every((update) => update.prevPublishTime === 0)).toBe(true)
    expect(market.step(start + 13).prices.every((update) => update.prevPublishTime === start + 12)).toBe(true)
  })
})
