import { maxUint256, parseUnits, type Address } from 'viem'
import { devnetTokenAbi, marginVenueAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { toWad } from '../venue/venueParams'
import { confirmTransaction } from './confirmTransaction'
import type { DevnetClients } from './createDevnetClients'
import { devnetAccount, devnetRoles } from './devnetAccounts'
import { readVenueDirectory } from './readVenueDirectory'
import type { SeededAccountPlan } from './seedPlan'

/** Generous fixed gas: estimates go stale between blocks (see devnet/deploy.ts). */
const gas = 3_000_000n

/**
 * Executes a seed plan on a venue deployed by `deployVenue`: the deployer mints each account its
 * collateral, the account approves the venue, deposits, and opens its cross and isolated perps
 * (from anvil's unlocked dev accounts, each transaction confirmed before the next). Market
 * orders: no slippage bound — the seed runs before anyone else trades.
 *
 * @throws Error naming the step when a transaction reverts (e.g. a plan beyond initial margin).
 */
export async function seedMarket(clients: DevnetClients, plans: readonly SeededAccountPlan[]): Promise<void> {
  const { publicClient, walletClient } = clients
  const venue = devnetAddresses.marginVenue
  const minter = devnetAccount(devnetRoles.deployer).address
  const directory = await readVenueDirectory(publicClient, venue)
  const write = (label: string, request: Parameters<typeof walletClient.writeContract>[0]) =>
    confirmTransaction(publicClient, walletClient.writeContract(request), { label })

  for (const plan of plans) {
    const account: Address = plan.address
    for (const [symbol, amount] of Object.entries(plan.deposits)) {
      const collateral = directory.collaterals[symbol]
      if (collateral === undefined || amount === undefined) throw new Error(`The venue lists no collateral ${symbol}.`)
      const units = parseUnits(String(amount), collateral.decimals)
      await write(`mint ${symbol} to ${plan.role}`, { chain: null, account: minter, gas, address: collateral.token, abi: devnetTokenAbi, functionName: 'mint', args: [account, units] })
      await write(`approve ${symbol} for ${plan.role}`, { chain: null, account, gas, address: collateral.token, abi: devnetTokenAbi, functionName: 'approve', args: [venue, maxUint256] })
      await write(`deposit ${symbol} for ${plan.role}`, { chain: null, account, gas, address: venue, abi: marginVenueAbi, functionName: 'deposit', args: [collateral.id, units] })
    }
    for (const [symbol, amount] of Object.entries(plan.wallet)) {
      const collateral = directory.collaterals[symbol]
      if (collateral === undefined || amount === undefined) throw new Error(`The venue lists no collateral ${symbol}.`)
      await write(`mint ${symbol} to ${plan.role}'s wallet`, { chain: null, account: minter, gas, address: collateral.token, abi: devnetTokenAbi, functionName: 'mint', args: [account, parseUnits(String(amount), collateral.decimals)] })
    }
    for (const { market, size } of plan.perps) {
      const marketId = marketIdOf(directory.markets, market)
      await write(`${plan.role} ${market} perp`, { chain: null, account, gas, address: venue, abi: marginVenueAbi, functionName: 'trade', args: [marketId, toWad(size), size > 0 ? maxUint256 : 0n, false] })
    }
    for (const { market, margin, size } of plan.isolated) {
      const marketId = marketIdOf(directory.markets, market)
      await write(`${plan.role} isolated ${market} perp`, {
        chain: null,
        account,
        gas,
        address: venue,
        abi: marginVenueAbi,
        functionName: 'openIsolated',
        args: [marketId, parseUnits(String(margin), 6), toWad(size), size > 0 ? maxUint256 : 0n],
      })
    }
  }
}

function marketIdOf(markets: Record<string, bigint>, symbol: string): bigint {
  const id = markets[symbol]
  if (id === undefined) throw new Error(`The venue lists no market ${symbol}.`)
  return id
}
