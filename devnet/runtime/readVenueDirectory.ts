import type { Address, PublicClient } from 'viem'
import { marginVenueAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'

export type VenueDirectory = {
  /** Market id by symbol (`BTC`, `ETH`, `SOL`). */
  markets: Record<string, bigint>
  /** Collateral id and token by symbol (`USDC`, `WETH`, `wstETH`). */
  collaterals: Record<string, { id: bigint; token: Address; decimals: number }>
}

/**
 * The venue's market and collateral ids by symbol, read from its own views rather than assumed
 * from listing order.
 */
export async function readVenueDirectory(publicClient: PublicClient, venue: Address = devnetAddresses.marginVenue): Promise<VenueDirectory> {
  const [markets, collaterals] = await Promise.all([
    publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets' }),
    publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getCollaterals' }),
  ])
  return {
    markets: Object.fromEntries(markets.map((market) => [market.symbol, market.id])),
    collaterals: Object.fromEntries(collaterals.map((c) => [c.symbol, { id: c.id, token: c.token, decimals: c.decimals }])),
  }
}
