import { InvalidInputError } from '../../lib/core/errors'
import { createRandomState, type RandomState } from '../../lib/core/math/createRandomState'
import { nextStandardNormal } from '../../lib/core/math/nextStandardNormal'
import { nextUint32 } from '../../lib/core/math/nextUint32'
import { simulateMerton } from '../../lib/core/pricing/simulateMerton'
import { SECONDS_PER_YEAR } from '../../lib/core/units'
import { assertFinite, assertInRange, assertOneOf, assertPositive } from '../../lib/core/validate'
import { priceFeedId } from '../../lib/feeds/priceFeeds'
import { volatilityFeedId } from '../../lib/feeds/volatilityFeeds'
import type { PublishedPriceUpdate, PublishedVolatilityUpdate } from '../hermes/createHermesServer'
import { assertAssetModel } from './assertAssetModel'
import {
  assetModels,
  maxConfRatio,
  simulatedAssets,
  simulatedPriceRange,
  volatilityIndexRange,
  type AssetModel,
  type SimulatedAsset,
} from './assetModels'
import { badTick, badTickKinds, type BadTickKind } from './badTick'
import { rootMeanSquareVolatility } from './rootMeanSquareVolatility'
import { scheduledMoveReturn, type ScheduledMove } from './scheduledMoveReturn'
import { stepPythEma, type PythEma } from './stepPythEma'
import { stepVolatility } from './stepVolatility'

export type { AssetModel, SimulatedAsset } from './assetModels'
export type { BadTickKind } from './badTick'

/** A price feed the simulator publishes: the three underlyings and USDC. */
export type MarketFeedAsset = SimulatedAsset | 'USDC'

/** A bad update a tick carries instead of the feed's normal one. */
export type MarketFault = { asset: MarketFeedAsset; kind: BadTickKind }

/** Everything the market publishes at one chain time: what the keeper pushes and Hermes streams. */
export type MarketTick = {
  /** Unix seconds of this tick (= publishTime of its normal updates). */
  time: number
  /** Pyth integers, expo −8, in the order BTC, ETH, SOL, USDC, minus stalled feeds; bad ticks substituted. */
  prices: PublishedPriceUpdate[]
  /** Volatility indices, WAD, conf = vol / 100, order BTC, ETH, SOL, minus stalled feeds. */
  volatilities: PublishedVolatilityUpdate[]
  /** The bad updates this tick contains. */
  faults: MarketFault[]
  /** Underlyings whose step contained a shock (a return beyond 4 σ of its diffusion; the vol index spiked). */
  jumps: SimulatedAsset[]
}

/** A crash or pump in progress, chain times in unix seconds. */
export type MarketMove = { asset: SimulatedAsset; percent: number; startTime: number; endTime: number }

/** A feed held silent: no update with publishTime ≤ `until`. */
export type MarketStall = { asset: MarketFeedAsset; feed: 'price' | 'volatility'; until: number }

/** Plain-data view of the simulator for `/demo/state`: true (not published) prices, USD. */
export type MarketSimulatorState = {
  /** Chain time of the last tick (the start time before the first), unix seconds. */
  time: number
  /** Market seconds per chain second of the random path. */
  speed: number
  assets: Record<
    SimulatedAsset,
    {
      /** True simulated price, USD. */
      price: number
      /** Confidence of the last tick's normal update, USD. */
      conf: number
      /** Volatility index now, annualised. */
      vol: number
      /** Its long-run level, annualised. */
      longRunVol: number
      /** Pyth-style EMA price, USD. */
      emaPrice: number
    }
  >
  usdc: { price: number; conf: number; emaPrice: number }
  moves: MarketMove[]
  stalls: MarketStall[]
  /** Bad updates waiting for their feed's next published tick, in the order they go out. */
  pendingBadTicks: MarketFault[]
}

export type MarketSimulator = {
  /**
   * Advances the market to `time` (a whole unix second after the last tick) in ONE exact step,
   * however long — "advance time" by an hour is one draw, not 3,600 — and returns the tick.
   */
  step(time: number): MarketTick
  /**
   * Crash (percent < 0) or pump (> 0): adds ln(1 + percent/100) to the asset's log price, spread
   * evenly over the next `seconds` of chain time, on top of the random path. Moves overlap.
   */
  move(p: { asset: SimulatedAsset; percent: number; seconds: number }): void
  /** Multiplies the asset's volatility index now; it then reverts with the model's half-life. */
  volSpike(p: { asset: SimulatedAsset; factor: number }): void
  /** Omits the feed's updates for ticks up to and including now + seconds. */
  stall(p: { asset: MarketFeedAsset; seconds: number; feed: 'price' | 'volatility' }): void
  /** The feed's next published tick carries this bad update instead of its normal one. */
  injectBadTick(p: { asset: MarketFeedAsset; kind: BadTickKind }): void
  /** A plain-data copy of the simulator's state. */
  state(): MarketSimulatorState
}

