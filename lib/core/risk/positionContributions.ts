import { optionPrice } from '../pricing/optionPrice'
import type { OptionPositionRisk, PerpPositionRisk } from './accountRisk'
import { evaluateAccount, type EvaluateAccountErrorType } from './evaluateAccount'
import type { Account, Markets, OptionKind, RiskParams } from './types'

export type PositionContributionsParameters = {
  account: Account
  markets: Markets
  params: RiskParams
}

export type PositionContributionsErrorType = EvaluateAccountErrorType

/** The scenario of an underlying's maintenance grid that sets its MM, as the allocation used it. */
export type ContributionScenario = {
  /** Shocked price S', USD per unit. */
  price: number
  /** Shocked volatility v', annualised. */
  vol: number
  /** Relative price move x (S' = S·(1 + x), floored at 0). */
  priceMove: number
}

/**
 * One position's Greeks and its share of the maintenance margin. USD unless stated; Greeks are the
 * position's (size × per contract) in DESIGN.md §3 units: raw derivatives, the UI converts.
 */
export type PositionContribution = {
  /**
   * Stable across ticks and book reloads while the position is open: `perp:BTC`,
   * `option:BTC:call:62000:1763798400`, `isolated:<id>`; a repeat of the same perp market or
   * option series in the account gets `:2`, `:3`, … in order of appearance.
   */
  key: string
  /** Cross account or an isolated position on its own margin. */
  book: 'cross' | 'isolated'
  /** The venue's isolated-position id; null for a cross position. */
  isolatedId: string | null
  kind: 'perp' | OptionKind
  underlying: string
  /** Signed size, base units (options: contracts, 1 contract = 1 unit). */
  size: number
  /** USD per unit; null for a perp. */
  strike: number | null
  /** Unix seconds; null for a perp. */
  expiry: number | null
  /** |size| · S. */
  notional: number
  /** Units of the underlying (perp: its size). */
  delta: number
  /** delta · S. */
  deltaUsd: number
  /** d²V/dS², per USD (0 for a perp). */
  gamma: number
  /** USD per 1.00 of vol (0 for a perp). */
  vega: number
  /** USD per year of calendar time (0 for a perp). */
  theta: number
  /** The worst maintenance scenario of the book the position is margined in. */
  scenario: ContributionScenario
  /** The position's own P&L in that scenario, relative to its current mark: q·(S' − S) or n·(V(S', v') − V(S, σ)). */
  scenarioPnl: number
  /** −scenarioPnl: what the position adds to (> 0) or offsets of (< 0) the scenario loss. */
  scenarioContribution: number
  /** Its pro-rata part of the short-option contingency (short options only, else 0). */
  contingencyContribution: number
  /** scenarioContribution + contingencyContribution: the position's liquidation contribution. */
  maintenanceContribution: number
  /** maintenanceContribution / totalMaintenanceMargin, a fraction (0 when the total is 0). */
  share: number
}

/** How one cross underlying's MM was allocated. USD. */
export type UnderlyingContribution = {
  /** MM_m as `evaluateAccount` reports it. */
  maintenanceMargin: number
  /** −(worst scenario P&L of the book), the part of MM_m the scenario allocation splits. */
  scenarioLoss: number
  contingency: number
  /** Σ of the positions' contributions; equals MM_m up to float rounding. */
  allocated: number
  scenario: ContributionScenario
}

export type PositionContributionsReturnType = {
  /** Valuation time, unix seconds. */
  now: number
  /** Cross perps (account order), cross options (account order), then isolated positions. */
  positions: PositionContribution[]
  /** Per cross underlying. */
  underlyings: Record<string, UnderlyingContribution>
  /** The cross account's MM (= `evaluateAccount(...).maintenanceMargin`). */
  crossMaintenanceMargin: number
  /** Σ of the isolated positions' own MM. */
  isolatedMaintenanceMargin: number
  /** cross + isolated: the denominator of `share`. */
  totalMaintenanceMargin: number
}

