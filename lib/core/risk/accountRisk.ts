import { prepareAccount, type PreparedAccount, type PreparedBook } from './prepareAccount'
import { settlementAsset } from './settlementAsset'
import type { Account, Markets, OptionKind, PerpPosition, RiskParams } from './types'
import { underlyingRisk, type UnderlyingRiskReturnType } from './underlyingRisk'

/** How one collateral balance counts towards equity (DESIGN.md §4.1). */
export type CollateralValuation = {
  /** Asset units (only USDC may be negative). */
  balance: number
  /** Oracle price, USD per unit. */
  price: number
  /** Oracle confidence, USD per unit. */
  conf: number
  /** Price the balance is valued at: `max(0, price − conf)` for an asset, `price + conf` for a (negative) liability. */
  valuationPrice: number
  /** Haircut applied: the asset's haircut for a positive balance, 0 for a liability. */
  haircut: number
  /** USD counted in equity: `balance · valuationPrice · (1 − haircut)`. */
  value: number
}

/** A perp position's figures. USD unless stated. */
export type PerpPositionRisk = {
  underlying: string
  /** Signed size, base units. */
  size: number
  /** USD per unit. */
  entryPrice: number
  /** Oracle price S, USD per unit. */
  markPrice: number
  /** |size| · S. */
  notional: number
  /** |size| · entryPrice. */
  entryNotional: number
  /** size · (S − entryPrice), before funding. */
  unrealizedPnl: number
  /** unrealizedPnl / entryNotional, a fraction (0.125 = +12.5 %). */
  unrealizedPnlRatio: number
  /** size · (F − lastFundingIndex): owed by the position when > 0, due to it when < 0. */
  fundingOwed: number
  /** Units of the underlying (= size). */
  delta: number
  /** size · S. */
  deltaUsd: number
}

/** An option position's figures. USD unless stated; Greeks are the position's (size × per contract). */
export type OptionPositionRisk = {
  underlying: string
  kind: OptionKind
  /** USD per unit. */
  strike: number
  /** Unix seconds. */
  expiry: number
  /** Years to expiry (0 once expired). */
  years: number
  /** Expired, not yet settled: valued at intrinsic value. */
  expired: boolean
  /** Signed contracts. */
  size: number
  /** Mark, USD per contract. */
  mark: number
  /** size · mark (an asset when long, a liability when short). */
  value: number
  /** Underlying notional |size| · S. */
  notional: number
  /** Premium per contract at entry, when known. */
  entryPrice: number | null
  /** size · (mark − entryPrice); null without an entry price. */
  unrealizedPnl: number | null
  /** unrealizedPnl / (|size| · entryPrice), a fraction; null without an entry price or when it is 0. */
  unrealizedPnlRatio: number | null
  /** Units of the underlying. */
  delta: number
  /** delta · S. */
  deltaUsd: number
  /** Per USD. */
  gamma: number
  /** USD per 1.00 of vol. */
  vega: number
  /** USD per year. */
  theta: number
  /** USD per 1.00 of rate. */
  rho: number
}

/** An isolated position evaluated on its own USDC margin alone (DESIGN.md §4.3). USD unless stated. */
export type IsolatedPositionRisk = {
  id: string
  position: PerpPositionRisk
  /** Isolated margin, USDC units. */
  marginBalance: number
  /** The margin valued like USDC collateral. */
  marginValue: number
  /** marginValue + unrealizedPnl − fundingOwed. */
  equity: number
  maintenanceMargin: number
  initialMargin: number
  /** MM / equity, with the conventions of {@link AccountRiskReturnType.marginRatio}. */
  marginRatio: number
  /** equity − IM. */
  freeCollateral: number
  /** notional / equity, with the conventions of {@link AccountRiskReturnType.grossLeverage}. */
  leverage: number
  /** equity < MM. */
  liquidatable: boolean
  /** The margin grid of the position alone. */
  risk: UnderlyingRiskReturnType
}

export type AccountRiskCache = {
  /** From `prepareAccount`; used only if it was prepared from this account's arrays, `markets.now` and rate. */
  prepared?: PreparedAccount
  /**
   * A previous result for the same params (not checked) and book (checked cheaply: series count
   * and gross notional). An underlying whose price and vol are unchanged (and, if it holds
   * options, `markets.now` too) keeps its margin, Greeks and series figures from it instead of
   * re-running its 54 scenarios: exactly the figures a full evaluation gives (the very same
   * objects: treat results as immutable). Collateral, PnL, funding, totals and isolated positions
   * are always recomputed.
   */
  previous?: AccountRiskReturnType
}