export type CreateMarketSimulatorParameters = {
  /** Seed of every random draw (a safe integer). */
  seed: number
  /** Chain time the market starts at, whole unix seconds (≥ 6); the first tick must be later. */
  startTime: number
  /** Overrides of the default {@link assetModels}, field by field. */
  assets?: Partial<Record<SimulatedAsset, Partial<AssetModel>>>
  /** Market seconds per chain second of the random path (> 0); 1 when omitted. */
  speed?: number
}
export type CreateMarketSimulatorReturnType = MarketSimulator
export type CreateMarketSimulatorErrorType = InvalidInputError

/**
 * The devnet's market: a seeded, reproducible model of BTC, ETH and SOL prices with their
 * volatility indices, plus a USDC feed, and the demo's shocks. Pure computation: no chain, no
 * clock, no I/O — the keeper calls `step(blockTimestamp)` and publishes the tick.
 *
 * **Price.** Each step of Δ chain seconds is one exact Merton (1976) jump-diffusion step
 * (`simulateMerton`, no drift) of Δ·speed market seconds, at the root-mean-square of the vol
 * index's expected path over the step (`rootMeanSquareVolatility`; the index itself for a short
 * step), then the scheduled moves' share of the step (`scheduledMoveReturn`). With `speed` s the
 * realised volatility of the path is √s × the index: speed 60 plays an hour's moves in a minute.
 * Moves, the index's reversion and everything else run on chain seconds. The true price stays
 * within `simulatedPriceRange`.
 *
 * **Volatility index.** ln(index / vol) is an Ornstein–Uhlenbeck process (`stepVolatility`):
 * it halves every `volHalfLifeSeconds` and wanders by `volOfVol` per √hour. A shock step — a
 * random log return r more than 4 standard deviations of its diffusion from the mean — raises the
 * log index by `volSpikeSensitivity`·|r|, at most ln 1.07 per step so the index does not trip its
 * own 10 % jump guard (a deliberate `volSpike` may). Deliberate moves are not shocks. The index
 * stays within `volatilityIndexRange`.
 *
 * **Published updates.** Prices as Pyth integers at expo −8; conf = price × confRatio ×
 * (index / vol) × e^(0.2Z − 0.02) (lognormal noise of mean 1), at most 1 % of price; EMA price
 * and conf Pyth-style (`stepPythEma`: inverse-confidence weighted, one-hour half-life of chain
 * time, of the true prices: bad ticks never enter it); `prevPublishTime` the feed's previous
 * normal publish time (0 before its first). USDC is 1 + ε, ε ~ N(0, 0.0002²) clipped to ±0.0009,
 * conf 0.0001. Volatility indices as WAD (to 1e-12) with conf = vol / 100.
 *
 * **Controls** (`move`, `volSpike`, `stall`, `injectBadTick`) act from the last tick's time.
 * A bad tick waits while its feed is stalled; several queue up, one per tick; the true path is
 * unaffected (ticks after it equal those of a market without it). A move of more than ≈ 10 % per
 * tick trips the venue's jump guard, as a real crash does.
 *
 * **Reproducible.** Every underlying draws from its own streams (price, index, confidence) split
 * from `seed`, so the same seed and the same calls give identical ticks, and overriding one
 * asset's model does not change another's path.
 *
 * Every method throws {@link InvalidInputError} naming the field for invalid input, and then
 * changes nothing.
 *
 * @example
 * const market = createMarketSimulator({ seed: 2026, startTime: 1_700_000_000 })
 * market.move({ asset: 'BTC', percent: -15, seconds: 10 }) // the demo's "crash 15"
 * const tick = market.step(1_700_000_001) // push tick.prices on-chain, publish to Hermes
 */
