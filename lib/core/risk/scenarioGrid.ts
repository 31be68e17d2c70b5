import { InvalidInputError, UnknownMarketError } from '../errors'
import { accountRisk, type AccountRiskReturnType } from './accountRisk'
import { prepareAccount } from './prepareAccount'
import type { Account, Markets, RiskParams } from './types'
import { validateAccount, type ValidateAccountErrorType } from './validateAccount'

export type ScenarioGridParameters = {
  /** The account, sizes in base units, collateral in asset units. */
  account: Account
  /** Oracle state at `markets.now` (unix seconds), prices USD. */
  markets: Markets
  /** Risk parameters, e.g. `defaultRiskParams`. */
  params: RiskParams
  /** The underlying whose price and volatility are shocked, e.g. `'ETH'`. */
  underlying: string
  /**
   * Relative price moves (fractions: −0.1 = −10 %), each in (−1, 10]. Default: 13 moves from
   * −30 % to +30 % in steps of 5 %. The venue's 9 maintenance moves and 0 are always added.
   */
  priceMoves?: readonly number[]
  /**
   * Relative volatility shocks (fractions: 0.3 = the volatility index × 1.3), each in (−1, 10].
   * Default: −40 %, −20 %, 0, +30 %, +60 %. The venue's −volDown, 0 and +volUp are always added.
   */
  volShocks?: readonly number[]
}

/** One scenario: the underlying moved by `priceMove` and its volatility by `volShock`, everything else held. USD unless stated. */
export type ScenarioCell = {
  /** Relative price move x, a fraction (−0.1 = −10 %). */
  priceMove: number
  /** Relative vol shock, a fraction (0.3 = vol × 1.3). */
  volShock: number
  /** Shocked price S · (1 + x), USD per unit. */
  price: number
  /** Shocked volatility sigma · (1 + volShock), annualised. */
  vol: number
  /** Change of the cross account's equity: `positionsPnl + collateralPnl`. */
  pnl: number
  /** P&L of the cross positions in the underlying alone: perps linear, options repriced (the venue grid's P&L). */
  positionsPnl: number
  /** Change of the collateral's value (WETH and wstETH move with ETH, after haircut). */
  collateralPnl: number
  /** Change of the equity of the isolated positions in the underlying (not part of the cross figures). */
  isolatedPnl: number
  /** Cross equity in the scenario. */
  equity: number
  /** Cross maintenance margin in the scenario (re-evaluated at the shocked price and vol). */
  maintenanceMargin: number
  /** MM / equity in the scenario (`Infinity` when equity <= 0 with a requirement; 1.0 = liquidation). */
  marginRatio: number
  /** equity < MM in the scenario. */
  liquidatable: boolean
  /** One of the venue's 27 maintenance scenarios of this underlying (DESIGN.md §4.2). */
  venueScenario: boolean
}

/** A price × volatility grid for one underlying. USD unless stated. */
export type ScenarioGridReturnType = {
  underlying: string
  /** Valuation time, unix seconds (the same in every scenario: no theta). */
  now: number
  /** Current oracle price S, USD per unit. */
  price: number
  /** Current volatility index sigma, annualised. */
  vol: number
  /** Current cross equity. */
  equity: number
  /** Current cross maintenance margin. */
  maintenanceMargin: number
  /** Current margin ratio MM / equity. */
  marginRatio: number
  /** The venue's maintenance range M_mm (fraction of price) for the book in this underlying; `null` when the cross book holds nothing in it (no venue grid). */
  maintenanceRange: number | null
  /** Sorted ascending, fractions: the columns. */
  priceMoves: number[]
  /** Sorted ascending, fractions: the rows. */
  volShocks: number[]
  /** `cells[i][j]`: vol shock `volShocks[i]`, price move `priceMoves[j]`. */
  cells: ScenarioCell[][]
  /** The venue scenario with the lowest `positionsPnl` (first in grid order on ties); `null` without a venue grid. */
  worstVenueScenario: ScenarioCell | null
}

export type ScenarioGridErrorType = ValidateAccountErrorType | InvalidInputError | UnknownMarketError

