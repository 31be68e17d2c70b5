import type { Address, Chain, Client, ReadContractErrorType, Transport } from 'viem'
import { getBlockNumber, readContract } from 'viem/actions'
import type { OptionSeriesTerms } from '../core/market/optionChain'
import { fromWad } from './fromWad'
import { marginVenueAbi } from './generated/abis'
import { devnetAddresses } from './generated/addresses'
import { marketSymbols, type MarketSymbolsErrorType } from './marketSymbols'

export type ReadOptionSeriesTermsParameters = {
  /** The venue; `devnetAddresses.marginVenue` by default. */
  venue?: Address
  /** Series per `getOptionSeries` call (50 by default): the view prices every series it returns, so pages keep each call modest. */
  pageSize?: bigint
}

export type ReadOptionSeriesTermsReturnType = {
  /** Block the list was read at. */
  blockNumber: bigint
  /** Every series ever listed (ids 0 … seriesCount − 1), in id order, expired ones included. */
  series: OptionSeriesTerms[]
}

export type ReadOptionSeriesTermsErrorType = ReadContractErrorType | MarketSymbolsErrorType

/**
 * The venue's listed option series as terms in trader units (DESIGN.md §3): `seriesCount`, then
 * `getOptionSeries(from, pageSize)` page by page and `getMarkets` for the symbols, all at one
 * block; strike WAD → USD, expiry unix seconds, market id → symbol. Only the terms: the view's
 * marks and Greeks are stale a block later, so the live quotes come from the engine worker
 * (lib/core `optionChain` at the stream's prices).
 *
 * @throws {ReadOptionSeriesTermsErrorType} the node fails or the views do not decode; a series on
 *   a market the venue does not list (`UnknownMarketError`).
 *
 * @example
 * const { series } = await readOptionSeriesTerms(publicClient)
 * series[0] // { seriesId: '0', underlying: 'BTC', kind: 'call', strike: 56_000, expiry: 1_795_075_200 }
 */
export async function readOptionSeriesTerms<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { venue = devnetAddresses.marginVenue, pageSize = 50n }: ReadOptionSeriesTermsParameters = {},
): Promise<ReadOptionSeriesTermsReturnType> {
  const blockNumber = await getBlockNumber(client, { cacheTime: 0 })
  const view = { address: venue, abi: marginVenueAbi, blockNumber } as const
  const [count, markets] = await Promise.all([readContract(client, { ...view, functionName: 'seriesCount' }), readContract(client, { ...view, functionName: 'getMarkets' })])
  const starts: bigint[] = []
  for (let start = 0n; start < count; start += pageSize) starts.push(start)
  const pages = await Promise.all(starts.map((start) => readContract(client, { ...view, functionName: 'getOptionSeries', args: [start, pageSize] })))
  const symbolOf = marketSymbols(markets)
  const series = pages.flat().map(
    (listed): OptionSeriesTerms => ({
      seriesId: String(listed.id),
      underlying: symbolOf(listed.marketId),
      kind: listed.isCall ? 'call' : 'put',
      strike: fromWad(listed.strike),
      expiry: Number(listed.expiry),
    }),
  )
  return { blockNumber, series }
}