export function createMarketSimulator(parameters: CreateMarketSimulatorParameters): CreateMarketSimulatorReturnType {
  if (typeof parameters !== 'object' || parameters === null) throw new InvalidInputError('parameters', parameters, 'an object')
  const { seed, startTime, assets: overrides = {}, speed = 1 } = parameters
  if (!Number.isSafeInteger(seed)) throw new InvalidInputError('seed', seed, 'a safe integer')
  if (!Number.isSafeInteger(startTime) || startTime < 6)
    throw new InvalidInputError('startTime', startTime, 'a unix time in whole seconds (≥ 6)')
  assertPositive('speed', speed)
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))
    throw new InvalidInputError('assets', overrides, 'an object of model overrides per asset')
  for (const key of Object.keys(overrides)) assertOneOf('assets', key, simulatedAssets)

  const models = {} as Record<SimulatedAsset, AssetModel>
  for (const asset of simulatedAssets) {
    const override: unknown = overrides[asset] ?? {}
    assertAssetModel(`assets.${asset}`, override, { partial: true })
    models[asset] = { ...assetModels[asset], ...(override as Partial<AssetModel>) }
  }

  const streams = createRandomState(seed)
  const split = () => createRandomState(nextUint32(streams) * 2 ** 21 + (nextUint32(streams) >>> 11))
  let assets = {} as Record<SimulatedAsset, AssetPath>
  for (const asset of simulatedAssets) {
    const model = models[asset]
    const conf = model.price * model.confRatio
    assets[asset] = {
      model,
      price: model.price,
      priceRandom: split(),
      volRandom: split(),
      confRandom: split(),
      logGap: 0,
      conf,
      ema: stepPythEma({ ema: undefined, price: model.price, conf, seconds: 1 }),
    }
  }
  let usdc: UsdcPath = { price: 1, random: split(), ema: stepPythEma({ ema: undefined, price: 1, conf: usdcConf, seconds: 1 }) }

  let now = startTime
  let moves: (MarketMove & ScheduledMove)[] = []
  const stalls = new Map<string, MarketStall>()
  let pendingBadTicks: MarketFault[] = []
  const lastPublishTime = new Map<MarketFeedAsset, number>()

  function step(time: number): MarketTick {
    if (!Number.isSafeInteger(time) || time <= now)
      throw new InvalidInputError('time', time, `a unix time in whole seconds after the last tick (${now})`)
    const seconds = time - now
    // Advance copies, so a failure leaves the simulator as it was.
    const nextAssets = {} as Record<SimulatedAsset, AssetPath>
    const jumps: SimulatedAsset[] = []
    for (const asset of simulatedAssets) {
      const assetMoves = moves.filter((candidate) => candidate.asset === asset)
      const { path, shock } = advanceAsset(assets[asset], now, time, speed, assetMoves)
      nextAssets[asset] = path
      if (shock) jumps.push(asset)
    }
    const nextUsdc = advanceUsdc(usdc, seconds)

    const prices: PublishedPriceUpdate[] = []
    const faults: MarketFault[] = []
    let remainingBadTicks = pendingBadTicks
    const published = new Map<MarketFeedAsset, number>()
    for (const asset of priceFeedAssets) {
      if (isStalled(asset, 'price', time)) continue
      const path = asset === 'USDC' ? nextUsdc : nextAssets[asset]
      const conf = asset === 'USDC' ? usdcConf : nextAssets[asset].conf
      const previous = lastPublishTime.get(asset)
      const update: PublishedPriceUpdate = {
        id: priceFeedId(asset),
        price: toPythInteger(path.price),
        conf: toPythInteger(conf),
        expo: pythExpo,
        publishTime: time,
        emaPrice: toPythInteger(path.ema.price),
        emaConf: toPythInteger(path.ema.conf),
        prevPublishTime: previous ?? 0,
      }
      const fault = remainingBadTicks.find((candidate) => candidate.asset === asset)
      if (fault === undefined) {
        prices.push(update)
        published.set(asset, time)
        continue
      }
      remainingBadTicks = remainingBadTicks.filter((candidate) => candidate !== fault)
      prices.push(badTick({ update, kind: fault.kind, previousPublishTime: previous ?? startTime }))
      faults.push({ ...fault })
    }
    const volatilities: PublishedVolatilityUpdate[] = []
    for (const asset of simulatedAssets) {
      if (isStalled(asset, 'volatility', time)) continue
      const volatility = toWad(volOf(nextAssets[asset]))
      volatilities.push({ id: volatilityFeedId(asset), volatility, conf: volatility / 100n, publishTime: time })
    }

    assets = nextAssets
    usdc = nextUsdc
    now = time
    pendingBadTicks = remainingBadTicks
    for (const [asset, publishTime] of published) lastPublishTime.set(asset, publishTime)
    moves = moves.filter((candidate) => candidate.endTime > now)
    for (const [key, candidate] of stalls) if (candidate.until <= now) stalls.delete(key)
    return { time, prices, volatilities, faults, jumps }
  }

  function isStalled(asset: MarketFeedAsset, feed: MarketStall['feed'], time: number): boolean {
    const stalled = stalls.get(`${asset}/${feed}`)
    return stalled !== undefined && time <= stalled.until
  }

  function move(p: { asset: SimulatedAsset; percent: number; seconds: number }): void {
    assertControl(p)
    assertOneOf('asset', p.asset, simulatedAssets)
    assertInRange('percent', p.percent, -100, maxMovePercent)
    if (p.percent === 0 || p.percent === -100)
      throw new InvalidInputError('percent', p.percent, `a move above −100 % and not 0, up to ${maxMovePercent} %`)
    assertPositive('seconds', p.seconds)
    moves.push({
      asset: p.asset,
      percent: p.percent,
      startTime: now,
      endTime: now + p.seconds,
      logReturn: Math.log1p(p.percent / 100),
    })
  }

  function volSpike(p: { asset: SimulatedAsset; factor: number }): void {
    assertControl(p)
    assertOneOf('asset', p.asset, simulatedAssets)
    assertPositive('factor', p.factor)
    const path = assets[p.asset]
    path.logGap = clampLogGap(path.logGap + Math.log(p.factor), path.model.vol)
  }

  function stall(p: { asset: MarketFeedAsset; seconds: number; feed: 'price' | 'volatility' }): void {
    assertControl(p)
    assertOneOf('asset', p.asset, priceFeedAssets)
    assertOneOf('feed', p.feed, stallFeeds)
    if (p.feed === 'volatility' && p.asset === 'USDC')
      throw new InvalidInputError('asset', p.asset, 'BTC, ETH or SOL: USDC has no volatility feed')
    assertPositive('seconds', p.seconds)
    const key = `${p.asset}/${p.feed}`
    const until = now + p.seconds
    const current = stalls.get(key)
    // A second stall of a silent feed extends it; it never shortens one.
    if (current === undefined || current.until < until) stalls.set(key, { asset: p.asset, feed: p.feed, until })
  }

  function injectBadTick(p: { asset: MarketFeedAsset; kind: BadTickKind }): void {
    assertControl(p)
    assertOneOf('asset', p.asset, priceFeedAssets)
    assertOneOf('kind', p.kind, badTickKinds)
    pendingBadTicks = [...pendingBadTicks, { asset: p.asset, kind: p.kind }]
  }

  function state(): MarketSimulatorState {
    const view = {} as MarketSimulatorState['assets']
    for (const asset of simulatedAssets) {
      const path = assets[asset]
      view[asset] = { price: path.price, conf: path.conf, vol: volOf(path), longRunVol: path.model.vol, emaPrice: path.ema.price }
    }
    return {
      time: now,
      speed,
      assets: view,
      usdc: { price: usdc.price, conf: usdcConf, emaPrice: usdc.ema.price },
      moves: moves.map(({ asset, percent, startTime: start, endTime }) => ({ asset, percent, startTime: start, endTime })),
      stalls: [...stalls.values()].map((candidate) => ({ ...candidate })),
      pendingBadTicks: pendingBadTicks.map((fault) => ({ ...fault })),
    }
  }

  return { step, move, volSpike, stall, injectBadTick, state }
}

