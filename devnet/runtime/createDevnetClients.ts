import { createPublicClient, createTestClient, createWalletClient, http, type PublicClient, type TestClient, type WalletClient } from 'viem'
import { foundry } from 'viem/chains'

export type DevnetClients = {
  /** Reads. */
  publicClient: PublicClient
  /** Writes from anvil's unlocked dev accounts (`account` per call; anvil assigns nonces). */
  walletClient: WalletClient
  /** Anvil's own methods: time, snapshots, mining mode, balances. */
  testClient: TestClient<'anvil'>
}

/** The three viem clients the devnet runtime uses against one anvil, over HTTP. */
export function createDevnetClients(rpcUrl: string): DevnetClients {
  const transport = http(rpcUrl, { retryCount: 0 })
  return {
    publicClient: createPublicClient({ chain: foundry, transport }),
    walletClient: createWalletClient({ chain: foundry, transport }),
    testClient: createTestClient({ chain: foundry, mode: 'anvil', transport }),
  }
}
