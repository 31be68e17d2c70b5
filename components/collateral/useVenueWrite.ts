'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import type { Address, Hash, PublicClient, WalletClient } from 'viem'
import { useConnection, usePublicClient, useWalletClient } from 'wagmi'
import { useEngine } from '@/components/engine/EngineProvider'
import { devnetChainId } from '@/lib/chain/generated/addresses'
import { sendVenueWrite, type WriteStage } from '@/lib/chain/writes/sendVenueWrite'
import type { VenueCall } from '@/lib/chain/writes/venueCall'

/** A call, or a builder that needs the wallet first (the permit of a one-click deposit). */
export type VenueCallSource = VenueCall | ((clients: { walletClient: WalletClient; publicClient: PublicClient; owner: Address }) => Promise<VenueCall>)

/**
 * What a write's status line shows: its lifecycle (`WriteStage`), or `lost` — it was confirmed
 * (or sent) on a chain the page no longer reads, because the devnet was reset or restarted since,
 * so it is not on the current chain and must not read as confirmed.
 */
export type VenueWriteStage = WriteStage | { stage: 'lost'; hash: Hash; was: 'confirmed' | 'pending' }

const markets = ['BTC', 'ETH', 'SOL'] as const

/** A write between its start and its end (simulating, awaiting a signature, pending): not confirmed, failed or lost. */
export function isWriteInFlight(stage: VenueWriteStage | null): boolean {
  return stage !== null && stage.stage !== 'confirmed' && stage.stage !== 'failed' && stage.stage !== 'lost'
}

/**
 * One venue write with its visible lifecycle (simulating → awaiting signature → pending →
 * confirmed / failed with the decoded reason and the hash). The figures update by themselves
 * after confirmation: the engine worker re-reads the venue on the account's events.
 *
 * Nothing is sent to a wallet on another chain: `ready` is false and `run` refuses until it is on
 * the devnet (the header's "Switch to devnet" prompt does that). When the engine's chain goes back
 * below the block the last write was mined in, or rewinds and no longer knows its hash, the write
 * is marked `lost` instead of staying "Confirmed".
 */
export function useVenueWrite() {
  const { address, chainId } = useConnection()
  const { data: walletClient } = useWalletClient()
  const publicClient = usePublicClient()
  const [stage, setStage] = useState<VenueWriteStage | null>(null)
  // Each run (and each mark as lost) starts a new generation: stages from an older one are dropped,
  // so a receipt poll left running for a transaction of a vanished chain cannot overwrite the mark.
  const generation = useRef(0)
  const busy = isWriteInFlight(stage)
  const onDevnet = chainId === devnetChainId
  // A refusal for the wrong network no longer holds once the wallet is on the devnet (state adjusted while rendering, React's documented pattern).
  if (onDevnet && stage?.stage === 'failed' && stage.error.name === 'WrongNetwork') setStage(null)
  useMarkLostOnNewChain(stage, publicClient as PublicClient | undefined, (lost) => {
    generation.current += 1
    setStage(lost)
  })

  const run = useCallback(
    async (source: VenueCallSource) => {
      const id = ++generation.current
      const refuse = (name: string, message: string) => {
        const failed: WriteStage = { stage: 'failed', error: { name, message, rejected: false } }
        setStage(failed)
        return failed
      }
      // First: on another chain wagmi has no wallet client either, and "connect a wallet" would be wrong.
      if (address && !onDevnet) return refuse('WrongNetwork', `Your wallet is on chain ${chainId}: switch it to the devnet (${devnetChainId}) to sign.`)
      if (!walletClient || !publicClient || !address) return refuse('NoWallet', 'Connect a wallet first.')
      const call = typeof source === 'function' ? () => source({ walletClient, publicClient: publicClient as PublicClient, owner: address }) : source
      return sendVenueWrite({
        publicClient: publicClient as PublicClient,
        walletClient,
        account: address,
        call,
        markets,
        onStage: (next) => {
          if (generation.current === id) setStage(next)
        },
      })
    },
    [walletClient, publicClient, address, onDevnet, chainId],
  )

  return {
    stage,
    busy,
    run,
    reset: () => {
      generation.current += 1
      setStage(null)
    },
    ready: Boolean(walletClient && publicClient && address && onDevnet),
  }
}

/**
 * Watches the engine's chain height while a write is confirmed or pending. When the height steps
 * back (the devnet was reset or restarted), a block height below the one the write was mined in
 * means its block is not on this chain (heights are contiguous); otherwise the node is asked — a
 * receipt for a confirmed write, the transaction itself (mined or in the pool) for a pending one.
 * Only a step back counts: the engine may still be a block behind a receipt the wallet just saw.
 */
function useMarkLostOnNewChain(stage: VenueWriteStage | null, publicClient: PublicClient | undefined, markLost: (lost: VenueWriteStage) => void) {
  const chainBlock = useEngine((state) => state.chain.blockNumber)
  const previous = useRef<bigint | null>(null)
  const markLostRef = useRef(markLost)
  const stageRef = useRef(stage)
  useEffect(() => {
    markLostRef.current = markLost
    stageRef.current = stage
  })

  useEffect(() => {
    if (chainBlock === null) return
    const block = BigInt(chainBlock)
    const rewound = previous.current !== null && block < previous.current
    previous.current = block
    if (!rewound || stage === null || (stage.stage !== 'confirmed' && stage.stage !== 'pending')) return
    const lost: VenueWriteStage = { stage: 'lost', hash: stage.hash, was: stage.stage }
    if (stage.stage === 'confirmed' && block < stage.blockNumber) return markLostRef.current(lost)
    if (publicClient === undefined) return
    const known = stage.stage === 'confirmed' ? publicClient.getTransactionReceipt({ hash: stage.hash }) : publicClient.getTransaction({ hash: stage.hash })
    known.then(
      () => undefined,
      (error: unknown) => {
        // Only "not found" says the transaction is gone; a node that does not answer says nothing.
        // Not awaited by the effect: the next block must not cancel the answer; a newer write must.
        const name = (error as { name?: unknown }).name
        if (stageRef.current === stage && (name === 'TransactionReceiptNotFoundError' || name === 'TransactionNotFoundError')) markLostRef.current(lost)
      },
    )
  }, [chainBlock, stage, publicClient])
}