/** −30 % … +30 % in steps of 5 %, each exact (i / 20, not i · 0.05). */
const defaultPriceMoves = Array.from({ length: 13 }, (_, i) => (i - 6) / 20)
const defaultVolShocks = [-0.4, -0.2, 0, 0.3, 0.6]
/** Enough for any display; bounds the worker's work per request (each cell is one evaluation). */
const maxPriceMoves = 64
const maxVolShocks = 16
const maxShock = 10
/** The validated volatility domain (validateAccount): a shock may not leave it. */
const minVol = 1e-4
const maxVol = 100

/**
 * The scenario heatmap of DESIGN.md §4.7 for one underlying of an account: every combination of
 * a relative price move and a relative volatility shock of that underlying, with the account's
 * P&L and the margin figures it would have there. Other underlyings are held fixed, so each cell
 * is an estimate for a move of this market alone.
 *
 * For a move x and shock v, with S and sigma the current price and volatility index:
 * ```
 * S' = S · (1 + x)        sigma' = sigma · (1 + v)        valuation time unchanged (no theta)
 * collateral linked to the underlying (WETH, wstETH ↔ ETH): price and conf × (1 + x)
 * cell = accountRisk(account, markets with S', sigma' and the linked collateral moved)
 * pnl  = A' − A = Σ_perps q · (S' − S) + Σ_options n · (V(S', sigma') − V(S, sigma)) + collateral change
 * ```
 * (V the Black-Scholes-Merton value, intrinsic once expired, as `accountRisk` values options).
 * MM, margin ratio and `liquidatable` are a full re-evaluation of the account at the shocked
 * markets — its own vol-scaled range and 27 scenarios around S' — independent of the grid here.
 *
 * The columns always include the venue's 9 maintenance moves `x_i = M_mm · (i − 4) / 4` (computed
 * exactly as the venue's grid computes them) and the rows its vol states `{−volDown, 0, +volUp}`,
 * so the venue's 27 scenarios are cells (`venueScenario`); their lowest `positionsPnl` is the
 * venue's worst-scenario P&L, `−(MM_m − contingency_m)` when it is a loss (DESIGN.md §4.2). A venue
 * move of −100 % or beyond (a range over 100 %, possible only for huge books) is left out: no
 * account can be evaluated at a price of 0.
 *
 * Sources: DESIGN.md §4.1 (equity), §4.2 (the venue's grid), §4.7 (scenario grids for display);
 * the display follows the price × vol risk arrays of CME SPAN and Deribit's portfolio margin.
 *
 * @param parameters See {@link ScenarioGridParameters}.
 * @throws {ScenarioGridErrorType} `UnknownMarketError` for an underlying the markets or params do
 *   not know; `InvalidInputError` for a move or shock out of range (or one that takes the
 *   volatility out of [0.0001, 100]), or too many of them (64 moves, 16 shocks); anything
 *   `validateAccount` throws for an invalid account or market state.
 *
 * @example
 * const grid = scenarioGrid({ account, markets, params: defaultRiskParams, underlying: 'ETH' })
 * grid.cells[0][0] // { priceMove: −0.3, volShock: −0.4, pnl: −12_345.6 (USD), marginRatio: 0.84, liquidatable: false, … }
 */
export function scenarioGrid({ account, markets, params, underlying, priceMoves, volShocks }: ScenarioGridParameters): ScenarioGridReturnType {
  const market = markets.underlyings[underlying]
  if (market === undefined || params.markets[underlying] === undefined) throw new UnknownMarketError(underlying)
  checkShocks('priceMoves', priceMoves, maxPriceMoves)
  checkShocks('volShocks', volShocks, maxVolShocks)

  validateAccount(account, markets, params)
  const prepared = prepareAccount(account, markets, params)
  const base = accountRisk(account, markets, params, { prepared })
  const book = base.underlyings[underlying]
  const maintenanceRange = book === undefined ? null : book.maintenanceRange

  // The venue's grid, computed as worstScenarioPoint computes it, so membership is exact equality.
  const venueMoves = maintenanceRange === null ? [] : Array.from({ length: 9 }, (_, i) => (maintenanceRange * (i - 4)) / 4).filter((x) => x > -1)
  const venueShocks = maintenanceRange === null ? [] : [-params.volDown, 0, params.volUp]
  const moves = sortedUnique([...(priceMoves ?? defaultPriceMoves), ...venueMoves, 0])
  const shocks = sortedUnique([...(volShocks ?? defaultVolShocks), ...venueShocks, 0])
  for (const shock of shocks) {
    const vol = market.vol * (1 + shock)
    if (!(vol >= minVol && vol <= maxVol)) throw new InvalidInputError('volShocks', shock, `a shock keeping the volatility in [${minVol}, ${maxVol}] (it is ${market.vol})`)
  }

  let worstVenueScenario: ScenarioCell | null = null
  const cells = shocks.map((volShock) =>
    moves.map((priceMove) => {
      const shocked = movedMarkets(markets, underlying, priceMove, volShock)
      const moved = accountRisk(account, shocked, params, { prepared, previous: base })
      const venueScenario = venueMoves.includes(priceMove) && venueShocks.includes(volShock)
      const cell = scenarioCell(base, moved, shocked.underlyings[underlying] as Markets['underlyings'][string], { underlying, priceMove, volShock, venueScenario })
      if (cell.venueScenario && (worstVenueScenario === null || cell.positionsPnl < worstVenueScenario.positionsPnl)) worstVenueScenario = cell
      return cell
    }),
  )

  return {
    underlying,
    now: markets.now,
    price: market.price,
    vol: market.vol,
    equity: base.equity,
    maintenanceMargin: base.maintenanceMargin,
    marginRatio: base.marginRatio,
    maintenanceRange,
    priceMoves: moves,
    volShocks: shocks,
    cells,
    worstVenueScenario,
  }
}

