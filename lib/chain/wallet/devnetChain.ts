import { defineChain } from 'viem'
import { foundry } from 'viem/chains'
import { devnetChainId } from '../generated/addresses'

export type DevnetChainParameters = {
  /** The devnet's JSON-RPC over HTTP, e.g. `http://127.0.0.1:8545` (the page reads `MARGINFLOW_RPC_URL` at request time). */
  rpcUrl: string
  /** Its WebSocket endpoint, when known (`ws://127.0.0.1:8545`). */
  wsUrl?: string
}

/**
 * The demo devnet as a viem chain: anvil (viem's `foundry`, chain id 31337) at the RPC URL the
 * server hands the page, so one build serves any devnet port. Injected wallets that do not know
 * the chain are offered exactly this (name, ETH, RPC URL) by `wallet_addEthereumChain`.
 *
 * @example
 * devnetChain({ rpcUrl: 'http://127.0.0.1:8545' }) // { id: 31337, name: 'Marginflow devnet', rpcUrls: { default: { http: ['http://127.0.0.1:8545'] } }, … }
 */
export function devnetChain({ rpcUrl, wsUrl }: DevnetChainParameters) {
  return defineChain({
    ...foundry,
    id: devnetChainId,
    name: 'Marginflow devnet',
    rpcUrls: { default: wsUrl === undefined ? { http: [rpcUrl] } : { http: [rpcUrl], webSocket: [wsUrl] } },
    testnet: true,
  })
}

/** The devnet viem chain (`devnetChain`'s return type). */
export type DevnetChain = ReturnType<typeof devnetChain>