/**
 * Each position's **liquidation contribution**: the part of the maintenance margin it is
 * responsible for, with its Greeks (DESIGN.md §4.2, §4.7 "what drives their margin").
 *
 * Definition. A cross underlying's requirement is `MM_m = L_m + C_m` with `L_m = −min PnL` over
 * the 27 maintenance scenarios and `C_m` the short-option contingency (`underlyingRisk`). The
 * scenario loss is allocated by each position's own P&L in the worst scenario (S', v') — the one
 * `evaluateAccount` reports as `worstMaintenanceScenario`:
 * ```
 * perp      scenarioPnl_i = q_i · (S' − S)
 * option    scenarioPnl_i = n_i · (V_i(S', v') − V_i(S, σ))      (Black-Scholes, same valuation time; intrinsic once expired)
 * scenario_i    = −scenarioPnl_i                                  Σ_i scenario_i = L_m
 * contingency_i = C_m · |n_i| / Σ_{short j} |n_j|                 short options only; Σ_i = C_m
 * contribution_i = scenario_i + contingency_i                     Σ_i contribution_i = MM_m
 * share_i       = contribution_i / (MM_cross + Σ MM_isolated)
 * ```
 * A hedge offsets: its contribution is negative when it gains in the scenario that sets the
 * requirement. This is the Euler allocation of the scenario loss (Tasche, "Risk contributions and
 * performance measurement", 1999; the worst-scenario rule of CME SPAN-style portfolio margin):
 * `L_m = −PnL(worst)` is positively homogeneous in the sizes, and by the envelope theorem its
 * derivative in size n_i is `−PnL_i(worst)/n_i`, so `Σ n_i ∂L/∂n_i` is exactly the split above
 * (ignoring the `sizeSlope` term of the range and ties between scenarios). An isolated position is
 * margined alone: its contribution is its own MM (its worst scenario's loss).
 *
 * Contributions within an underlying sum to `MM_m` up to float rounding (~1e-12 of the book's
 * size: the grid prices call/put pairs through put-call parity, this prices each position alone).
 *
 * @param account Sizes in base units, collateral in asset units.
 * @param markets Oracle state at `markets.now` (unix seconds).
 * @param params Risk parameters, e.g. `defaultRiskParams`.
 * @throws {PositionContributionsErrorType} For invalid input, as `evaluateAccount` (`validateAccount`).
 *
 * @example
 * // evaluateAccount's example book: 1 BTC long at 60,000 USD, vol 0.5.
 * const { positions } = positionContributions({ account, markets, params: defaultRiskParams })
 * positions[0] // { key: 'perp:BTC', scenarioPnl: −965.19 (USD, at the −1.61 % move), maintenanceContribution: 965.19, share: 1, … }
 * // Add a long BTC put and its contribution is negative: it gains in the scenario that sets the MM.
 */
