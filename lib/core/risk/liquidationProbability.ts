import { InvalidInputError } from '../errors'
import { barrierHitProbability } from '../math/barrierHitProbability'
import { createRandomState } from '../math/createRandomState'
import { simulateMerton, type MertonPathState } from '../pricing/simulateMerton'
import { SECONDS_PER_YEAR } from '../units'
import { assertInRange, assertNonNegative, assertPositive } from '../validate'
import { accountRisk } from './accountRisk'
import { assertSearchRange, defaultSearchRange, type SearchRange } from './assertSearchRange'
import { cushionRoots } from './cushionRoots'
import { exposedUnderlyings } from './exposedUnderlyings'
import { marginCushion, type MarginCushionReturnType, type MarginCushionTarget } from './marginCushion'
import { prepareAccount } from './prepareAccount'
import type { Account, Markets, RiskParams } from './types'
import { validateAccount, type ValidateAccountErrorType } from './validateAccount'

/** Merton (1976) jumps of one underlying: log-jump sizes ~ N(meanLog, volLog²) arriving at `intensity` per year. */
export type JumpParameters = {
  /** Expected jumps per year, λ (>= 0). */
  intensity: number
  /** Mean log jump size μ_J (−0.05: a typical jump is −4.9 %). */
  meanLog: number
  /** Standard deviation of the log jump size δ (>= 0). */
  volLog: number
}

export type LiquidationProbabilityParameters = {
  account: Account
  markets: Markets
  params: RiskParams
  /** Horizon, seconds (> 0): e.g. 3_600 (1 h), 86_400 (24 h), 604_800 (7 d). */
  horizonSeconds: number
  /** The cross account (default) or one isolated position, by id. */
  isolatedId?: string
  /** Jumps per underlying (default: none, pure diffusion). */
  jumps?: Record<string, JumpParameters>
  /** Expected growth rate μ of every price, per year (default 0: prices are martingales). */
  drift?: number
  /** Correlation of the diffusions of different underlyings, in [0, 1] (default 0.75). */
  correlation?: number
  /** Monte Carlo paths (default 10,000: a standard error of at most 0.005; it falls as 1/√paths). */
  paths?: number
  /** Monte Carlo time steps over the horizon (default: one per 10 minutes, between 12 and 144). */
  steps?: number
  /** Seed of the Monte Carlo (default 1): the same inputs and seed give the same estimate. */
  seed?: number
  /** Prices searched for liquidation, as multiples of the current price (default 0.01 to 100). */
  searchRange?: SearchRange
}

/** How the probability was obtained. */
export type LiquidationProbabilityMethod =
  /** First passage of geometric Brownian motion to the liquidation price(s), closed form. */
  | 'analytic'
  /** Seeded Monte Carlo of jump-diffusion paths (`simulateMerton`), with its standard error. */
  | 'monteCarlo'
  /** Equity is already below MM: probability 1. */
  | 'alreadyLiquidatable'
  /** Nothing in the book depends on any price: probability 0. */
  | 'noExposure'

export type LiquidationProbabilityReturnType = {
  /** Estimated probability in [0, 1] that equity falls below MM within the horizon. An estimate, not a promise. */
  probability: number
  /** Standard error of the estimate (0 when analytic or certain). */
  standardError: number
  method: LiquidationProbabilityMethod
  /** What the estimate assumes, in a trader's words, for the UI to show beside it. */
  assumptions: string[]
  horizonSeconds: number
  /** Monte Carlo paths and steps used (0 when not simulated). */
  paths: number
  steps: number
}

export type LiquidationProbabilityErrorType = ValidateAccountErrorType | InvalidInputError

/** Interpolation table of one underlying's contribution to the cushion, over ln(price / S). */
type CushionTable = { from: number; step: number; values: Float64Array }

/** One underlying's contribution to the cushion, `cushion(λ) − cushion(1)`, as a function of u = ln λ. */
type Contribution = (logMultiplier: number) => number

const tablePoints = 257

