import { InvalidInputError, NoSolutionError } from '../errors'
import type { MarketParams } from '../risk/types'
import { assertInRange } from '../validate'

export type FillPriceParameters = {
  /** Oracle price S, USD per unit (> 0). */
  price: number
  /** Market skew before the trade (long − short open interest), base units. */
  skew: number
  /** Signed trade size, base units: > 0 buys, < 0 sells. */
  size: number
  /** The market's `skewScale` (base units, > 0) and `takerFee` (fraction of notional, in [0, 1)). */
  params: Pick<MarketParams, 'skewScale' | 'takerFee'>
}

export type FillPriceReturnType = {
  /** Execution price, USD per unit. */
  fillPrice: number
  /** fillPrice − S, USD per unit: positive when the fill is above the oracle. */
  premium: number
  /** premium / S, fraction. */
  premiumFraction: number
  /**
   * size × premium, USD: what the trade pays over the oracle price (a buy above it or a sell
   * below it). Negative when the trade reduces the skew and is filled at a better price.
   */
  premiumCost: number
  /** Taker fee, USD: takerFee × |size| × fillPrice (>= 0). */
  fee: number
  /** Skew after the trade: skew + size, base units. */
  skew: number
}

export type FillPriceErrorType = InvalidInputError | NoSolutionError

/**
 * The price a trade of `size` fills at on the oracle-priced venue (DESIGN.md §4.5; the skew
 * premium of Synthetix perps v2, SIP-279):
 *
 *   fillPrice = S × (1 + (skew_before + skew_after) / 2 / skewScale),   skew_after = skew + size
 *   fee       = takerFee × |size| × fillPrice
 *
 * The premium is the average of the skew premium before and after the trade, so the total paid,
 * size × fillPrice = size·S + S·(skew_after² − skew_before²) / (2·skewScale), depends only on the
 * skew at the start and at the end: splitting a trade into pieces changes neither its premium
 * nor (for pieces of one sign) its fee. Trades that push the skew away from zero pay a premium;
 * trades that bring it back are filled better than the oracle.
 *
 * @throws {FillPriceErrorType} `InvalidInputError` for a non-finite input, one of magnitude above
 *   1e18, `price <= 0`, `skewScale <= 0` or `takerFee` outside [0, 1); `NoSolutionError` when the
 *   skew discount would take the fill price to zero or below ((skew_before + skew_after) / 2 <=
 *   −skewScale).
 *
 * @example
 * fillPrice({ price: 60_000, skew: 1_000, size: 2_000, params: { skewScale: 10_000, takerFee: 0.0005 } })
 * // average skew 2_000 = 20 % of skewScale: { fillPrice: 72_000, premium: 12_000, premiumFraction: 0.2,
 * //   premiumCost: 24_000_000, fee: 72_000, skew: 3_000 }
 */
export function fillPrice({ price, skew, size, params }: FillPriceParameters): FillPriceReturnType {
  assertInRange('price', price, Number.MIN_VALUE, maxMagnitude)
  assertInRange('skew', skew, -maxMagnitude, maxMagnitude)
  assertInRange('size', size, -maxMagnitude, maxMagnitude)
  assertInRange('params.skewScale', params?.skewScale, Number.MIN_VALUE, maxMagnitude)
  const { skewScale, takerFee } = params
  if (typeof takerFee !== 'number' || !(takerFee >= 0 && takerFee < 1))
    throw new InvalidInputError('params.takerFee', takerFee, 'a fraction in [0, 1)')

  const skewAfter = skew + size
  const premiumFraction = (skew + skewAfter) / 2 / skewScale
  if (!(premiumFraction > -1))
    throw new NoSolutionError('fill price', 'the skew discount would take the price to zero or below')
  const premium = price * premiumFraction
  const fill = price + premium
  return {
    fillPrice: fill,
    premium,
    premiumFraction,
    premiumCost: size * premium,
    fee: takerFee * Math.abs(size) * fill,
    skew: skewAfter,
  }
}

const maxMagnitude = 1e18
