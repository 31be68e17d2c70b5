import { InvalidInputError } from '../../lib/core/errors'

/** Underlyings with listed options (issue 8: BTC and ETH; devnet/deploy.ts enables these). */
export type OptionMarket = 'BTC' | 'ETH'

export const optionMarkets: readonly OptionMarket[] = ['BTC', 'ETH']

/**
 * Strike spacing, USD, and how many strikes either side of the money the devnet lists: Deribit
 * spaces near-dated BTC strikes by 1,000 and ETH strikes by 50 around spot.
 */
export const optionStrikeGrid: Record<OptionMarket, { step: number; stepsEachSide: number }> = {
  BTC: { step: 1_000, stepsEachSide: 4 },
  ETH: { step: 50, stepsEachSide: 4 },
}

export type OptionStrikesParameters = {
  market: OptionMarket
  /** Oracle price of the underlying, USD per unit. */
  spot: number
}

export type OptionStrikesReturnType = {
  /** The grid strike nearest spot, USD (halves round up). */
  atTheMoney: number
  /** Strike spacing, USD. */
  step: number
  /** The strikes listed around spot, ascending, USD: at the money ± `stepsEachSide` steps, positive ones only. */
  strikes: number[]
}

/**
 * The strikes the devnet lists around spot for `market` (issue 8: "strikes around spot"): the
 * grid strike nearest spot and four steps either side, nine in all (BTC every 1,000 USD, ETH
 * every 50 USD, `optionStrikeGrid`). Strikes at or below zero are left out.
 *
 * @example
 * optionStrikes({ market: 'BTC', spot: 60_480 }) // { atTheMoney: 60_000, step: 1_000, strikes: [56_000, 57_000, …, 64_000] }
 */
export function optionStrikes({ market, spot }: OptionStrikesParameters): OptionStrikesReturnType {
  const grid = optionStrikeGrid[market]
  if (grid === undefined) throw new InvalidInputError('market', market, `one of ${optionMarkets.join(', ')}`)
  if (!(Number.isFinite(spot) && spot > 0)) throw new InvalidInputError('spot', spot, 'a price in USD greater than 0')
  const atTheMoney = Math.round(spot / grid.step) * grid.step
  const strikes: number[] = []
  for (let k = -grid.stepsEachSide; k <= grid.stepsEachSide; k++) {
    const strike = atTheMoney + k * grid.step
    if (strike > 0) strikes.push(strike)
  }
  return { atTheMoney, step: grid.step, strikes }
}
