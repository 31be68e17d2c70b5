'use client'

import { useCallback, useState } from 'react'
import type { Address, PublicClient, WalletClient } from 'viem'
import { useConnection, usePublicClient, useWalletClient } from 'wagmi'
import { sendVenueWrite, type WriteStage } from '@/lib/chain/writes/sendVenueWrite'
import type { VenueCall } from '@/lib/chain/writes/venueCall'

/** A call, or a builder that needs the wallet first (the permit of a one-click deposit). */
export type VenueCallSource = VenueCall | ((clients: { walletClient: WalletClient; publicClient: PublicClient; owner: Address }) => Promise<VenueCall>)

const markets = ['BTC', 'ETH', 'SOL'] as const

/**
 * One venue write with its visible lifecycle (simulating → awaiting signature → pending →
 * confirmed / failed with the decoded reason and the hash). The figures update by themselves
 * after confirmation: the engine worker re-reads the venue on the account's events.
 */
export function useVenueWrite() {
  const { address } = useConnection()
  const { data: walletClient } = useWalletClient()
  const publicClient = usePublicClient()
  const [stage, setStage] = useState<WriteStage | null>(null)
  const busy = stage !== null && stage.stage !== 'confirmed' && stage.stage !== 'failed'

  const run = useCallback(
    async (source: VenueCallSource) => {
      if (!walletClient || !publicClient || !address) {
        const failed: WriteStage = { stage: 'failed', error: { name: 'NoWallet', message: 'Connect a wallet first.', rejected: false } }
        setStage(failed)
        return failed
      }
      const call = typeof source === 'function' ? () => source({ walletClient, publicClient: publicClient as PublicClient, owner: address }) : source
      return sendVenueWrite({ publicClient: publicClient as PublicClient, walletClient, account: address, call, markets, onStage: setStage })
    },
    [walletClient, publicClient, address],
  )

  return { stage, busy, run, reset: () => setStage(null), ready: Boolean(walletClient && publicClient && address) }
}
