import type { Hash, PublicClient, TransactionReceipt } from 'viem'

export type ConfirmTransactionParameters = {
  /** Seconds to wait for the receipt before giving up (60 by default). */
  timeoutSeconds?: number
  /** What the transaction does, for the error message (e.g. `deposit USDC`). */
  label?: string
}

/**
 * Waits for a sent transaction's receipt and throws if it reverted or was not mined in time.
 * Polls `eth_getTransactionReceipt` every 20 ms rather than watching blocks: viem's block
 * watcher can miss anvil's instant (automine) blocks.
 *
 * @example
 * await confirmTransaction(publicClient, walletClient.writeContract({ ... }), { label: 'deposit' })
 */
export async function confirmTransaction(
  publicClient: PublicClient,
  pending: Promise<Hash> | Hash,
  { timeoutSeconds = 60, label = 'transaction' }: ConfirmTransactionParameters = {},
): Promise<TransactionReceipt> {
  const hash = await pending
  const deadline = Date.now() + timeoutSeconds * 1000
  for (;;) {
    const receipt = await publicClient.getTransactionReceipt({ hash }).catch(() => undefined)
    if (receipt !== undefined) {
      if (receipt.status !== 'success') throw new Error(`${label} (${hash}) reverted.`)
      return receipt
    }
    if (Date.now() > deadline) throw new Error(`${label} (${hash}) was not mined within ${timeoutSeconds} s.`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
