import type { Hex } from 'viem'
import { generatePrivateKey } from 'viem/accounts'

/** Where the burner key is kept: the browser's `localStorage`, or any object with the same two methods. */
export type BurnerKeyStorage = Pick<Storage, 'getItem' | 'setItem'>

/** The `localStorage` key of the burner's private key. */
export const burnerKeyStorageKey = 'marginflow.demoWallet.burnerKey'

const privateKeyPattern = /^0x[0-9a-fA-F]{64}$/

/**
 * The demo wallet's burner key: read from `storage`, or generated in this browser
 * (`generatePrivateKey`, a CSPRNG) and stored there on first use, so the burner survives a
 * reload. A stored value that is not a 32-byte hex key is replaced. Without storage (server
 * rendering, a browser that refuses `localStorage`) the key lives in memory only and a reload
 * makes a new burner. DEVNET ONLY: the key sits in plain text in `localStorage` (any script on
 * the page can read it), which is fine for faucet money on a local chain and nothing else.
 *
 * @example
 * const key = loadBurnerKey(window.localStorage) // '0x…' (64 hex digits), the same on every call
 */
export function loadBurnerKey(storage: BurnerKeyStorage | undefined = browserStorage()): Hex {
  let stored: string | null = null
  try {
    stored = storage?.getItem(burnerKeyStorageKey) ?? null
  } catch {
    // storage refused (e.g. blocked cookies/site data): fall through to a key in memory
  }
  if (stored !== null && privateKeyPattern.test(stored)) return stored as Hex
  const key = generatePrivateKey()
  try {
    storage?.setItem(burnerKeyStorageKey, key)
  } catch {
    // quota or privacy settings: the burner lasts as long as the page
  }
  return key
}

/** `localStorage` when there is a browser and it lets us in; nothing during server rendering. */
function browserStorage(): BurnerKeyStorage | undefined {
  if (typeof window === 'undefined') return undefined
  try {
    return window.localStorage
  } catch {
    return undefined
  }
}
