import { InvalidInputError, UnknownMarketError } from '../errors'
import { optionFill, type OptionFillReturnType } from '../market/optionFill'
import { defaultOptionTradingParams } from '../market/params'
import type { OptionTradingParams } from '../market/types'
import { settlementAsset } from '../risk/settlementAsset'
import type { Account, Markets, OptionKind, OptionPosition, PerpPosition, RiskParams } from '../risk/types'
import { SECONDS_PER_YEAR } from '../units'
import { assertFinite, assertOneOf, assertPositive } from '../validate'

/** An option order on one series: buy (`size` > 0) or sell (`size` < 0) contracts in the cross book. */
export type OptionTrade = {
  underlying: string
  kind: OptionKind
  /** Strike, USD per unit (> 0). */
  strike: number
  /** Expiry, unix seconds (after `markets.now`: an expired series does not trade). */
  expiry: number
  /** The venue's series id, recorded on a position the trade opens. */
  seriesId?: string
  /** Signed number of contracts (non-zero): > 0 buys, < 0 sells. */
  size: number
}

export type ApplyOptionTradeParameters = {
  /** Assumed valid (`validateAccount`); the callers that are public entry points check it. */
  account: Account
  markets: Markets
  /** Its `riskFreeRate` prices the option. */
  params: RiskParams
  trade: OptionTrade
  /** Spread and fee rule; default `defaultOptionTradingParams`. */
  tradingParams?: OptionTradingParams
}

export type ApplyOptionTradeReturnType = {
  /** The account after the trade (a new object; the input is not changed). */
  account: Account
  /** Mark, premium, fee and cash flow of the trade (`optionFill`). */
  fill: OptionFillReturnType
  /** Funding settled into USDC before the fill, USD (positive: paid by the account). */
  fundingSettled: number
  /** Opens, grows or flips the option position. */
  increasesRisk: boolean
}

export type ApplyOptionTradeErrorType = InvalidInputError | UnknownMarketError

/**
 * The account after an option trade, booked as the venue books it (issue #8; contracts'
 * `VenueOptions.tradeOption`, `_fillOption`, `_applyOptionFill`). Options live in the cross
 * account only.
 * 1. every cross perp settles its funding into USDC, `size·(F − f)`, and f := F (the venue
 *    settles funding on every action that loads the cross book);
 * 2. the trade fills at `optionFill` (mark from the oracle price and the volatility index, at
 *    `years = (expiry − now) / 31,536,000` and `params.riskFreeRate`) and USDC changes by its
 *    `cashFlow = −size·premium − fee`;
 * 3. the position with the same underlying, kind, strike and expiry gains `size` contracts.
 *    Its `entryPrice` (premium per contract) is the size-weighted average
 *    `(|n|·entry + |size|·premium) / |n + size|` when the position opens or grows, unchanged when
 *    it shrinks, the new premium when it flips; a position traded to zero is removed. A grown
 *    position whose entry price is unknown keeps it unknown; an entry below 1e-18 USD (one wei
 *    of the venue's WAD) is 0.
 *
 * USD amounts settle 1:1 into USDC units, as in the venue's accounting. Whether the venue accepts
 * the trade (live feeds, equity >= IM afterwards for a risk-increasing trade) is the caller's
 * check, as for `applyPerpTrade`.
 *
 * @throws {ApplyOptionTradeErrorType} zero or non-finite size, a bad kind or strike, an expiry at
 *   or before `markets.now` (the venue refuses expired series), invalid trading parameters
 *   (`InvalidInputError`); an underlying without market state or parameters (`UnknownMarketError`).
 *
 * @example
 * applyOptionTrade({ account, markets, params: defaultRiskParams, trade: { underlying: 'BTC', kind: 'put', strike: 55_000, expiry, size: -3 } })
 * // { account: { …3 puts short at 0.99·mark, USDC + 3·premium − fee… }, fill: { mark, premium, fee, cashFlow }, increasesRisk: true, … }
 */
