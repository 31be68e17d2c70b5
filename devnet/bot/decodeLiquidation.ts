import { isAddressEqual, parseEventLogs, type Address, type Hash, type Log } from 'viem'
import { marginVenueAbi } from '../../lib/chain/generated/abis'
import type { LiquidationRecord } from './createLiquidationBot'
import { fromWad as wadToNumber } from '../../lib/chain/fromWad'

export type DecodeLiquidationParameters = {
  /** The logs of the liquidation's receipt. */
  logs: readonly Log[]
  /** The venue that emitted them; logs of any other contract are ignored. */
  venue: Address
  /** The liquidated book: its owner and isolated position id (0n for the cross account). */
  account: Address
  isolatedId: bigint
  txHash: Hash
  blockNumber: bigint
}

/**
 * The venue's account of one liquidation, read from its receipt: the `Liquidated` event of the
 * book (closing, closed notional, fee, full close), one `PositionLiquidated` per perp and one
 * `OptionLiquidated` per option position it closed (contracts/src/margin/IMarginVenue.sol,
 * emitted by `VenueLiquidations._liquidate`), with every WAD figure as a number (USD, base
 * units, contracts, closing). Events of other books in the same receipt are ignored; option
 * events belong to the account's cross book. `undefined` when the receipt holds no `Liquidated`
 * event for the book.
 *
 * @example
 * decodeLiquidation({ logs: receipt.logs, venue, account, isolatedId: 0n, txHash: receipt.transactionHash, blockNumber: receipt.blockNumber })
 * // { account, isolatedId: 0n, closing: 0.3127…, closedNotional: 59_840.2…, fee: 299.2…, fullyClosed: false,
 * //   positions: [{ marketId: 1n, closedSize: 20.63…, price: 2_900, realizedPnl: −2_071.6… }],
 * //   options: [{ seriesId: 4n, closedSize: −6.18…, mark: 143.2…, cashFlow: −885.6… }], … }
 */
export function decodeLiquidation({ logs, venue, account, isolatedId, txHash, blockNumber }: DecodeLiquidationParameters): LiquidationRecord | undefined {
  const events = parseEventLogs({ abi: marginVenueAbi, logs: logs.filter((log) => isAddressEqual(log.address, venue)), eventName: ['Liquidated', 'PositionLiquidated', 'OptionLiquidated'] })
  // Options live in the cross book only: their event has no isolated id.
  const ofBook = events.filter((event) => isAddressEqual(event.args.account, account) && (event.eventName === 'OptionLiquidated' ? isolatedId === 0n : event.args.isolatedId === isolatedId))
  const liquidated = ofBook.find((event) => event.eventName === 'Liquidated')
  if (liquidated === undefined || liquidated.eventName !== 'Liquidated') return undefined
  const positions: LiquidationRecord['positions'] = []
  const options: LiquidationRecord['options'] = []
  for (const event of ofBook) {
    if (event.eventName === 'PositionLiquidated')
      positions.push({
        marketId: event.args.marketId,
        closedSize: wadToNumber(event.args.closedSize),
        price: wadToNumber(event.args.price),
        realizedPnl: wadToNumber(event.args.realizedPnl),
      })
    else if (event.eventName === 'OptionLiquidated')
      options.push({ seriesId: event.args.seriesId, closedSize: wadToNumber(event.args.closedSize), mark: wadToNumber(event.args.mark), cashFlow: wadToNumber(event.args.cashFlow) })
  }
  return {
    account: liquidated.args.account,
    isolatedId,
    txHash,
    blockNumber,
    closing: wadToNumber(liquidated.args.closing),
    closedNotional: wadToNumber(liquidated.args.closedNotional),
    fee: wadToNumber(liquidated.args.fee),
    fullyClosed: liquidated.args.fullyClosed,
    positions,
    options,
  }
}
