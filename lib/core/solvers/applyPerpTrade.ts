import { InvalidInputError, UnknownMarketError } from '../errors'
import { fillPrice, type FillPriceReturnType } from '../market/fillPrice'
import { settlementAsset } from '../risk/settlementAsset'
import type { Account, MarketParams, Markets, PerpPosition, RiskParams } from '../risk/types'
import { assertFinite } from '../validate'

/** A perp order: trade `size` of `underlying` in the cross book, or in an isolated position. */
export type PerpTrade = {
  underlying: string
  /** Signed size, base units: > 0 buys, < 0 sells (non-zero). */
  size: number
  /** The market's skew before the trade (long − short open interest, base units); default 0. */
  skew?: number
  /** Trade this isolated position (its `id`) instead of the cross book. */
  isolatedId?: string
}

export type ApplyPerpTradeParameters = {
  /** Assumed valid (`validateAccount`); the callers that are public entry points check it. */
  account: Account
  markets: Markets
  params: RiskParams
  trade: PerpTrade
}

export type ApplyPerpTradeReturnType = {
  /** The account after the trade (a new object; the input is not changed). */
  account: Account
  /** Fill price, premium and taker fee of the trade (`fillPrice`). */
  fill: FillPriceReturnType
  /** PnL realized by the reduced part, at the fill price, USD (settled into USDC). */
  realizedPnl: number
  /** Funding settled into USDC before the fill, USD (positive: paid by the account). */
  fundingSettled: number
  /** Opens, grows or flips the position; reductions are always allowed by the venue (DESIGN.md §4.4). */
  increasesRisk: boolean
}

/**
 * The account after a perp trade, booked as the venue books it (contracts' `MarginVenue._fill`,
 * DESIGN.md §4.5):
 * 1. every perp of the traded book settles its funding into USDC, `size·(F − f)`, and f := F;
 * 2. the order fills at `fillPrice` (oracle price plus the average skew premium) and pays
 *    `takerFee·|size|·fill`;
 * 3. average-entry accounting: a trade that grows a position averages its entry price; one that
 *    reduces it realizes `closed·(fill − entry)`; one that flips it closes all and opens the
 *    rest at the fill; realized PnL minus the fee settles into USDC (the isolated margin for an
 *    isolated position). A position traded to zero is removed; an isolated position traded to
 *    zero is closed and its margin (floored at 0: the insurance fund covers a shortfall) returns
 *    to the cross USDC balance.
 *
 * USD amounts settle 1:1 into USDC units, as in the venue's accounting.
 *
 * @throws {InvalidInputError} zero or non-finite size, non-finite skew, an unknown isolated id.
 * @throws {UnknownMarketError} an underlying without market state or parameters.
 * @throws {NoSolutionError} a sell so large against a short skew that the fill price would be <= 0.
 *
 * @example
 * applyPerpTrade({ account, markets, params: defaultRiskParams, trade: { underlying: 'BTC', size: 0.5, skew: 120 } })
 * // BTC at 60,000: { account: { …0.5 BTC more… }, fill: { fillPrice: 60_721.5, fee: 15.18…, … }, realizedPnl: 0, … }
 */