/** One underlying's path: plain data, replaced (not mutated) by a step. */
type AssetPath = {
  model: AssetModel
  /** True price, USD. */
  price: number
  priceRandom: RandomState
  volRandom: RandomState
  confRandom: RandomState
  /** ln(index / model.vol). */
  logGap: number
  /** Confidence of the latest update, USD. */
  conf: number
  ema: PythEma
}

type UsdcPath = { price: number; random: RandomState; ema: PythEma }

function advanceAsset(
  path: AssetPath,
  from: number,
  to: number,
  speed: number,
  moves: readonly ScheduledMove[],
): { path: AssetPath; shock: boolean } {
  const { model } = path
  const seconds = to - from
  const stepYears = (seconds * speed) / SECONDS_PER_YEAR
  const vol = rootMeanSquareVolatility({ longRunVol: model.vol, logGap: path.logGap, halfLifeSeconds: model.volHalfLifeSeconds, seconds })
  const merton = { price: path.price, random: { ...path.priceRandom } }
  simulateMerton({
    state: merton,
    drift: 0,
    vol,
    jumpIntensity: model.jumpIntensity,
    jumpMeanLog: model.jumpMeanLog,
    jumpVolLog: model.jumpVolLog,
    stepYears,
    steps: 1,
  })
  const randomReturn = Math.log(merton.price / path.price)
  // The step's own diffusion mean and spread (simulateMerton's formula) decide what is a shock.
  const jumpGrowth = Math.expm1(model.jumpMeanLog + 0.5 * model.jumpVolLog ** 2)
  const meanReturn = (-model.jumpIntensity * jumpGrowth - 0.5 * vol * vol) * stepYears
  const shock = Math.abs(randomReturn - meanReturn) > shockSigmas * vol * Math.sqrt(stepYears)
  const movedReturn = scheduledMoveReturn({ moves, from, to })
  const price = clamp(merton.price * Math.exp(movedReturn), simulatedPriceRange.min, simulatedPriceRange.max)

  const volRandom = { ...path.volRandom }
  let logGap = stepVolatility({
    logGap: path.logGap,
    halfLifeSeconds: model.volHalfLifeSeconds,
    volOfVol: model.volOfVol,
    seconds,
    random: volRandom,
  })
  if (shock) logGap += Math.min(model.volSpikeSensitivity * Math.abs(randomReturn), maxShockSpike)
  logGap = clampLogGap(logGap, model.vol)

  const confRandom = { ...path.confRandom }
  const noise = Math.exp(confNoise * nextStandardNormal(confRandom) - 0.5 * confNoise * confNoise)
  const confRatio = Math.min(model.confRatio * Math.exp(logGap) * noise, maxConfRatio)
  const conf = price * confRatio
  const ema = stepPythEma({ ema: path.ema, price, conf, seconds })
  return {
    path: { model, price, priceRandom: merton.random, volRandom, confRandom, logGap, conf, ema },
    shock,
  }
}