export function applyOptionTrade({ account, markets, params, trade, tradingParams = defaultOptionTradingParams }: ApplyOptionTradeParameters): ApplyOptionTradeReturnType {
  const { underlying, kind, strike, expiry, size } = trade
  const market = markets.underlyings[underlying]
  if (typeof underlying !== 'string' || market === undefined || params.markets[underlying] === undefined) throw new UnknownMarketError(String(underlying))
  assertOneOf('trade.kind', kind, ['call', 'put'] as const)
  assertPositive('trade.strike', strike)
  assertFinite('trade.expiry', expiry)
  if (!(expiry > markets.now)) throw new InvalidInputError('trade.expiry', expiry, `an expiry after markets.now (${markets.now}): an expired series does not trade`)
  if (trade.seriesId !== undefined && typeof trade.seriesId !== 'string') throw new InvalidInputError('trade.seriesId', trade.seriesId, 'a string')

  const fill = optionFill({
    kind,
    spot: market.price,
    strike,
    years: (expiry - markets.now) / SECONDS_PER_YEAR,
    rate: params.riskFreeRate,
    vol: market.vol,
    size,
    params: tradingParams,
  })

  let fundingSettled = 0
  const perps: PerpPosition[] = account.perps.map((perp) => {
    const index = markets.underlyings[perp.underlying]?.fundingIndex ?? perp.lastFundingIndex
    fundingSettled += perp.size * (index - perp.lastFundingIndex)
    return { ...perp, lastFundingIndex: index }
  })

  const options = [...account.options]
  const existing = options.findIndex((o) => o.underlying === underlying && o.kind === kind && o.strike === strike && o.expiry === expiry)
  const held = existing >= 0 ? (options[existing] as OptionPosition) : null
  const booked = bookOptionFill(held, trade, fill.premium)
  if (held !== null) {
    if (booked.position === null) options.splice(existing, 1)
    else options[existing] = booked.position
  } else if (booked.position !== null) {
    options.push(booked.position)
  }

  const collateral = { ...account.collateral }
  collateral[settlementAsset] = (collateral[settlementAsset] ?? 0) - fundingSettled + fill.cashFlow
  return { account: { ...account, collateral, perps, options }, fill, fundingSettled, increasesRisk: booked.increasesRisk }
}

/** Average-entry booking of the premium, as the venue's `_applyOptionFill`. */
function bookOptionFill(held: OptionPosition | null, trade: OptionTrade, premium: number): { position: OptionPosition | null; increasesRisk: boolean } {
  const oldSize = held?.size ?? 0
  const newSize = oldSize + trade.size
  const reduces = oldSize !== 0 && (newSize === 0 || newSize > 0 === oldSize > 0) && Math.abs(newSize) < Math.abs(oldSize)
  if (newSize === 0) return { position: null, increasesRisk: false }
  let entryPrice: number | undefined
  if (held === null) entryPrice = premium
  else if (oldSize > 0 === trade.size > 0)
    entryPrice = held.entryPrice === undefined ? undefined : (Math.abs(oldSize) * held.entryPrice + Math.abs(trade.size) * premium) / Math.abs(newSize)
  else entryPrice = reduces ? held.entryPrice : premium
  const position: OptionPosition = {
    underlying: trade.underlying,
    kind: trade.kind,
    strike: trade.strike,
    expiry: trade.expiry,
    size: newSize,
  }
  // Below 1 wei of the venue's WAD accounting an entry premium is 0 there (and `validateAccount`
  // accepts 0 or [1e-18, 1e18]): a far out-of-the-money series can be worth 1e-300 USD.
  if (entryPrice !== undefined) position.entryPrice = entryPrice < 1e-18 ? 0 : entryPrice
  const seriesId = held?.seriesId ?? trade.seriesId
  if (seriesId !== undefined) position.seriesId = seriesId
  return { position, increasesRisk: !reduces }
}
