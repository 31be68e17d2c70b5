import type { Address, Hash, PublicClient, WalletClient } from 'viem'
import { marginVenueAbi } from '../generated/abis'
import { devnetAddresses } from '../generated/addresses'
import { describeVenueError, type VenueErrorDescription } from './describeVenueError'
import type { VenueCall } from './venueCall'

/** Where a write is: the lifecycle a trader sees (scaffold-eth-2's transactor). */
export type WriteStage =
  | { stage: 'simulating' }
  | { stage: 'signing' }
  | { stage: 'awaitingSignature' }
  | { stage: 'pending'; hash: Hash }
  | { stage: 'confirmed'; hash: Hash; blockNumber: bigint }
  | { stage: 'failed'; error: VenueErrorDescription; hash?: Hash }

export type SendVenueWriteParameters = {
  publicClient: PublicClient
  walletClient: WalletClient
  account: Address
  /** The call, or a function that builds it after a signature step (the permit). */
  call: VenueCall | (() => Promise<VenueCall>)
  venue?: Address
  /** Market symbols by id, for readable halt messages. */
  markets?: readonly string[]
  onStage: (stage: WriteStage) => void
}

/**
 * Sends one venue write the careful way: simulate first (a revert is decoded and shown before the
 * wallet opens: nothing to sign), then the wallet's signature, then the pending transaction, then
 * its receipt. Gas is the simulation's estimate plus 50 %: an estimate made at one block's
 * timestamp can fall short at the next (the venue's oracle sync and funding accrual do
 * time-dependent work, contracts/README.md). Resolves with the final stage; never throws.
 */
export async function sendVenueWrite({ publicClient, walletClient, account, call, venue = devnetAddresses.marginVenue, markets = [], onStage }: SendVenueWriteParameters): Promise<WriteStage> {
  const finish = (stage: WriteStage) => {
    onStage(stage)
    return stage
  }
  let hash: Hash | undefined
  try {
    const built = typeof call === 'function' ? (onStage({ stage: 'signing' }), await call()) : call
    onStage({ stage: 'simulating' })
    const request = { address: venue, abi: marginVenueAbi, account, ...built } as const
    await publicClient.simulateContract(request as never)
    const estimate = await publicClient.estimateContractGas(request as never)
    onStage({ stage: 'awaitingSignature' })
    hash = await walletClient.writeContract({ ...(request as object), chain: walletClient.chain, gas: (estimate * 3n) / 2n } as never)
    onStage({ stage: 'pending', hash })
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 250 })
    if (receipt.status === 'success') return finish({ stage: 'confirmed', hash, blockNumber: receipt.blockNumber })
    // Mined but reverted (the state moved since the simulation): replay it to name the reason.
    const reason = await publicClient.simulateContract({ ...(request as object), blockNumber: receipt.blockNumber - 1n } as never).then(
      () => ({ name: 'Unknown', message: 'The transaction reverted on-chain.', rejected: false }),
      (error: unknown) => describeVenueError(error, { markets }),
    )
    return finish({ stage: 'failed', error: reason, hash })
  } catch (error) {
    return finish({ stage: 'failed', error: describeVenueError(error, { markets }), ...(hash ? { hash } : {}) })
  }
}