export function positionContributions({ account, markets, params }: PositionContributionsParameters): PositionContributionsReturnType {
  const risk = evaluateAccount(account, markets, params)
  const rate = params.riskFreeRate
  const keys = new Map<string, number>()
  const uniqueKey = (base: string) => {
    const seen = (keys.get(base) ?? 0) + 1
    keys.set(base, seen)
    return seen === 1 ? base : `${base}:${seen}`
  }

  const underlyings: Record<string, UnderlyingContribution> = {}
  const shortContracts: Record<string, number> = {}
  for (const [name, book] of Object.entries(risk.underlyings)) {
    const worst = book.worstMaintenanceScenario
    underlyings[name] = {
      maintenanceMargin: book.maintenanceMargin,
      scenarioLoss: Math.max(0, -worst.pnl),
      contingency: book.contingency,
      allocated: 0,
      scenario: { price: worst.price, vol: worst.vol, priceMove: worst.priceMove },
    }
    shortContracts[name] = 0
  }
  for (const option of risk.options) if (option.size < 0) shortContracts[option.underlying]! -= option.size

  const positions: PositionContribution[] = []
  for (const perp of risk.perps) {
    const { scenario } = underlyings[perp.underlying]!
    positions.push(perpContribution(perp, uniqueKey(`perp:${perp.underlying}`), 'cross', null, scenario, 0))
  }
  for (const option of risk.options) {
    const book = underlyings[option.underlying]!
    const { scenario } = book
    const spot = risk.underlyings[option.underlying]!.price
    const vol = risk.underlyings[option.underlying]!.vol
    const scenarioPnl = option.size * (optionValue(option, scenario.price, scenario.vol, rate) - optionValue(option, spot, vol, rate))
    const shorts = shortContracts[option.underlying]!
    const contingencyContribution = option.size < 0 && shorts > 0 ? (book.contingency * -option.size) / shorts : 0
    positions.push({
      key: uniqueKey(`option:${option.underlying}:${option.kind}:${option.strike}:${option.expiry}`),
      book: 'cross',
      isolatedId: null,
      kind: option.kind,
      underlying: option.underlying,
      size: option.size,
      strike: option.strike,
      expiry: option.expiry,
      notional: option.notional,
      delta: option.delta,
      deltaUsd: option.deltaUsd,
      gamma: option.gamma,
      vega: option.vega,
      theta: option.theta,
      scenario,
      scenarioPnl,
      scenarioContribution: -scenarioPnl,
      contingencyContribution,
      maintenanceContribution: -scenarioPnl + contingencyContribution,
      share: 0,
    })
  }
  for (const position of positions) underlyings[position.underlying]!.allocated += position.maintenanceContribution

  let isolatedMaintenanceMargin = 0
  for (const isolated of risk.isolated) {
    const worst = isolated.risk.worstMaintenanceScenario
    const scenario = { price: worst.price, vol: worst.vol, priceMove: worst.priceMove }
    positions.push(perpContribution(isolated.position, `isolated:${isolated.id}`, 'isolated', isolated.id, scenario, isolated.risk.contingency))
    isolatedMaintenanceMargin += isolated.maintenanceMargin
  }

  const totalMaintenanceMargin = risk.maintenanceMargin + isolatedMaintenanceMargin
  if (totalMaintenanceMargin > 0) for (const position of positions) position.share = position.maintenanceContribution / totalMaintenanceMargin
  return {
    now: risk.now,
    positions,
    underlyings,
    crossMaintenanceMargin: risk.maintenanceMargin,
    isolatedMaintenanceMargin,
    totalMaintenanceMargin,
  }
}

function perpContribution(
  perp: PerpPositionRisk,
  key: string,
  book: PositionContribution['book'],
  isolatedId: string | null,
  scenario: ContributionScenario,
  contingency: number,
): PositionContribution {
  const scenarioPnl = perp.size * (scenario.price - perp.markPrice)
  return {
    key,
    book,
    isolatedId,
    kind: 'perp',
    underlying: perp.underlying,
    size: perp.size,
    strike: null,
    expiry: null,
    notional: perp.notional,
    delta: perp.delta,
    deltaUsd: perp.deltaUsd,
    gamma: 0,
    vega: 0,
    theta: 0,
    scenario,
    scenarioPnl,
    scenarioContribution: -scenarioPnl,
    // A perp book has no short options: its contingency is 0 (kept for an isolated book's completeness).
    contingencyContribution: contingency,
    maintenanceContribution: -scenarioPnl + contingency,
    share: 0,
  }
}

/**
 * Value per contract at (S, v), the way the margin grid values it: Black-Scholes-Merton with no
 * dividend yield; intrinsic once expired; the S → 0 limits (call 0, put K·e^(−rT)) at a floored price.
 */
function optionValue(option: OptionPositionRisk, spot: number, vol: number, rate: number): number {
  if (option.expired) return option.kind === 'call' ? Math.max(0, spot - option.strike) : Math.max(0, option.strike - spot)
  if (spot <= 0) return option.kind === 'call' ? 0 : option.strike * Math.exp(-rate * option.years)
  return optionPrice({ kind: option.kind, spot, strike: option.strike, years: option.years, rate, dividendYield: 0, vol })
}
