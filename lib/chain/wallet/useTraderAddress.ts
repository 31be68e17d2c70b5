import type { Address } from 'viem'
import { useConnection } from 'wagmi'

/**
 * The connected trader's address in lower case (the engine keys watched accounts that way), or
 * `null` when no wallet is connected. While wagmi reconnects on load it is already the address
 * the cookie recorded, so the page starts watching without waiting for the wallet. The address
 * counts whatever chain the wallet is on: the page reads the venue from the devnet either way.
 *
 * @example
 * const trader = useTraderAddress() // '0x90f79bf6eb2c4f870365e785982e1f101e93b906' | null
 */
export function useTraderAddress(): Address | null {
  const { address, status } = useConnection()
  if (address === undefined || (status !== 'connected' && status !== 'reconnecting')) return null
  return address.toLowerCase() as Address
}
