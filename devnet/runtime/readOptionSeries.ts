import type { Address, ContractFunctionReturnType, PublicClient } from 'viem'
import { marginVenueAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'

/** One listed series as the venue's `getOptionSeries` returns it (WAD figures, mark and Greeks now). */
export type ListedSeries = ContractFunctionReturnType<typeof marginVenueAbi, 'view', 'getOptionSeries'>[number]

export type ReadOptionSeriesParameters = {
  venue?: Address
  /** First series id to read (0 by default): a reader that knows ids below it reads only the new ones. */
  from?: bigint
  /** Series per `getOptionSeries` call (50 by default): each one prices its series, so pages keep a call's gas modest. */
  pageSize?: bigint
}

/**
 * Every option series the venue has listed from id `from` on, in id order, read page by page
 * (`seriesCount`, then `getOptionSeries(from, pageSize)` until done), all at one block.
 *
 * @example
 * const series = await readOptionSeries(publicClient)
 * series[0] // { id: 0n, marketId: 0n, isCall: true, strike: 56_000n * 10n ** 18n, expiry: 1_795_075_200n, settled: false, … }
 */
export async function readOptionSeries(publicClient: PublicClient, { venue = devnetAddresses.marginVenue, from = 0n, pageSize = 50n }: ReadOptionSeriesParameters = {}): Promise<ListedSeries[]> {
  const blockNumber = await publicClient.getBlockNumber({ cacheTime: 0 })
  const count = await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'seriesCount', blockNumber })
  const series: ListedSeries[] = []
  for (let start = from; start < count; start += pageSize)
    series.push(...(await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getOptionSeries', args: [start, pageSize], blockNumber })))
  return series
}
