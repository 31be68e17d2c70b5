import type { OptionTradingParams } from './types'

/**
 * The venue's default option trading parameters (issue #8; deployed with the same values).
 *
 * The fee is Deribit's BTC and ETH options taker fee: "0.03 % of the underlying or 0.0003 BTC per
 * options contract (capped at 12.5 % of the options price)" (Deribit, "Fees",
 * support.deribit.com/hc/en-us/articles/25944746248989). The 1 % half-spread is the venue's own
 * choice: it trades against its liquidity pool at the model mark, and the spread pays the pool
 * for the model risk a quote from the volatility index carries.
 */
export const defaultOptionTradingParams: OptionTradingParams = {
  spread: 0.01,
  feeRate: 0.0003,
  feeCap: 0.125,
}