function advanceUsdc(path: UsdcPath, seconds: number): UsdcPath {
  const random = { ...path.random }
  const price = 1 + clamp(usdcNoise * nextStandardNormal(random), -usdcMaxDeviation, usdcMaxDeviation)
  return { price, random, ema: stepPythEma({ ema: path.ema, price, conf: usdcConf, seconds }) }
}

function volOf(path: AssetPath): number {
  return path.model.vol * Math.exp(path.logGap)
}

function clampLogGap(logGap: number, longRunVol: number): number {
  return clamp(logGap, Math.log(volatilityIndexRange.min / longRunVol), Math.log(volatilityIndexRange.max / longRunVol))
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

function assertControl(p: unknown): void {
  if (typeof p !== 'object' || p === null) throw new InvalidInputError('parameters', p, 'an object')
}

/** A USD amount as a Pyth integer at expo −8 (prices here are ≥ 1e-6 USD, so never 0). */
function toPythInteger(usd: number): bigint {
  assertFinite('usd', usd)
  return BigInt(Math.round(usd * 1e8))
}

/** An annualised vol as a WAD, exact to 1e-12 (vol ≤ 5, so the scaled value is a safe integer). */
function toWad(vol: number): bigint {
  return BigInt(Math.round(vol * 1e12)) * 1_000_000n
}

const priceFeedAssets: readonly MarketFeedAsset[] = ['BTC', 'ETH', 'SOL', 'USDC']
const stallFeeds: readonly MarketStall['feed'][] = ['price', 'volatility']
const pythExpo = -8
/** A shock is a random return beyond this many diffusion standard deviations (6e-5 of normal steps). */
const shockSigmas = 4
/** Largest log rise of the index from one shock: below the 10 % jump guard with room for its noise. */
const maxShockSpike = Math.log(1.07)
/** Standard deviation of the log noise of a published confidence. */
const confNoise = 0.2
const usdcNoise = 0.0002
const usdcMaxDeviation = 0.0009
const usdcConf = 0.0001
/** Largest pump a control may ask for (a ×101): beyond it is a typo, not a demo. */
const maxMovePercent = 10_000
