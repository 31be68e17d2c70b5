import type { PublicClient } from 'viem'
import type { ChainBlock } from './createKeeper'

export type WatchChainBlocksParameters = {
  publicClient: PublicClient
  /** Called once per new head, never concurrently: a slow handler delays the next, it does not overlap it. */
  onBlock: (block: ChainBlock) => Promise<void>
  /** Called when the node does not answer; the watcher keeps polling. */
  onError: (error: unknown) => void
  /** Poll period, ms (100 by default: a tenth of the demo's block time). */
  intervalMs?: number
}

export type ChainBlockWatcher = {
  /** Wall-clock ms when a new block was last seen (or when watching began). */
  lastBlockSeenAt: () => number
  latest: () => ChainBlock | null
  stop: () => Promise<void>
}

/**
 * Polls the node's latest block and hands each new head to `onBlock`, in order, one at a time.
 * Blocks mined while the handler ran are skipped to the newest (the keeper wants the present,
 * not a backlog); a different head at a lower height (after a snapshot revert) counts as new. Polling, not `eth_subscribe`: it survives a node restart and works the same
 * over HTTP.
 */
export function watchChainBlocks({ publicClient, onBlock, onError, intervalMs = 100 }: WatchChainBlocksParameters): ChainBlockWatcher {
  let stopped = false
  let latest: ChainBlock | null = null
  let latestHash: string | null = null
  let lastSeenAt = Date.now()
  const loop = (async () => {
    while (!stopped) {
      try {
        const block = await publicClient.getBlock({ blockTag: 'latest' })
        if (block.hash !== latestHash) {
          latestHash = block.hash
          latest = { number: block.number, timestamp: Number(block.timestamp) }
          lastSeenAt = Date.now()
          await onBlock(latest)
        }
      } catch (error) {
        onError(error)
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs))
    }
  })()
  return {
    lastBlockSeenAt: () => lastSeenAt,
    latest: () => latest,
    stop: async () => {
      stopped = true
      await loop
    },
  }
}
