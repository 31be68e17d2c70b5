import { encodeAbiParameters, encodeEventTopics, type Address, type Hash, type Hex, type Log } from 'viem'
import { describe, expect, it } from 'vitest'
import { marginVenueAbi } from '../../lib/chain/generated/abis'
import { decodeLiquidation } from './decodeLiquidation'

const venue: Address = '0xFF52ebCc32fEc8E1c7C34BAB9f918aeaA2b8a665'
const trader: Address = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
const other: Address = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65'
const liquidator: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const txHash: Hash = `0x${'ab'.repeat(32)}`

/** A receipt log as a node returns it, encoded here from the event's Solidity signature. */
function log(address: Address, topics: Hex[], data: Hex, logIndex: number): Log {
  return { address, topics: topics as [Hex, ...Hex[]], data, blockHash: `0x${'11'.repeat(32)}`, blockNumber: 42n, transactionHash: txHash, transactionIndex: 0, logIndex, removed: false }
}

function liquidated(account: Address, isolatedId: bigint, fraction: bigint, notional: bigint, fee: bigint, fullyClosed: boolean, logIndex: number, from = venue) {
  const topics = encodeEventTopics({ abi: marginVenueAbi, eventName: 'Liquidated', args: { account, isolatedId, liquidator } }) as Hex[]
  const data = encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'bool' }], [fraction, notional, fee, fullyClosed])
  return log(from, topics, data, logIndex)
}

function positionLiquidated(account: Address, isolatedId: bigint, marketId: bigint, closedSize: bigint, price: bigint, realizedPnl: bigint, logIndex: number) {
  const topics = encodeEventTopics({ abi: marginVenueAbi, eventName: 'PositionLiquidated', args: { account, isolatedId, marketId } }) as Hex[]
  const data = encodeAbiParameters([{ type: 'int256' }, { type: 'uint256' }, { type: 'int256' }], [closedSize, price, realizedPnl])
  return log(venue, topics, data, logIndex)
}

function optionLiquidated(account: Address, seriesId: bigint, closedSize: bigint, mark: bigint, cashFlow: bigint, logIndex: number) {
  const topics = encodeEventTopics({ abi: marginVenueAbi, eventName: 'OptionLiquidated', args: { account, seriesId } }) as Hex[]
  const data = encodeAbiParameters([{ type: 'int256' }, { type: 'uint256' }, { type: 'int256' }], [closedSize, mark, cashFlow])
  return log(venue, topics, data, logIndex)
}

const e18 = 10n ** 18n

describe('decodeLiquidation', () => {
  // A cross book long 2 BTC and short 40 ETH, a quarter closed: 0.5 BTC at 57,500 and 10 ETH at
  // 2,900; with them a quarter of 4 short BTC puts (mark 1,250.5) and 2 long ETH calls (mark 12.25).
  const logs = [
    positionLiquidated(trader, 0n, 0n, e18 / 2n, 57_500n * e18, -1_250n * e18, 0),
    positionLiquidated(trader, 0n, 1n, -10n * e18, 2_900n * e18, 1_000n * e18, 1),
    optionLiquidated(trader, 3n, -e18, 1_250_500n * 10n ** 15n, -1_250_500n * 10n ** 15n, 6),
    optionLiquidated(trader, 8n, e18 / 2n, 12_250n * 10n ** 15n, 6_125n * 10n ** 15n, 7),
    optionLiquidated(other, 8n, e18, 1n, 1n, 8),
    liquidated(trader, 0n, e18 / 4n, 57_750n * e18, 288_750n * 10n ** 15n, false, 2),
    // Same receipt, another book and a look-alike from another contract: not this liquidation.
    liquidated(other, 0n, e18, 1n, 1n, true, 3),
    liquidated(trader, 7n, e18, 1n, 1n, true, 4),
    liquidated(trader, 0n, e18, 9n * e18, 9n * e18, true, 5, '0x0000000000000000000000000000000000000001'),
  ]

  it("reads the book's Liquidated, PositionLiquidated and OptionLiquidated events as numbers (USD, base units, contracts, closing)", () => {
    expect(decodeLiquidation({ logs, venue, account: trader, isolatedId: 0n, txHash, blockNumber: 42n })).toEqual({
      account: trader,
      isolatedId: 0n,
      txHash,
      blockNumber: 42n,
      closing: 0.25,
      closedNotional: 57_750,
      fee: 288.75,
      fullyClosed: false,
      positions: [
        { marketId: 0n, closedSize: 0.5, price: 57_500, realizedPnl: -1_250 },
        { marketId: 1n, closedSize: -10, price: 2_900, realizedPnl: 1_000 },
      ],
      options: [
        { seriesId: 3n, closedSize: -1, mark: 1_250.5, cashFlow: -1_250.5 },
        { seriesId: 8n, closedSize: 0.5, mark: 12.25, cashFlow: 6.125 },
      ],
    })
  })

  it('tells isolated positions apart and ignores other books and other contracts', () => {
    const isolated = decodeLiquidation({ logs, venue, account: trader, isolatedId: 7n, txHash, blockNumber: 42n })
    // Options are held in the cross book only: none of them belong to the isolated position's liquidation.
    expect(isolated).toMatchObject({ isolatedId: 7n, closing: 1, fullyClosed: true, positions: [], options: [] })
    expect(decodeLiquidation({ logs: logs.filter((entry) => entry.address !== venue), venue, account: trader, isolatedId: 0n, txHash, blockNumber: 42n })).toBeUndefined()
    expect(decodeLiquidation({ logs: [], venue, account: trader, isolatedId: 0n, txHash, blockNumber: 42n })).toBeUndefined()
  })
})
