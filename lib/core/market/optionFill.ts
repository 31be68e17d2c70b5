import { InvalidInputError } from '../errors'
import { optionPrice } from '../pricing/optionPrice'
import type { OptionKind } from '../risk/types'
import { assertInRange } from '../validate'
import type { OptionTradingParams } from './types'

export type OptionFillParameters = {
  kind: OptionKind
  /** Oracle price of the underlying S, USD per unit (> 0). */
  spot: number
  /** Strike K, USD per unit (> 0). */
  strike: number
  /** Time to expiry, years of 31,536,000 s (>= 0; 0 prices the option at intrinsic value). */
  years: number
  /** Risk-free rate, per year, continuously compounded (the venue's `riskFreeRate`). */
  rate: number
  /** Volatility index σ of the underlying, annualised (> 0; 0.6 = 60 %). */
  vol: number
  /** Signed number of contracts: > 0 buys, < 0 sells (non-zero; 1 contract = 1 unit). */
  size: number
  /** Spread and fee rule (`defaultOptionTradingParams`). */
  params: OptionTradingParams
}

export type OptionFillReturnType = {
  /** Black-Scholes-Merton value per contract at S and σ (no dividend yield), USD; intrinsic at `years = 0`. */
  mark: number
  /** Premium per contract the trade fills at, USD: mark·(1 + spread) when buying, mark·(1 − spread) when selling. */
  premium: number
  /** Trading fee, USD (>= 0): |size| · min(feeRate·S, feeCap·mark). */
  fee: number
  /** Change of the trader's USDC balance, USD: −size·premium − fee (negative when paying). */
  cashFlow: number
}

export type OptionFillErrorType = InvalidInputError

/**
 * The fill of an option trade against the venue (issue #8; contracts' `VenueOptions._quote`):
 * the venue quotes the model mark from the oracle price and the volatility index, and the
 * trader crosses a spread and pays a fee.
 * ```
 * mark     = BSM(kind, S, K, T, r, q = 0, σ)           (optionPrice; T = 0: intrinsic value)
 * premium  = mark·(1 + spread)  (size > 0, a buy)      mark·(1 − spread)  (size < 0, a sell)
 * fee      = |size| · min(feeRate·S, feeCap·mark)
 * cashFlow = −size·premium − fee
 * ```
 * The fee is Deribit's options fee rule: "0.03 % of the underlying or 0.0003 BTC per options
 * contract (capped at 12.5 % of the options price)" (Deribit, "Fees",
 * support.deribit.com/hc/en-us/articles/25944746248989). The cap keeps cheap far out-of-the-money
 * options tradable: without it the fee on a 5 USD option on 60,000 USD BTC would be 18 USD.
 *
 * @throws {OptionFillErrorType} zero or non-finite size (or one above 1e18 contracts); spread
 *   outside [0, 1); negative or non-finite feeRate or feeCap; and everything `optionPrice`
 *   rejects (unknown kind, spot, strike or vol <= 0, negative years, non-finite rate).
 *
 * @example
 * // buy 2 BTC calls, 60,000 strike, 30 days, σ 0.5, BTC at 60,000
 * optionFill({ kind: 'call', spot: 60_000, strike: 60_000, years: 30 / 365, rate: 0, vol: 0.5, size: 2, params: defaultOptionTradingParams })
 * // { mark: 3_428.26…, premium: 3_462.54… (mark·1.01), fee: 36 (2·min(18, 428.53…)), cashFlow: −6_961.08… }
 */
export function optionFill({ kind, spot, strike, years, rate, vol, size, params }: OptionFillParameters): OptionFillReturnType {
  assertInRange('size', size, -maxContracts, maxContracts)
  if (size === 0) throw new InvalidInputError('size', size, 'a non-zero number of contracts')
  if (typeof params !== 'object' || params === null) throw new InvalidInputError('params', params, 'option trading parameters')
  const { spread, feeRate, feeCap } = params
  if (typeof spread !== 'number' || !(spread >= 0 && spread < 1)) throw new InvalidInputError('params.spread', spread, 'a fraction in [0, 1)')
  assertInRange('params.feeRate', feeRate, 0, maxMagnitude)
  assertInRange('params.feeCap', feeCap, 0, maxMagnitude)

  const mark = optionPrice({ kind, spot, strike, years, rate, dividendYield: 0, vol })
  const premium = size > 0 ? mark * (1 + spread) : mark * (1 - spread)
  const fee = Math.abs(size) * Math.min(feeRate * spot, feeCap * mark)
  const cashFlow = -(size * premium) - fee
  if (!Number.isFinite(fee) || !Number.isFinite(cashFlow))
    throw new InvalidInputError('size', size, 'a trade whose premium and fee are finite numbers')
  return { mark, premium, fee, cashFlow }
}

const maxContracts = 1e18
const maxMagnitude = 1e18