/**
 * Probability that the cross account (or an isolated position) is liquidated — equity falls below
 * maintenance margin (DESIGN.md §4.4) — at some time within a horizon, when prices follow a
 * jump-diffusion with today's volatility index as volatility. An estimate for the UI, returned
 * with its method, its standard error and its assumptions.
 *
 * The book is held as it is: time, vol and funding frozen at today's values, so the cushion
 * `A − MM` is a function of prices alone (`marginCushion`), additive across underlyings
 * (DESIGN.md §4.2: no offsets across underlyings); liquidation is the first time it is < 0.
 *
 * - One exposed underlying and no jumps (the common retail case): liquidation is the first
 *   passage of the log-price, a Brownian motion with drift ν = μ − σ²/2, to ln(S_liq/S) below
 *   and/or above (the liquidation prices of `cushionRoots`). Closed form (`barrierHitProbability`):
 *   one barrier by the reflection principle (Shreve, "Stochastic Calculus for Finance II", §7.2.2),
 *   two by the method of images.
 * - One exposed underlying with jumps: Monte Carlo of Merton paths (`simulateMerton`, exact per
 *   step) against the same barriers, with the Brownian-bridge crossing probability
 *   `exp(−2(x_i − b)(x_{i+1} − b)/(σ²Δ))` between steps (Glasserman, "Monte Carlo Methods in
 *   Financial Engineering", §6.4): the estimator averages 1 − Π(1 − p_i) over paths.
 * - Several exposed underlyings: Monte Carlo of correlated paths — one common standard Brownian
 *   factor (a driftless unit `simulateMerton` path) plus each underlying's own Merton path with
 *   diffusion σ√(1 − ρ) and its jumps, log-returns combined exactly so each underlying keeps vol σ,
 *   drift μ and its jumps, diffusions correlated ρ, jumps independent — checked against the
 *   cushion at every step (each underlying's contribution interpolated in ln price on a
 *   257-point table spanning ±8 horizon standard deviations, jumps included); this discrete
 *   monitoring slightly underestimates. A book without options needs no table: its cushion is
 *   an exact quadratic in the price (see `marginCushion`).
 *
 * @throws {LiquidationProbabilityErrorType} invalid input, horizon <= 0, negative jump intensity
 *   or jump vol, correlation outside [0, 1], non-integer paths/steps, an unknown isolated id.
 *
 * @example
 * // long 1 BTC from 60,000 on 10,000 USDC, BTC at 60,000, vol 0.5: liquidated below 50,817
 * liquidationProbability({ account, markets, params: defaultRiskParams, horizonSeconds: 86_400 })
 * // { probability: 2.38e-10, standardError: 0, method: 'analytic', assumptions: [...], ... }
 */
