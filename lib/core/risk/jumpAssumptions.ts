import type { JumpParameters } from './liquidationProbability'

/** A set of Merton jump parameters per underlying, with where the numbers come from. */
export type JumpAssumptions = {
  /** Where the numbers come from, in a trader's words, for the UI to show beside the estimate. */
  source: string
  /** Per underlying: λ jumps per year, log jump size N(meanLog, volLog²). */
  underlyings: Record<string, JumpParameters>
}

/**
 * The jumps the liquidation probability assumes (DESIGN.md §4.7: "probability of hitting
 * liquidation within a horizon under jump-diffusion"): the devnet price simulator's own Merton
 * parameters (`devnet/market/assetModels.ts`, checked equal by `jumpAssumptions.test.ts`), so on
 * the demo the estimate assumes exactly the process the prices follow (at the demo's default
 * speed 1; its diffusion runs at the volatility index, which the estimate also uses). They are
 * illustrative, not fitted to any market: on live markets they are an assumption, and the UI says
 * so.
 *
 * Units: `intensity` per year of 365 days; `meanLog` and `volLog` in log-return (−0.01 ≈ a −1 %
 * jump).
 *
 * @example
 * liquidationProbability({ account, markets, params, horizonSeconds: 86_400, jumps: jumpAssumptions.underlyings })
 */
export const jumpAssumptions: JumpAssumptions = {
  source:
    'Jumps as the demo’s price simulator draws them (devnet/market/assetModels.ts): illustrative, not fitted to a market — on live markets an assumption.',
  underlyings: {
    BTC: { intensity: 20, meanLog: -0.01, volLog: 0.03 },
    ETH: { intensity: 25, meanLog: -0.012, volLog: 0.035 },
    SOL: { intensity: 40, meanLog: -0.015, volLog: 0.045 },
  },
}