export function applyPerpTrade({ account, markets, params, trade }: ApplyPerpTradeParameters): ApplyPerpTradeReturnType {
  const { underlying, size } = trade
  const skew = trade.skew ?? 0
  assertFinite('trade.size', size)
  if (size === 0) throw new InvalidInputError('trade.size', size, 'a non-zero size')
  assertFinite('trade.skew', skew)
  const market = markets.underlyings[underlying]
  const marketParams = params.markets[underlying]
  if (typeof underlying !== 'string' || market === undefined || marketParams === undefined) throw new UnknownMarketError(String(underlying))

  const fill = fillPrice({ price: market.price, skew, size, params: marketParams as MarketParams })

  if (trade.isolatedId !== undefined) {
    const index = account.isolated.findIndex((position) => position.id === trade.isolatedId)
    const isolated = account.isolated[index]
    if (isolated === undefined) throw new InvalidInputError('trade.isolatedId', trade.isolatedId, 'the id of an isolated position of the account')
    if (isolated.perp.underlying !== underlying)
      throw new InvalidInputError('trade.underlying', underlying, `"${isolated.perp.underlying}", the isolated position's market`)
    const fundingSettled = isolated.perp.size * (market.fundingIndex - isolated.perp.lastFundingIndex)
    const booked = bookFill(underlying, isolated.perp, size, fill, market.fundingIndex)
    const margin = isolated.margin - fundingSettled + booked.realizedPnl - fill.fee
    const next = { ...account, isolated: [...account.isolated], collateral: { ...account.collateral } }
    if (booked.position === null) {
      next.isolated.splice(index, 1)
      next.collateral[settlementAsset] = (next.collateral[settlementAsset] ?? 0) + Math.max(0, margin)
    } else {
      next.isolated[index] = { ...isolated, margin, perp: booked.position }
    }
    return { account: next, fill, realizedPnl: booked.realizedPnl, fundingSettled, increasesRisk: booked.increasesRisk }
  }

  let fundingSettled = 0
  const perps: PerpPosition[] = account.perps.map((perp) => {
    const index = markets.underlyings[perp.underlying]?.fundingIndex ?? perp.lastFundingIndex
    fundingSettled += perp.size * (index - perp.lastFundingIndex)
    return { ...perp, lastFundingIndex: index }
  })
  // The venue holds one cross position per market; an engine account may list several, which net.
  const existing = perps.findIndex((perp) => perp.underlying === underlying)
  const booked = bookFill(underlying, existing >= 0 ? (perps[existing] as PerpPosition) : null, size, fill, market.fundingIndex)
  if (existing >= 0) {
    if (booked.position === null) perps.splice(existing, 1)
    else perps[existing] = booked.position
  } else if (booked.position !== null) {
    perps.push(booked.position)
  }
  const collateral = { ...account.collateral }
  collateral[settlementAsset] = (collateral[settlementAsset] ?? 0) - fundingSettled + booked.realizedPnl - fill.fee
  return {
    account: { ...account, collateral, perps },
    fill,
    realizedPnl: booked.realizedPnl,
    fundingSettled,
    increasesRisk: booked.increasesRisk,
  }
}

/** Average-entry booking of a fill against a position (null: none). */
function bookFill(
  underlying: string,
  position: PerpPosition | null,
  size: number,
  fill: FillPriceReturnType,
  fundingIndex: number,
): { position: PerpPosition | null; realizedPnl: number; increasesRisk: boolean } {
  const price = fill.fillPrice
  const oldSize = position?.size ?? 0
  const newSize = oldSize + size
  const increasesRisk = !(oldSize !== 0 && (newSize === 0 || newSize > 0 === oldSize > 0) && Math.abs(newSize) < Math.abs(oldSize))
  if (position === null || oldSize === 0 || oldSize > 0 === size > 0) {
    const oldEntry = position?.entryPrice ?? 0
    const entryPrice = (Math.abs(oldSize) * oldEntry + Math.abs(size) * price) / Math.abs(newSize)
    return {
      position: { underlying, size: newSize, entryPrice, lastFundingIndex: fundingIndex },
      realizedPnl: 0,
      increasesRisk,
    }
  }
  const closing = Math.min(Math.abs(size), Math.abs(oldSize))
  const realizedPnl = (oldSize > 0 ? closing : -closing) * (price - position.entryPrice)
  if (newSize === 0) return { position: null, realizedPnl, increasesRisk }
  const entryPrice = newSize > 0 === oldSize > 0 ? position.entryPrice : price
  return { position: { ...position, size: newSize, entryPrice, lastFundingIndex: fundingIndex }, realizedPnl, increasesRisk }
}
