import { BaseError, decodeErrorResult, type Hash, type Hex, type PublicClient, type TransactionReceipt } from 'viem'
import { marginVenueAbi } from '../../lib/chain/generated/abis'

export type RevertReasonParameters = {
  client: PublicClient
  /** The reverted transaction's receipt. */
  receipt: TransactionReceipt
}

/** A decoded revert: the venue's error name (e.g. `NotLiquidatable`, `MarketHalted`) and its arguments. */
export type RevertReasonReturnType = {
  /** The error's name; `unknown` when no revert data could be recovered or decoded. */
  errorName: string
  args: readonly unknown[]
}

/**
 * Why a mined transaction to the venue reverted. A receipt carries no revert data, so it is
 * recovered in two ways: the node's call trace of the transaction (`debug_traceTransaction` with
 * the `callTracer`, which anvil and geth serve; exact, since it is the transaction's own
 * execution), else a replay of the same call on the state before its block (exact when it was
 * the block's first transaction, as with anvil's automine). The data is decoded against the
 * venue's ABI, which includes its modules' errors and OpenZeppelin's; `Error(string)` and
 * `Panic(uint256)` decode too.
 *
 * @example
 * await revertReason({ client, receipt }) // { errorName: 'NotLiquidatable', args: [3_275…n, 4_024…n] }
 */
export async function revertReason({ client, receipt }: RevertReasonParameters): Promise<RevertReasonReturnType> {
  const data = (await tracedRevertData(client, receipt.transactionHash)) ?? (await replayedRevertData(client, receipt))
  if (data === undefined || data === '0x') return { errorName: 'unknown', args: [] }
  try {
    const decoded = decodeErrorResult({ abi: marginVenueAbi, data })
    return { errorName: decoded.errorName, args: decoded.args ?? [] }
  } catch {
    return { errorName: `unknown (${data.slice(0, 10)})`, args: [] }
  }
}

async function tracedRevertData(client: PublicClient, hash: Hash): Promise<Hex | undefined> {
  try {
    const trace = (await client.request({
      method: 'debug_traceTransaction',
      params: [hash, { tracer: 'callTracer' }],
    } as never)) as { output?: Hex; error?: string } | null
    return trace?.error !== undefined && trace.output !== undefined ? trace.output : undefined
  } catch {
    // Not every node serves debug_*; the replay below needs only eth_call.
    return undefined
  }
}

async function replayedRevertData(client: PublicClient, receipt: TransactionReceipt): Promise<Hex | undefined> {
  try {
    const transaction = await client.getTransaction({ hash: receipt.transactionHash })
    if (transaction.to === null) return undefined
    await client.call({ account: transaction.from, to: transaction.to, data: transaction.input, gas: transaction.gas, blockNumber: receipt.blockNumber - 1n })
    // The replay went through: the state the transaction saw differed (another transaction of its block came first).
    return undefined
  } catch (error) {
    if (!(error instanceof BaseError)) return undefined
    const withData = error.walk((cause) => typeof (cause as { data?: unknown }).data === 'string')
    const data = (withData as { data?: unknown } | null)?.data
    return typeof data === 'string' ? (data as Hex) : undefined
  }
}