function checkShocks(field: string, values: readonly number[] | undefined, maxCount: number): void {
  if (values === undefined) return
  if (!Array.isArray(values) || values.length > maxCount) throw new InvalidInputError(field, values, `an array of at most ${maxCount} numbers`)
  values.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= -1 || value > maxShock)
      throw new InvalidInputError(`${field}[${i}]`, value, `a fraction above −1 and at most ${maxShock}`)
  })
}

function sortedUnique(values: number[]): number[] {
  const sorted = values.map((value) => (value === 0 ? 0 : value)).sort((a, b) => a - b) // −0 reads as 0
  return sorted.filter((value, i) => i === 0 || value !== sorted[i - 1])
}

/** `markets` with the underlying's price × (1 + x) and vol × (1 + v); linked collateral price and conf × (1 + x). */
function movedMarkets(markets: Markets, underlying: string, priceMove: number, volShock: number): Markets {
  const market = markets.underlyings[underlying] as Markets['underlyings'][string]
  const factor = 1 + priceMove
  const collateral: Markets['collateral'] = {}
  for (const [asset, quote] of Object.entries(markets.collateral))
    collateral[asset] = quote.linkedUnderlying === underlying && priceMove !== 0 ? { ...quote, price: quote.price * factor, conf: quote.conf * factor } : quote
  return {
    now: markets.now,
    underlyings: { ...markets.underlyings, [underlying]: { ...market, price: market.price * factor, vol: market.vol * (1 + volShock) } },
    collateral,
  }
}

type CellPosition = { underlying: string; priceMove: number; volShock: number; venueScenario: boolean }

function scenarioCell(
  base: AccountRiskReturnType,
  moved: AccountRiskReturnType,
  shocked: Markets['underlyings'][string],
  { underlying, priceMove, volShock, venueScenario }: CellPosition,
): ScenarioCell {
  // Per position, so the P&L of the shocked underlying is not the difference of two large totals.
  let positionsPnl = (moved.underlyings[underlying]?.optionValue ?? 0) - (base.underlyings[underlying]?.optionValue ?? 0)
  moved.perps.forEach((perp, i) => {
    if (perp.underlying === underlying) positionsPnl += perp.unrealizedPnl - (base.perps[i] as AccountRiskReturnType['perps'][number]).unrealizedPnl
  })
  let collateralPnl = 0
  for (const [asset, valuation] of Object.entries(moved.collateral)) collateralPnl += valuation.value - (base.collateral[asset]?.value ?? 0)
  let isolatedPnl = 0
  moved.isolated.forEach((position, i) => {
    if (position.position.underlying === underlying) isolatedPnl += position.equity - (base.isolated[i] as AccountRiskReturnType['isolated'][number]).equity
  })
  return {
    priceMove,
    volShock,
    price: shocked.price,
    vol: shocked.vol,
    pnl: positionsPnl + collateralPnl,
    positionsPnl,
    collateralPnl,
    isolatedPnl,
    equity: moved.equity,
    maintenanceMargin: moved.maintenanceMargin,
    marginRatio: moved.marginRatio,
    liquidatable: moved.liquidatable,
    venueScenario,
  }
}