/**
 * The cross account's figures, the positions' figures and each isolated position's figures.
 * Amounts in USD unless stated. Cross figures exclude isolated positions and their margin.
 */
export type AccountRiskReturnType = {
  /** Valuation time, unix seconds. */
  now: number
  /** A = collateralValue + perpPnl − fundingOwed + optionValue. */
  equity: number
  /** Σ_c balance_c · valuationPrice_c · (1 − haircut_c). */
  collateralValue: number
  /** Σ q · (S − entry) over cross perps. */
  perpPnl: number
  /** Σ q · (F − f) over cross perps (owed by the account when > 0). */
  fundingOwed: number
  /** Σ n · mark over options. */
  optionValue: number
  /** Per collateral asset held. */
  collateral: Record<string, CollateralValuation>
  /** MM = Σ_m MM_m. */
  maintenanceMargin: number
  /** IM = Σ_m IM_m. */
  initialMargin: number
  /**
   * MM / A (1.0 = liquidation). When there is no requirement (MM = 0) and A >= 0 it is 0; when
   * A <= 0 otherwise it is `Infinity`. So `marginRatio > 1` exactly when `liquidatable`.
   */
  marginRatio: number
  /** A − IM (negative: the account can only reduce risk). */
  freeCollateral: number
  /** Σ |notional| over cross positions (perps |q|·S, options |n|·S) = Σ_m G_m. */
  grossNotional: number
  /** grossNotional / A; 0 without positions, `Infinity` with positions and A <= 0. */
  grossLeverage: number
  /** Σ_m |D_m| · S_m, D_m the net delta in units. */
  netDeltaNotional: number
  /** netDeltaNotional / A; 0 when delta-neutral, `Infinity` with delta and A <= 0. */
  netLeverage: number
  /** A < MM. */
  liquidatable: boolean
  /** One entry per underlying of the cross book. */
  underlyings: Record<string, UnderlyingRiskReturnType>
  /** Same order as `account.perps`. */
  perps: PerpPositionRisk[]
  /** Same order as `account.options`. */
  options: OptionPositionRisk[]
  /** Same order as `account.isolated`. */
  isolated: IsolatedPositionRisk[]
}

/**
 * Evaluates an account under the risk model v1 (DESIGN.md §4): equity and its parts, initial and
 * maintenance margin per underlying and in total, margin ratio, free collateral, leverage and the
 * liquidation flag; per position its notional, PnL, funding and Greeks; each isolated position
 * on its own margin. This is the fast core: it trusts its input (run `validateAccount` first, or
 * call `evaluateAccount`), so solvers can call it in loops.
 *
 * Equity (DESIGN.md §4.1), cross book only:
 * ```
 * collateralValue = Σ_c balance_c · (price_c − conf_c) · (1 − haircut_c)   for balance_c > 0
 *                 + Σ_c balance_c · (price_c + conf_c)                     for balance_c < 0 (USDC only)
 * perpPnl     = Σ q · (S − entry)      fundingOwed = Σ q · (F − f)      optionValue = Σ n · mark
 * A           = collateralValue + perpPnl − fundingOwed + optionValue
 * ```
 * `price − conf` is floored at 0 (a confidence wider than the price makes the asset worthless,
 * never a liability). Margin per underlying is `underlyingRisk` (the 27-scenario grid); MM and IM
 * are the sums over underlyings, with no offsets across them (DESIGN.md §4.2). Then (§4.4)
 * `marginRatio = MM / A`, `freeCollateral = A − IM`, `grossLeverage = Σ|notional| / A`,
 * `netLeverage = Σ_m |D_m| · S_m / A`, `liquidatable = A < MM`, with the A <= 0 conventions
 * documented on {@link AccountRiskReturnType}: no figure is ever NaN.
 *
 * An isolated position uses the same formulas on itself alone: its equity is its USDC margin
 * valued like USDC collateral plus its PnL minus its funding owed, its margin comes from a grid
 * of that position only, and it is not part of any cross figure.
 *
 * @param account Sizes in base units, collateral in asset units.
 * @param markets Oracle state at `markets.now` (unix seconds); prices USD.
 * @param params Risk parameters (DESIGN.md §4.2 defaults: `defaultRiskParams`).
 * @param cache `prepared` (from `prepareAccount`) and `previous` (an earlier result) to skip work; results are the same without it.
 *
 * @example
 * const risk = accountRisk(account, markets, defaultRiskParams)
 * risk.equity // USD
 * risk.marginRatio // 0.42: 42 % of the way to liquidation
 * // Per tick, with the book prepared once and only BTC's price changed:
 * const next = accountRisk(account, tickedMarkets, defaultRiskParams, { prepared, previous: risk })
 */
