import type { Address, Chain, Client, Transport } from 'viem'
import { readContract } from 'viem/actions'
import type { Account, Markets, RiskParams } from '../core/risk/types'
import { marginVenueAbi } from './generated/abis'
import { readVenueState, type ReadVenueStateErrorType } from './readVenueState'
import type { AccountHealthView } from './types'

/** One trader's engine inputs and the venue's own verdicts, all from one block. */
export type VenueReading = {
  account: Account
  markets: Markets
  params: RiskParams
  /** The venue's `accountHealth` exactly as returned (WAD), for wei-level comparisons. */
  health: AccountHealthView
  /** `isLiquidatable(trader)`: whether `liquidate` would go through at that block. */
  liquidatable: boolean
  /** Per isolated id, the venue's liquidation flag from `health`. */
  isolatedLiquidatable: Record<string, boolean>
}

export type ReadEngineInputsErrorType = ReadVenueStateErrorType

/**
 * One trader's account, markets and parameters in lib/core units (`readVenueState`) together
 * with the venue's own figures for the same block, left in WAD: `accountHealth` and
 * `isLiquidatable`. For checks of the engine against the contract (the parity suite, the
 * liquidation bot's tests) rather than the page, which uses `readVenueState` and `watchVenue`.
 *
 * @param blockNumber Every read names this block, so the venue's figures and the engine's inputs
 *   describe the same state.
 *
 * @example
 * const reading = await readEngineInputs(client, devnetAddresses.marginVenue, trader, blockNumber)
 * evaluateAccount(reading.account, reading.markets, reading.params).equity // ≈ fromWad(reading.health.cross.equity)
 */
export async function readEngineInputs<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  venue: Address,
  trader: Address,
  blockNumber: bigint,
): Promise<VenueReading> {
  const view = { address: venue, abi: marginVenueAbi, blockNumber } as const
  const [state, health, liquidatable] = await Promise.all([
    readVenueState(client, { venue, accounts: [trader], blockNumber }),
    readContract(client, { ...view, functionName: 'accountHealth', args: [trader] }),
    readContract(client, { ...view, functionName: 'isLiquidatable', args: [trader] }),
  ])
  const account = state.accounts[trader.toLowerCase() as Lowercase<Address>]
  if (account === undefined) throw new Error('unreachable: readVenueState returns every account asked for')
  return {
    account,
    markets: state.markets,
    params: state.params,
    health,
    liquidatable,
    isolatedLiquidatable: Object.fromEntries(health.isolated.map((position) => [String(position.id), position.liquidatable])),
  }
}