export function liquidationProbability(parameters: LiquidationProbabilityParameters): LiquidationProbabilityReturnType {
  const { account, markets, params, horizonSeconds, isolatedId } = parameters
  validateAccount(account, markets, params)
  assertPositive('horizonSeconds', horizonSeconds)
  const drift = parameters.drift ?? 0
  assertInRange('drift', drift, -100, 100)
  const correlation = parameters.correlation ?? 0.75
  assertInRange('correlation', correlation, 0, 1)
  const paths = parameters.paths ?? 10_000
  if (!Number.isSafeInteger(paths) || paths < 1 || paths > 1e7) throw new InvalidInputError('paths', paths, 'an integer from 1 to 10,000,000')
  const seed = parameters.seed ?? 1
  if (!Number.isSafeInteger(seed)) throw new InvalidInputError('seed', seed, 'a safe integer')
  const range = parameters.searchRange ?? defaultSearchRange
  assertSearchRange(range)
  const jumps = parameters.jumps ?? {}
  if (typeof jumps !== 'object' || jumps === null) throw new InvalidInputError('jumps', jumps, 'an object of jump parameters per underlying')
  for (const [underlying, jump] of Object.entries(jumps)) {
    if (typeof jump !== 'object' || jump === null) throw new InvalidInputError(`jumps.${underlying}`, jump, 'jump parameters')
    assertNonNegative(`jumps.${underlying}.intensity`, jump.intensity)
    assertInRange(`jumps.${underlying}.meanLog`, jump.meanLog, -5, 5)
    assertInRange(`jumps.${underlying}.volLog`, jump.volLog, 0, 5)
  }
  const years = horizonSeconds / SECONDS_PER_YEAR
  const steps = parameters.steps ?? Math.min(144, Math.max(12, Math.ceil(horizonSeconds / 600)))
  if (!Number.isSafeInteger(steps) || steps < 1 || steps > 1e5) throw new InvalidInputError('steps', steps, 'an integer from 1 to 100,000')

  const isolatedIndex = isolatedId === undefined ? -1 : account.isolated.findIndex((p) => p.id === isolatedId)
  if (isolatedId !== undefined && isolatedIndex < 0) throw new InvalidInputError('isolatedId', isolatedId, 'the id of an isolated position of the account')

  const prepared = prepareAccount(account, markets, params)
  const risk = accountRisk(account, markets, params, { prepared })
  const underlyings =
    isolatedIndex >= 0
      ? [(account.isolated[isolatedIndex] as Account['isolated'][number]).perp.underlying]
      : exposedUnderlyings(account, markets, prepared)
  const cushionOf = (target: MarginCushionTarget) => marginCushion({ risk, prepared, markets, params, target })
  const targetFor = (moved: readonly string[]): MarginCushionTarget =>
    isolatedIndex >= 0 ? { kind: 'isolated', index: isolatedIndex } : { kind: 'cross', underlyings: moved }

  const base = { horizonSeconds, paths: 0, steps: 0, standardError: 0 }
  const whole = cushionOf(targetFor(underlyings))
  if (whole.atSpot < 0) return { ...base, probability: 1, method: 'alreadyLiquidatable', assumptions: ['Equity is already below maintenance margin.'] }
  const perUnderlying = underlyings.map((underlying) => ({ underlying, cushion: cushionOf(targetFor([underlying])) })).filter((u) => u.cushion.exposed)
  if (perUnderlying.length === 0) return { ...base, probability: 0, method: 'noExposure', assumptions: ['Nothing in the book depends on a price.'] }

  const assumptions = [
    `Prices move as ${perUnderlying.some(({ underlying }) => hasJumps(jumps[underlying])) ? 'a jump-diffusion (Merton 1976)' : 'geometric Brownian motion'} with today's volatility index as volatility and ${drift === 0 ? 'no drift' : `a drift of ${drift} per year`}.`,
    'The book, time to expiry, volatility and funding stay as they are now over the horizon (no option decay).',
    `Liquidation prices beyond ${range.low}× and ${range.high}× the current price are ignored.`,
  ]

  if (perUnderlying.length === 1) {
    const { underlying, cushion } = perUnderlying[0] as (typeof perUnderlying)[number]
    const market = markets.underlyings[underlying] as Markets['underlyings'][string]
    const roots = cushionRoots({ cushion, minMultiplier: range.low, maxMultiplier: range.high })
    const lower = roots.below.multiplier === null ? -Infinity : Math.log(roots.below.multiplier)
    const upper = roots.above.multiplier === null ? Infinity : Math.log(roots.above.multiplier)
    const jump = jumps[underlying]
    if (!hasJumps(jump)) {
      const probability = barrierHitProbability({ drift: drift - 0.5 * market.vol * market.vol, vol: market.vol, years, lower, upper })
      assumptions.push('Continuous monitoring: closed-form first-passage probability of the liquidation price(s).')
      return { ...base, probability, method: 'analytic', assumptions }
    }
    assumptions.push(
      `${underlying} jumps ${jump.intensity} times a year on average, log size N(${jump.meanLog}, ${jump.volLog}²).`,
      `Monte Carlo, ${paths} paths of ${steps} steps, Brownian-bridge correction between steps.`,
    )
    const estimate = simulateBarrier({ spot: market.price, vol: market.vol, drift, jump, years, steps, paths, seed, lower, upper })
    return { ...base, ...estimate, paths, steps, method: 'monteCarlo', assumptions: withRuleOfThree(assumptions, estimate.probability, paths) }
  }

  assumptions.push(
    `Different underlyings' diffusions are correlated ${correlation}; their jumps are independent.`,
    ...perUnderlying.filter(({ underlying }) => hasJumps(jumps[underlying])).map(({ underlying }) => {
      const jump = jumps[underlying] as JumpParameters
      return `${underlying} jumps ${jump.intensity} times a year on average, log size N(${jump.meanLog}, ${jump.volLog}²).`
    }),
    `Monte Carlo, ${paths} paths of ${steps} steps, checked at each step (slightly underestimates).`,
  )
  // Books without options have an exact quadratic cushion; those with options are tabulated.
  const contributions = perUnderlying.map(({ underlying, cushion }): Contribution => {
    const market = markets.underlyings[underlying] as Markets['underlyings'][string]
    const quadratic = cushion.quadratic
    if (quadratic !== null) {
      const { c0, c1, c2, validUpTo } = quadratic
      const exact = (u: number) => {
        const multiplier = Math.exp(u)
        return multiplier <= validUpTo ? c0 + multiplier * (c1 + multiplier * c2) - cushion.atSpot : cushion.at(multiplier) - cushion.atSpot
      }
      return exact
    }
    const table = cushionTable(cushion, market.vol, jumps[underlying], drift, years, range)
    return (u) => lookup(table, u)
  })
  const estimate = simulateBook({
    atSpot: whole.atSpot,
    underlyings: perUnderlying.map(({ underlying }, i) => ({
      market: markets.underlyings[underlying] as Markets['underlyings'][string],
      jump: jumps[underlying],
      contribution: contributions[i] as Contribution,
    })),
    drift,
    correlation,
    years,
    steps,
    paths,
    seed,
  })
  return { ...base, ...estimate, paths, steps, method: 'monteCarlo', assumptions: withRuleOfThree(assumptions, estimate.probability, paths) }
}

