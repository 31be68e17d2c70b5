import { SECONDS_PER_YEAR } from '../units'
import type { AccountRiskReturnType } from './accountRisk'
import type { PreparedAccount, PreparedBook } from './prepareAccount'
import type { MarketParams, MarketState, Markets, RiskParams } from './types'
import { underlyingMaintenanceMargin } from './underlyingMaintenanceMargin'

/** Which book's cushion: the cross account with some of its underlyings moving, or one isolated position. */
export type MarginCushionTarget =
  | { kind: 'cross'; /** The underlyings whose prices all move by the same factor. */ underlyings: readonly string[] }
  | { kind: 'isolated'; /** Index into `account.isolated`. */ index: number }

export type MarginCushionParameters = {
  /** `accountRisk` of the account at the current prices. */
  risk: AccountRiskReturnType
  /** The `prepareAccount` of the same account, `markets.now` and rate. */
  prepared: PreparedAccount
  markets: Markets
  params: RiskParams
  target: MarginCushionTarget
}

/** `c0 + c1·λ + c2·λ²`, USD; exact for `λ` in (0, validUpTo]. */
export type CushionQuadratic = { c0: number; c1: number; c2: number; validUpTo: number }

export type MarginCushionReturnType = {
  /** Equity − MM at the current prices (λ = 1), USD. Negative: liquidatable now. */
  atSpot: number
  /**
   * Equity − MM, USD, when the moved underlyings' prices (and the collateral linked to them,
   * price and conf alike) are multiplied by `multiplier` (> 0), everything else fixed.
   */
  at: (multiplier: number) => number
  /** False when nothing in the target depends on the moved prices (the cushion is constant). */
  exposed: boolean
  /**
   * The cushion as a polynomial in λ when the moved books hold no options: perps are linear in
   * λ and each book's MM = |Q|·λS·M(λ) with M = M0 + sizeSlope·g·λS (DESIGN.md §4.2), so it is
   * quadratic. A long book's loss is capped at 100 % of its value once M > 1 (prices floor at
   * 0), so the polynomial holds up to `validUpTo`. Null with options in a moved book.
   */
  quadratic: CushionQuadratic | null
}

type MovedBook = {
  book: PreparedBook
  market: MarketState
  marketParams: MarketParams
  /** The book's option value and MM at λ = 1. */
  optionValue: number
  maintenanceMargin: number
}

/**
 * The margin cushion (equity − maintenance margin) of a cross account or of one isolated
 * position as a function of one common price multiplier λ applied to a set of underlyings —
 * the function whose roots are liquidation prices (one underlying) and the correlated-move
 * liquidation (all of them). Internal to the liquidation solvers.
 *
 * Equity and MM separate by underlying (DESIGN.md §4.1–4.2: no offsets across underlyings),
 * so only the moved books are revalued:
 * ```
 * cushion(λ) = (A − MM)(1) + (Σ_moved Q_m·S_m + Σ_linked collateral value)·(λ − 1)
 *            + Σ_moved [optionValue_m(λS_m) − optionValue_m(S_m)] − [MM_m(λS_m) − MM_m(S_m)]
 * ```
 * Collateral linked to a moved underlying (WETH, wstETH → ETH) has its price and conf scaled by
 * λ, so its value `balance·max(0, price − conf)·(1 − haircut)` scales by λ exactly. Funding,
 * time and vol are held fixed. `optionValue_m` and `MM_m` come from `underlyingMaintenanceMargin`,
 * which shares its grid code with the `underlyingRisk` that `accountRisk` runs and gives the same
 * figures bit for bit, so the cushion is exactly what a re-evaluation at the moved prices gives
 * (up to rounding in the sum above), without the IM grid and the Greeks a root search never reads.
 *
 * Input is assumed valid and consistent (risk and prepared from the same account and markets).
 *
 * @example
 * const prepared = prepareAccount(account, markets, params)
 * const risk = accountRisk(account, markets, params, { prepared })
 * const btc = marginCushion({ risk, prepared, markets, params, target: { kind: 'cross', underlyings: ['BTC'] } })
 * btc.at(0.9) // equity − MM (USD) if BTC were 10 % lower
 */
