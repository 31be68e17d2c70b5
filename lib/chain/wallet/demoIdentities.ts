import type { Address, Hex } from 'viem'

/**
 * Who the demo wallet acts as: the seeded retail trader (one leveraged ETH perp), the seeded
 * power user (a cross-margin book with an isolated position), or a fresh burner the faucet funds.
 */
export type DemoIdentity = 'retail' | 'powerUser' | 'burner'

/** Every identity, in menu order. */
export const demoIdentities: readonly DemoIdentity[] = ['retail', 'powerUser', 'burner']

/** What the menu calls each identity. */
export const demoIdentityLabels: Record<DemoIdentity, string> = { retail: 'Retail', powerUser: 'Power user', burner: 'Burner' }

/**
 * Private keys of the seeded demo traders: anvil's PUBLIC dev keys #3 and #4 (derived from the
 * mnemonic "test test … junk" that every anvil and hardhat node prints at start-up). DEVNET ONLY:
 * anyone can sign with them, and bots sweep any real-network funds sent to their addresses
 * within seconds. The demo wallet refuses to sign for any chain but 31337
 * (`createDemoProvider`), and `createWagmiConfig` adds it only in demo mode.
 *
 * retail    0x90F79bf6EB2c4f870365E785982E1f101E93b906 (anvil #3)
 * powerUser 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65 (anvil #4)
 */
export const seededDemoKeys = {
  retail: '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  powerUser: '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
} as const satisfies Record<Exclude<DemoIdentity, 'burner'>, Hex>

/** Narrows a stored or user-given value to an identity. */
export function isDemoIdentity(value: unknown): value is DemoIdentity {
  return typeof value === 'string' && (demoIdentities as readonly string[]).includes(value)
}

/** The seeded traders' addresses (of {@link seededDemoKeys}; a test checks they match). */
export const seededDemoAddresses = {
  retail: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  powerUser: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
} as const satisfies Record<Exclude<DemoIdentity, 'burner'>, Address>