/** With no liquidated path the standard error is 0 but the probability is not: say how small it is. */
function withRuleOfThree(assumptions: string[], probability: number, paths: number): string[] {
  if (probability > 0) return assumptions
  return [...assumptions, `No simulated path was liquidated: the probability is below about ${3 / paths} (95 % confidence, the rule of three).`]
}

function hasJumps(jump: JumpParameters | undefined): jump is JumpParameters {
  return jump !== undefined && jump.intensity > 0
}

type BarrierSimulation = {
  spot: number
  vol: number
  drift: number
  jump: JumpParameters
  years: number
  steps: number
  paths: number
  seed: number
  /** ln(S_liq / S) below (or −Infinity) and above (or +Infinity). */
  lower: number
  upper: number
}

/** One underlying, Merton paths, barriers in ln price with the Brownian-bridge correction. */
function simulateBarrier(s: BarrierSimulation): { probability: number; standardError: number } {
  const stepYears = s.years / s.steps
  const bridge = 2 / (s.vol * s.vol * stepYears)
  const path = new Float64Array(s.steps)
  const state: MertonPathState = { price: s.spot, random: createRandomState(s.seed) }
  let sum = 0
  let sumSquares = 0
  for (let p = 0; p < s.paths; p++) {
    state.price = s.spot
    simulateMerton({ state, drift: s.drift, vol: s.vol, jumpIntensity: s.jump.intensity, jumpMeanLog: s.jump.meanLog, jumpVolLog: s.jump.volLog, stepYears, steps: s.steps, path })
    let survival = 1
    let previous = 0
    for (let i = 0; i < s.steps && survival > 0; i++) {
      const x = Math.log((path[i] as number) / s.spot)
      if (x <= s.lower || x >= s.upper) survival = 0
      else {
        // Probability the diffusion between the two observations touched a barrier.
        const below = s.lower === -Infinity ? 0 : Math.exp(-bridge * (previous - s.lower) * (x - s.lower))
        const above = s.upper === Infinity ? 0 : Math.exp(-bridge * (s.upper - previous) * (s.upper - x))
        survival *= (1 - below) * (1 - above)
      }
      previous = x
    }
    const hit = 1 - survival
    sum += hit
    sumSquares += hit * hit
  }
  return meanAndError(sum, sumSquares, s.paths)
}

/**
 * Tabulates one underlying's contribution to the cushion, `cushion(λ) − cushion(1)`, over
 * u = ln λ ∈ [−W, W], W = 8 horizon standard deviations of the log-price (diffusion and jumps)
 * plus the drift, capped by the search range.
 */
