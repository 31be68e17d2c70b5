import { bytesToHex, type Address, type Hex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'

/** Anvil's well-known dev mnemonic: every fresh anvil funds its first ten accounts with 10,000 ETH. */
export const anvilMnemonic = 'test test test test test test test test test test test junk'

/** What each dev account does in the demo (index = anvil's account index). */
export const devnetRoles = {
  deployer: 0,
  keeper: 1,
  liquidationBot: 2,
  retail: 3,
  powerUser: 4,
  background: [5, 6, 7, 8],
} as const

export type DevnetAccount = { address: Address; privateKey: Hex }

/**
 * Anvil dev account `index` (BIP-44 path m/44'/60'/0'/0/index of {@link anvilMnemonic}):
 * devnet-only keys, public to anyone who has run anvil. Never use them on a real network.
 *
 * @example
 * devnetAccount(devnetRoles.retail).address // '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
 */
export function devnetAccount(index: number): DevnetAccount {
  const known = derived.get(index)
  if (known !== undefined) return known
  const account = mnemonicToAccount(anvilMnemonic, { addressIndex: index })
  const key = account.getHdKey().privateKey
  if (key === null) throw new Error(`No private key for anvil account ${index}.`)
  const result = { address: account.address, privateKey: bytesToHex(key) }
  derived.set(index, result)
  return result
}

/** BIP-39 seed derivation is a 2048-round PBKDF2: derive each account once. */
const derived = new Map<number, DevnetAccount>()
