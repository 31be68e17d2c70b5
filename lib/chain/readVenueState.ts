import type { Address, Chain, Client, GetBlockErrorType, ReadContractErrorType, Transport } from 'viem'
import { getBlock, readContract } from 'viem/actions'
import type { Account } from '../core/risk/types'
import { marginVenueAbi } from './generated/abis'
import { devnetAddresses } from './generated/addresses'
import { toEngineAccount, type ToEngineAccountErrorType } from './toEngineAccount'
import { toEngineMarkets } from './toEngineMarkets'
import { toEngineRiskParams } from './toEngineRiskParams'
import { toFeedStatus } from './toFeedStatus'
import { toMarketStatus, type ToMarketStatusErrorType } from './toMarketStatus'
import { toVenueHealth, type ToVenueHealthErrorType } from './toVenueHealth'
import { fromWad } from './fromWad'
import type { VenueAccountHealth, VenueState } from './types'

export type ReadVenueStateParameters = {
  /** The venue; `devnetAddresses.marginVenue` by default. */
  venue?: Address
  /** Accounts to read (`getAccount`), in any letter case; may be empty. */
  accounts: readonly Address[]
  /** Block to read at; the latest block when omitted. */
  blockNumber?: bigint
  /** Also read the venue's own `accountHealth` for each account (one more call each). Default false. */
  accountHealth?: boolean
}

export type ReadVenueStateReturnType = VenueState

export type ReadVenueStateErrorType =
  | GetBlockErrorType
  | ReadContractErrorType
  | ToEngineAccountErrorType
  | ToMarketStatusErrorType
  | ToVenueHealthErrorType

/**
 * Reads what the engine needs from the venue at one block — `getMarkets`, `getCollaterals`,
 * `riskParams`, `optionParams`, and `getAccount` (plus `accountHealth` when asked) for each account — and converts
 * it to lib/core types (DESIGN.md §3: WAD on-chain, numbers in the engine; `toEngineMarkets`,
 * `toEngineRiskParams`, `toEngineAccount`, `toMarketStatus`, `toVenueHealth`).
 *
 * Every call names the same block, so markets, parameters and accounts are one consistent state:
 * the funding the views accrue "up to now" is accrued to that block's timestamp, which becomes
 * `markets.now`. The block header is fetched first (one round trip; without `blockNumber` this
 * pins the latest block), then all views in parallel. Works with any viem client and transport, in a browser, a worker or Node.
 *
 * @throws {ReadVenueStateErrorType} When the node fails or the views do not decode; a conversion
 *   error means views that disagree with each other (different blocks) or a newer ABI.
 *
 * @example
 * const state = await readVenueState(client, { accounts: [trader] })
 * const risk = evaluateAccount(state.accounts[trader.toLowerCase()], state.markets, state.params)
 */
export async function readVenueState<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { venue = devnetAddresses.marginVenue, accounts, blockNumber, accountHealth = false }: ReadVenueStateParameters,
): Promise<ReadVenueStateReturnType> {
  // The block first: without one named, this pins the latest, so every view below reads one state.
  const block = await getBlock(client, blockNumber === undefined ? { blockTag: 'latest' } : { blockNumber })
  const at = block.number
  const view = { address: venue, abi: marginVenueAbi, blockNumber: at } as const
  const [marketViews, collateralViews, riskParams, optionParams, accountViews, healthViews] = await Promise.all([
    readContract(client, { ...view, functionName: 'getMarkets' }),
    readContract(client, { ...view, functionName: 'getCollaterals' }),
    readContract(client, { ...view, functionName: 'riskParams' }),
    readContract(client, { ...view, functionName: 'optionParams' }),
    Promise.all(accounts.map((account) => readContract(client, { ...view, functionName: 'getAccount', args: [account] }))),
    accountHealth ? Promise.all(accounts.map((account) => readContract(client, { ...view, functionName: 'accountHealth', args: [account] }))) : undefined,
  ])

  const chainTime = Number(block.timestamp)
  const keys = accounts.map((account) => account.toLowerCase() as Lowercase<Address>)
  const engineAccounts: Record<Lowercase<Address>, Account> = {}
  accountViews.forEach((account, i) => {
    engineAccounts[keys[i] as Lowercase<Address>] = toEngineAccount({ account, markets: marketViews, collaterals: collateralViews })
  })
  let venueHealth: Record<Lowercase<Address>, VenueAccountHealth> | undefined
  if (healthViews !== undefined) {
    venueHealth = {}
    for (const [i, health] of healthViews.entries()) venueHealth[keys[i] as Lowercase<Address>] = toVenueHealth({ health, markets: marketViews })
  }
  return {
    blockNumber: at,
    chainTime,
    markets: toEngineMarkets({ markets: marketViews, collaterals: collateralViews, chainTime }),
    params: toEngineRiskParams({ riskParams, markets: marketViews, collaterals: collateralViews }),
    optionTradingParams: { spread: fromWad(optionParams.spread), feeRate: fromWad(optionParams.feeRate), feeCap: fromWad(optionParams.feeCap) },
    accounts: engineAccounts,
    ...(venueHealth === undefined ? {} : { venueHealth }),
    marketStatus: Object.fromEntries(marketViews.map((market) => [market.symbol, toMarketStatus(market)])),
    collateralStatus: Object.fromEntries(collateralViews.map((c) => [c.symbol, toFeedStatus(c.priceStatus, `${c.symbol}.priceStatus`)])),
  }
}