function cushionTable(
  cushion: MarginCushionReturnType,
  vol: number,
  jump: JumpParameters | undefined,
  drift: number,
  years: number,
  range: SearchRange,
): CushionTable {
  const jumpVariance = hasJumps(jump) ? jump.intensity * years * (jump.meanLog * jump.meanLog + jump.volLog * jump.volLog) : 0
  const spread = 8 * Math.sqrt(vol * vol * years + jumpVariance) + Math.abs(drift) * years
  const from = Math.max(Math.log(range.low), -spread)
  const to = Math.min(Math.log(range.high), spread)
  const step = (to - from) / (tablePoints - 1)
  const values = new Float64Array(tablePoints)
  for (let i = 0; i < tablePoints; i++) values[i] = cushion.at(Math.exp(from + i * step)) - cushion.atSpot
  return { from, step, values }
}

/** Linear interpolation in the table; flat beyond its ends. */
function lookup(table: CushionTable, u: number): number {
  const position = (u - table.from) / table.step
  if (position <= 0) return table.values[0] as number
  if (position >= tablePoints - 1) return table.values[tablePoints - 1] as number
  const i = Math.floor(position)
  const w = position - i
  return (table.values[i] as number) * (1 - w) + (table.values[i + 1] as number) * w
}

type BookSimulation = {
  atSpot: number
  underlyings: { market: Markets['underlyings'][string]; jump: JumpParameters | undefined; contribution: Contribution }[]
  drift: number
  correlation: number
  years: number
  steps: number
  paths: number
  seed: number
}

/**
 * Several underlyings: per step, the common factor's log-return f = −Δ/2 + √Δ·Z₀ (a unit,
 * driftless path) and each underlying's own Merton log-return i_m with diffusion σ√(1 − ρ) give
 * r_m = i_m + σ√ρ·(f + Δ/2) − ρσ²Δ/2: diffusion σ, correlation ρ, drift and jumps unchanged.
 */
function simulateBook(s: BookSimulation): { probability: number; standardError: number } {
  const stepYears = s.years / s.steps
  const factorPath = new Float64Array(s.steps)
  const factor: MertonPathState = { price: 1, random: createRandomState(s.seed) }
  const own = s.underlyings.map((u, i) => ({
    ...u,
    state: { price: 1, random: createRandomState(s.seed + 7_919 * (i + 1)) } as MertonPathState,
    path: new Float64Array(s.steps),
    loading: u.market.vol * Math.sqrt(s.correlation),
    ownVol: u.market.vol * Math.sqrt(1 - s.correlation),
  }))
  let hits = 0
  for (let p = 0; p < s.paths; p++) {
    factor.price = 1
    simulateMerton({ state: factor, drift: 0, vol: 1, jumpIntensity: 0, jumpMeanLog: 0, jumpVolLog: 0, stepYears, steps: s.steps, path: factorPath })
    for (const u of own) {
      u.state.price = 1
      simulateMerton({
        state: u.state,
        drift: s.drift,
        vol: u.ownVol,
        jumpIntensity: u.jump?.intensity ?? 0,
        jumpMeanLog: u.jump?.meanLog ?? 0,
        jumpVolLog: u.jump?.volLog ?? 0,
        stepYears,
        steps: s.steps,
        path: u.path,
      })
    }
    let hit = false
    for (let i = 0; i < s.steps && !hit; i++) {
      // Cumulative log factor: ln F_i = −t_i/2 + W_i, so W_i = ln F_i + t_i/2.
      const brownian = Math.log(factorPath[i] as number) + 0.5 * (i + 1) * stepYears
      let cushion = s.atSpot
      for (const u of own) {
        const logPrice = Math.log(u.path[i] as number) + u.loading * brownian - 0.5 * u.loading * u.loading * (i + 1) * stepYears
        cushion += u.contribution(logPrice)
      }
      if (cushion < 0) hit = true
    }
    if (hit) hits++
  }
  return meanAndError(hits, hits, s.paths)
}

function meanAndError(sum: number, sumSquares: number, n: number): { probability: number; standardError: number } {
  const mean = sum / n
  const variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0
  const probability = Math.min(1, Math.max(0, mean))
  return { probability, standardError: Math.sqrt(variance / n) }
}
