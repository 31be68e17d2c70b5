import { isAddress, type Address } from 'viem'

/** Whose book the portfolio page shows. */
export type WatchTarget =
  /** No `?address=`: the connected wallet's account. */
  | { kind: 'wallet' }
  /** `?address=0x…`: that account, read only (lower case, as the engine keys accounts). */
  | { kind: 'watch'; address: Address }
  /** `?address=` that is not an address: nothing is watched; `reason` says why, for the page. */
  | { kind: 'invalid'; input: string; reason: string }

/**
 * Reads the portfolio page's `?address=` query parameter (issue 9: "watch any address read-only").
 * A 0x-prefixed 40-hex-digit address is accepted in lower or upper case, or mixed case with a
 * valid EIP-55 checksum (a wrong checksum usually means a typo, so it is refused rather than
 * silently lower-cased). An empty parameter means the wallet's own account.
 *
 * @example
 * parseWatchAddress('0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65') // { kind: 'watch', address: '0x15d34aaf54267db7d7c367839aaf71a00a2c6a65' }
 * parseWatchAddress('0x123') // { kind: 'invalid', input: '0x123', reason: '… 0x followed by 40 hexadecimal digits …' }
 */
export function parseWatchAddress(raw: string | string[] | undefined): WatchTarget {
  if (Array.isArray(raw)) {
    if (raw.length > 1) return { kind: 'invalid', input: raw.join(', '), reason: 'Give one address to watch, not several.' }
    raw = raw[0]
  }
  const input = (raw ?? '').trim()
  if (input === '') return { kind: 'wallet' }
  if (!/^0x[0-9a-fA-F]{40}$/.test(input)) return { kind: 'invalid', input, reason: 'An address is 0x followed by 40 hexadecimal digits.' }
  const digits = input.slice(2)
  const singleCase = digits === digits.toLowerCase() || digits === digits.toUpperCase()
  if (!singleCase && !isAddress(input, { strict: true })) return { kind: 'invalid', input, reason: 'The mixed-case checksum (EIP-55) does not match: check for a typo, or paste it in lower case.' }
  return { kind: 'watch', address: input.toLowerCase() as Address }
}