export function accountRisk(
  account: Account,
  markets: Markets,
  params: RiskParams,
  cache: AccountRiskCache = {},
): AccountRiskReturnType {
  const prepared = usablePrepared(cache.prepared, account, markets, params) ?? prepareAccount(account, markets, params)
  const previous = cache.previous

  let collateralValue = 0
  const collateral: Record<string, CollateralValuation> = {}
  for (const asset of Object.keys(account.collateral)) {
    const valuation = valueCollateral(account.collateral[asset] as number, asset, markets, params)
    collateral[asset] = valuation
    collateralValue += valuation.value
  }

  const underlyings: Record<string, UnderlyingRiskReturnType> = {}
  let maintenanceMargin = 0
  let initialMargin = 0
  let grossNotional = 0
  let netDeltaNotional = 0
  let optionValue = 0
  for (const underlying of Object.keys(prepared.underlyings)) {
    const book = prepared.underlyings[underlying] as PreparedBook
    const market = markets.underlyings[underlying] as Markets['underlyings'][string]
    const earlier = previous?.underlyings[underlying]
    const risk =
      earlier !== undefined && canReuse(earlier, book, market, previous?.now === markets.now)
        ? earlier
        : underlyingRisk({ book, market, marketParams: params.markets[underlying] as RiskParams['markets'][string], params })
    underlyings[underlying] = risk
    maintenanceMargin += risk.maintenanceMargin
    initialMargin += risk.initialMargin
    grossNotional += risk.grossNotional
    netDeltaNotional += Math.abs(risk.netDeltaUsd)
    optionValue += risk.optionValue
  }

  let perpPnl = 0
  let fundingOwed = 0
  const perps = account.perps.map((perp) => {
    const position = perpRisk(perp, markets)
    perpPnl += position.unrealizedPnl
    fundingOwed += position.fundingOwed
    return position
  })

  const options = account.options.map((option, i): OptionPositionRisk => {
    const risk = underlyings[option.underlying] as UnderlyingRiskReturnType
    const series = risk.series[prepared.optionSeriesIndex[i] as number] as UnderlyingRiskReturnType['series'][number]
    const n = option.size
    const entryPrice = option.entryPrice ?? null
    const unrealizedPnl = entryPrice === null ? null : n * (series.mark - entryPrice)
    const entryNotional = entryPrice === null ? 0 : Math.abs(n) * entryPrice
    return {
      underlying: option.underlying,
      kind: option.kind,
      strike: option.strike,
      expiry: option.expiry,
      years: series.years,
      expired: series.expired,
      size: n,
      mark: series.mark,
      value: n * series.mark,
      notional: Math.abs(n) * risk.price,
      entryPrice,
      unrealizedPnl,
      unrealizedPnlRatio: unrealizedPnl === null || entryNotional === 0 ? null : unrealizedPnl / entryNotional,
      delta: n * series.delta,
      deltaUsd: n * series.delta * risk.price,
      gamma: n * series.gamma,
      vega: n * series.vega,
      theta: n * series.theta,
      rho: n * series.rho,
    }
  })

  const isolated = account.isolated.map((position, i): IsolatedPositionRisk => {
    const perp = perpRisk(position.perp, markets)
    const marginValue = valueCollateral(position.margin, settlementAsset, markets, params).value
    const underlying = position.perp.underlying
    const risk = underlyingRisk({
      book: prepared.isolated[i] as PreparedBook,
      market: markets.underlyings[underlying] as Markets['underlyings'][string],
      marketParams: params.markets[underlying] as RiskParams['markets'][string],
      params,
    })
    const equity = marginValue + perp.unrealizedPnl - perp.fundingOwed
    return {
      id: position.id,
      position: perp,
      marginBalance: position.margin,
      marginValue,
      equity,
      maintenanceMargin: risk.maintenanceMargin,
      initialMargin: risk.initialMargin,
      marginRatio: marginRatio(risk.maintenanceMargin, equity),
      freeCollateral: equity - risk.initialMargin,
      leverage: leverage(perp.notional, equity),
      liquidatable: equity < risk.maintenanceMargin,
      risk,
    }
  })

  const equity = collateralValue + perpPnl - fundingOwed + optionValue
  return {
    now: markets.now,
    equity,
    collateralValue,
    perpPnl,
    fundingOwed,
    optionValue,
    collateral,
    maintenanceMargin,
    initialMargin,
    marginRatio: marginRatio(maintenanceMargin, equity),
    freeCollateral: equity - initialMargin,
    grossNotional,
    grossLeverage: leverage(grossNotional, equity),
    netDeltaNotional,
    netLeverage: leverage(netDeltaNotional, equity),
    liquidatable: equity < maintenanceMargin,
    underlyings,
    perps,
    options,
    isolated,
  }
}