export function marginCushion({ risk, prepared, markets, params, target }: MarginCushionParameters): MarginCushionReturnType {
  let atSpot: number
  let linear = 0
  const books: MovedBook[] = []

  if (target.kind === 'isolated') {
    const position = risk.isolated[target.index] as AccountRiskReturnType['isolated'][number]
    const underlying = position.position.underlying
    atSpot = position.equity - position.maintenanceMargin
    linear = position.position.size * position.position.markPrice
    books.push({
      book: prepared.isolated[target.index] as PreparedBook,
      market: markets.underlyings[underlying] as MarketState,
      marketParams: params.markets[underlying] as MarketParams,
      optionValue: 0,
      maintenanceMargin: position.maintenanceMargin,
    })
  } else {
    atSpot = risk.equity - risk.maintenanceMargin
    const moved = new Set(target.underlyings)
    for (const underlying of target.underlyings) {
      const book = prepared.underlyings[underlying]
      if (book === undefined) continue
      const market = markets.underlyings[underlying] as MarketState
      const current = risk.underlyings[underlying] as AccountRiskReturnType['underlyings'][string]
      linear += book.perpSize * market.price
      books.push({
        book,
        market,
        marketParams: params.markets[underlying] as MarketParams,
        optionValue: current.optionValue,
        maintenanceMargin: current.maintenanceMargin,
      })
    }
    for (const asset of Object.keys(risk.collateral)) {
      const linked = markets.collateral[asset]?.linkedUnderlying
      if (linked !== undefined && moved.has(linked)) linear += (risk.collateral[asset] as AccountRiskReturnType['collateral'][string]).value
    }
  }

  const at = (multiplier: number): number => {
    let cushion = atSpot + linear * (multiplier - 1)
    for (const moved of books) {
      const market = { ...moved.market, price: multiplier * moved.market.price }
      const revalued = underlyingMaintenanceMargin({ book: moved.book, market, marketParams: moved.marketParams, params })
      cushion += revalued.optionValue - moved.optionValue - (revalued.maintenanceMargin - moved.maintenanceMargin)
    }
    return cushion
  }

  const exposed = linear !== 0 || books.some(({ book }) => book.series.length > 0 || book.perpSize !== 0)
  return { atSpot, at, exposed, quadratic: quadratic(atSpot, linear, books, params) }
}

function quadratic(atSpot: number, linear: number, books: readonly MovedBook[], params: RiskParams): CushionQuadratic | null {
  // cushion(λ) = atSpot + linear·(λ − 1) − Σ (MM_m(λ) − MM_m(1)), MM_m(λ) = |Q|·λS·(M0 + s·g·λS)
  let c0 = atSpot - linear
  let c1 = linear
  let c2 = 0
  let validUpTo = Infinity
  for (const { book, market, marketParams, maintenanceMargin } of books) {
    if (book.series.length > 0) return null
    const exposure = Math.abs(book.perpSize) * market.price
    const floorRange = Math.max(marketParams.mmFloor, params.z * market.vol * Math.sqrt(params.horizonSeconds / SECONDS_PER_YEAR))
    const slope = marketParams.sizeSlope * (book.perpGrossSize + book.optionGrossSize) * market.price
    c0 += maintenanceMargin
    c1 -= exposure * floorRange
    c2 -= exposure * slope
    if (book.perpSize > 0) {
      // A long book's worst scenario is the −M move, floored at a price of 0: M = 1 caps it.
      if (floorRange >= 1) return null
      if (slope > 0) validUpTo = Math.min(validUpTo, (1 - floorRange) / slope)
    }
  }
  return { c0, c1, c2, validUpTo }
}
