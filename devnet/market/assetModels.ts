/** The three underlyings the devnet's market simulator moves (USDC is a flat stablecoin feed beside them). */
export type SimulatedAsset = 'BTC' | 'ETH' | 'SOL'

/** The underlyings in a fixed order: the simulator draws and publishes them in this order. */
export const simulatedAssets: readonly SimulatedAsset[] = ['BTC', 'ETH', 'SOL']

/**
 * How one underlying moves in the devnet's market (see `createMarketSimulator`). Times are
 * seconds, rates per year of 365 days, volatilities annualised (0.55 = 55 %/yr).
 */
export type AssetModel = {
  /** Starting price, USD per unit (> 0). */
  price: number
  /**
   * Starting and long-run level of the volatility index, annualised (0.01 … 5). It is also the
   * diffusion volatility σ of the price while the index sits there: the price diffuses at the
   * current index.
   */
  vol: number
  /** Half-life of the log volatility index's pull back to `vol`, chain seconds (> 0). */
  volHalfLifeSeconds: number
  /** Standard deviation of the log volatility index's noise per √hour of chain time (≥ 0). */
  volOfVol: number
  /** Merton jump intensity λ: expected jumps per year of market time (≥ 0). */
  jumpIntensity: number
  /** Mean of the log jump size, μ_J (negative: crypto jumps skew down). */
  jumpMeanLog: number
  /** Standard deviation of the log jump size, δ (≥ 0). */
  jumpVolLog: number
  /**
   * Typical confidence / price of a published update at the long-run vol (0 < r ≤ 0.01). It
   * widens in proportion to the vol index and carries some noise, capped at 1 % of price —
   * half of the oracle's 2 % "uncertain" bar, so a normal update is never uncertain.
   */
  confRatio: number
  /**
   * Log increase of the vol index per unit of |log return| in a shock step — a step whose
   * random return is more than 4 standard deviations of its diffusion from the mean (≥ 0):
   * realised jumps spike implied volatility.
   */
  volSpikeSensitivity: number
}

/**
 * Default models, crypto-like. Starting prices and vols are those `deployVenue` publishes first
 * (BTC 60,000 / 55 %, ETH 3,000 / 65 %, SOL 150 / 85 %), so the simulator continues the deployed
 * market without a jump.
 *
 * - Jumps: illustrative, not a fit — a few dozen per year of a few percent each, skewed down,
 *   larger for the smaller coins. At one-second ticks a jump is rare (λ·Δt ≈ 1e-6); the demo's
 *   controls make the dramatic moves, and `speed` compresses market time.
 * - Volatility index: demo-compressed. Real DVOL reverts over days; here a spike halves in
 *   10 minutes so a demo watcher sees it come back. A volOfVol of 0.25 per √hour gives the index a
 *   stationary spread of ≈ 9 % of its level (σ_x = volOfVol·√(halfLife / (2 ln 2 · 3600 s))).
 * - Confidence: Pyth's BTC and ETH confidence is normally 0.01–0.05 % of price; SOL wider.
 */
export const assetModels: Record<SimulatedAsset, AssetModel> = {
  BTC: {
    price: 60_000,
    vol: 0.55,
    volHalfLifeSeconds: 600,
    volOfVol: 0.25,
    jumpIntensity: 20,
    jumpMeanLog: -0.01,
    jumpVolLog: 0.03,
    confRatio: 2.5e-4,
    volSpikeSensitivity: 2,
  },
  ETH: {
    price: 3_000,
    vol: 0.65,
    volHalfLifeSeconds: 600,
    volOfVol: 0.25,
    jumpIntensity: 25,
    jumpMeanLog: -0.012,
    jumpVolLog: 0.035,
    confRatio: 3e-4,
    volSpikeSensitivity: 2,
  },
  SOL: {
    price: 150,
    vol: 0.85,
    volHalfLifeSeconds: 600,
    volOfVol: 0.3,
    jumpIntensity: 40,
    jumpMeanLog: -0.015,
    jumpVolLog: 0.045,
    confRatio: 4e-4,
    volSpikeSensitivity: 2.5,
  },
}

/**
 * Bounds of the volatility index, annualised: at least 1 %/yr (a flat market still moves) and at
 * most 500 %/yr, well inside the int64 WAD the volatility feed carries (≈ 922 %/yr).
 */
export const volatilityIndexRange = { min: 0.01, max: 5 } as const

/**
 * Bounds of a simulated price, USD: its Pyth integer at expo −8 stays ≥ 100 (so rounding never
 * publishes a normal zero) and within int64 (≈ 9.2e10 USD), whatever crashes and pumps compound to.
 */
export const simulatedPriceRange = { min: 1e-6, max: 1e10 } as const

/** The largest conf / price a normal update carries: half of the oracle's 2 % "uncertain" bar. */
export const maxConfRatio = 0.01