function usablePrepared(
  prepared: PreparedAccount | undefined,
  account: Account,
  markets: Markets,
  params: RiskParams,
): PreparedAccount | undefined {
  if (prepared === undefined) return undefined
  const { source } = prepared
  return source.perps === account.perps &&
    source.options === account.options &&
    source.isolated === account.isolated &&
    prepared.now === markets.now &&
    prepared.riskFreeRate === params.riskFreeRate
    ? prepared
    : undefined
}

/**
 * An earlier underlying result is exact for this evaluation when its inputs are the same: price,
 * vol and, for a book with options, the valuation time. The book itself is compared cheaply
 * (series count, gross notional); params cannot be, hence the caller's promise on `previous`.
 */
function canReuse(earlier: UnderlyingRiskReturnType, book: PreparedBook, market: Markets['underlyings'][string], sameTime: boolean): boolean {
  return (
    earlier.price === market.price &&
    earlier.vol === market.vol &&
    (sameTime || book.series.length === 0) &&
    earlier.series.length === book.series.length &&
    earlier.grossNotional === market.price * (book.perpGrossSize + book.optionGrossSize)
  )
}

function valueCollateral(balance: number, asset: string, markets: Markets, params: RiskParams): CollateralValuation {
  const { price, conf } = markets.collateral[asset] as Markets['collateral'][string]
  if (balance < 0) {
    const valuationPrice = price + conf
    return { balance, price, conf, valuationPrice, haircut: 0, value: balance * valuationPrice }
  }
  const valuationPrice = Math.max(0, price - conf)
  const haircut = (params.collateral[asset] as RiskParams['collateral'][string]).haircut
  return { balance, price, conf, valuationPrice, haircut, value: balance * valuationPrice * (1 - haircut) }
}

function perpRisk(perp: PerpPosition, markets: Markets): PerpPositionRisk {
  const market = markets.underlyings[perp.underlying] as Markets['underlyings'][string]
  const q = perp.size
  const unrealizedPnl = q * (market.price - perp.entryPrice)
  const entryNotional = Math.abs(q) * perp.entryPrice
  return {
    underlying: perp.underlying,
    size: q,
    entryPrice: perp.entryPrice,
    markPrice: market.price,
    notional: Math.abs(q) * market.price,
    entryNotional,
    unrealizedPnl,
    unrealizedPnlRatio: entryNotional > 0 ? unrealizedPnl / entryNotional : 0,
    fundingOwed: q * (market.fundingIndex - perp.lastFundingIndex),
    delta: q,
    deltaUsd: q * market.price,
  }
}

/** MM / A; 0 when nothing is required and A >= 0; Infinity when A <= 0 otherwise (DESIGN.md §4.4). */
function marginRatio(maintenanceMargin: number, equity: number): number {
  if (maintenanceMargin === 0 && equity >= 0) return 0
  if (equity <= 0) return Infinity
  return maintenanceMargin / equity
}

/** exposure / A; 0 without exposure; Infinity with exposure and A <= 0. */
function leverage(exposure: number, equity: number): number {
  if (exposure === 0) return 0
  if (equity <= 0) return Infinity
  return exposure / equity
}
