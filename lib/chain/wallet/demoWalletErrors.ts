import { BaseError } from 'viem'

export type DemoWalletErrorParameters = {
  /** EIP-1193 provider code (4001, 4100, 4200, 4901, 4902) or the node's JSON-RPC code (e.g. 3 for a revert). */
  code: number
  /** Revert data or other payload the caller may decode (viem's `getContractError` looks for `data`). */
  data?: unknown
  cause?: Error
  details?: string
}

export type DemoWalletErrorType = DemoWalletError
/**
 * Base of every error the demo wallet's provider raises. Shaped as an EIP-1193 provider error
 * (`code`, `message`, `data`) so viem's `custom` transport maps it to its own typed errors
 * (4901 → `ChainDisconnectedError`, 4902 → `SwitchChainError`, …) with this error as the `cause`;
 * `shortMessage` is one sentence a trader can read.
 */
export class DemoWalletError extends BaseError {
  override name = 'DemoWalletError'
  readonly code: number
  readonly data?: unknown

  constructor(shortMessage: string, { code, data, cause, details }: DemoWalletErrorParameters) {
    super(shortMessage, { cause, details })
    this.code = code
    this.data = data
  }
}

export type DemoWalletChainErrorType = DemoWalletChainError
/**
 * The demo wallet holds public anvil keys and a browser-made burner key: it signs for the devnet
 * (chain 31337) and nothing else. Code 4902 ("unrecognized chain") when asked to switch or add
 * another chain; 4901 ("not connected to the requested chain") when asked to sign for one — a
 * transaction or typed data naming another chain, typed data naming none, or an RPC endpoint
 * that turns out not to be the devnet.
 */
export class DemoWalletChainError extends DemoWalletError {
  override name = 'DemoWalletChainError'
  /** The chain the request named (`undefined`: it named none). */
  readonly chainId: number | undefined
  /** The only chain the demo wallet signs for. */
  readonly devnetChainId: number

  constructor({ chainId, devnetChainId, code, reason }: { chainId: number | undefined; devnetChainId: number; code: 4901 | 4902; reason: string }) {
    super(`The demo wallet signs only for the devnet (chain ${devnetChainId}): ${reason}.`, { code })
    this.chainId = chainId
    this.devnetChainId = devnetChainId
  }
}
