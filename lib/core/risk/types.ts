/**
 * Plain-data types of the risk model (DESIGN.md §4). Shared by the engine, the worker, the
 * chain adapters (which convert the venue's fixed point into these) and the venue parity tests.
 *
 * Units (DESIGN.md §3): prices and values in USD; sizes in base units of the underlying, signed
 * (long > 0); times in unix seconds; volatilities annualised (0.6 = 60 %/yr); rates per year,
 * continuously compounded.
 */

/** Call or put. */
export type OptionKind = 'call' | 'put'

/** A perpetual position. */
export type PerpPosition = {
  /** Underlying market, e.g. `'BTC'`. */
  underlying: string
  /** Signed size in base units; long > 0, short < 0. Never 0 for an open position. */
  size: number
  /** Average entry price, USD per unit. */
  entryPrice: number
  /**
   * The market's cumulative funding index (USD per unit) when funding was last settled into
   * this position: `f_m` in DESIGN.md §4.1. Funding owed = size × (F_now − f_m).
   */
  lastFundingIndex: number
}

/** A European, cash-settled option position (1 contract = 1 unit of the underlying). */
export type OptionPosition = {
  underlying: string
  kind: OptionKind
  /** Strike, USD per unit. */
  strike: number
  /** Expiry, unix seconds. */
  expiry: number
  /** Signed number of contracts; long > 0 (an asset), short < 0 (a liability). */
  size: number
  /**
   * Average premium per contract at entry, USD (paid when long, received when short), when
   * known. Without it the option's unrealized PnL is reported as `null`.
   */
  entryPrice?: number
  /** The venue's series id, when it has one. */
  seriesId?: string
}

/**
 * A position isolated with its own margin (DESIGN.md §4.3). Its margin is a USDC balance,
 * valued like USDC collateral; the same formulas apply to the position and its margin alone.
 */
export type IsolatedPosition = {
  /** Stable id, unique within the account (the venue's isolated-position id). */
  id: string
  /** Isolated margin, in USDC units (not USD). */
  margin: number
  perp: PerpPosition
}

/**
 * One trader's account at the venue. The cross book shares one collateral pool.
 *
 * Collateral balances are in asset units (1 WETH = 1). Only the settlement asset (USDC) may be
 * negative: realized losses, fees and funding are settled into it. A negative balance is a
 * liability and is valued at `price + conf` with no haircut (the conservative side).
 */
export type Account = {
  collateral: Record<string, number>
  perps: PerpPosition[]
  options: OptionPosition[]
  isolated: IsolatedPosition[]
}

/** Live state of one underlying market (oracle, volatility index, funding). */
export type MarketState = {
  /** Oracle price S, USD per unit. */
  price: number
  /** Oracle confidence interval, USD per unit (>= 0). */
  conf: number
  /** Volatility index sigma: annualised implied volatility, e.g. 0.6. */
  vol: number
  /** Cumulative funding index F, USD per unit, accrued up to `Markets.now`. */
  fundingIndex: number
}

/** Oracle price of a collateral asset. */
export type CollateralPrice = {
  /** USD per unit (for wstETH: ETH price × its exchange rate). */
  price: number
  /** Confidence interval, USD per unit (>= 0). */
  conf: number
  /**
   * The underlying whose price drives this asset's value, if any (WETH and wstETH: `'ETH'`).
   * Liquidation-price searches move this asset's price (and conf) in proportion to it.
   */
  linkedUnderlying?: string
}

/** Everything the engine needs to know about the markets at one instant. */
export type Markets = {
  /** Valuation time, unix seconds (options: years to expiry = (expiry − now) / 31,536,000). */
  now: number
  underlyings: Record<string, MarketState>
  collateral: Record<string, CollateralPrice>
}

/** Per-underlying parameters (DESIGN.md §4.2, §4.5). */
export type MarketParams = {
  /** Floor of the maintenance price range, fraction of price (BTC 0.005). */
  mmFloor: number
  /** Added to the range per USD of the account's gross notional in this underlying (1e-9). */
  sizeSlope: number
  /** Skew (base units) at which the funding velocity and fill premium saturate. */
  skewScale: number
  /** Maximum funding-rate velocity, per day per day. */
  maxFundingVelocity: number
  /** Taker fee, fraction of the fill notional. */
  takerFee: number
}

/** Per-collateral parameters. */
export type CollateralParams = {
  /** Fraction of value not counted as collateral (WETH 0.10). */
  haircut: number
}

/** The risk model's parameters; DESIGN.md §4 defaults are in `defaultRiskParams`. */
export type RiskParams = {
  /** Number of horizon standard deviations the maintenance range covers (3). */
  z: number
  /** Horizon of the range, seconds (3600). */
  horizonSeconds: number
  /** IM range = imMultiplier × MM range (2). */
  imMultiplier: number
  /** Relative volatility shock up in the MM scenarios (0.30: sigma × 1.3). */
  volUp: number
  /** Relative volatility shock down in the MM scenarios (0.20: sigma × 0.8). */
  volDown: number
  /** `k` of DESIGN.md §4.2: IM vol shocks are k·volUp and min(k·volDown, maxImVolDown) (2). */
  imVolShockMultiplier: number
  /** Cap on the IM vol-down shock (0.5). */
  maxImVolDown: number
  /** Contingency per net short option contract, fraction of spot (0.001). */
  shortOptionContingency: number
  /** Partial liquidation restores A >= MM × (1 + liqBuffer) (0.10). */
  liqBuffer: number
  /** Below A < backstopRatio × MM everything is closed (2/3). */
  backstopRatio: number
  /** Liquidation fee, fraction of closed notional; half to the liquidator (0.005). */
  liqFee: number
  /** Risk-free rate used to price options, per year, continuous (0). */
  riskFreeRate: number
  markets: Record<string, MarketParams>
  collateral: Record<string, CollateralParams>
}
