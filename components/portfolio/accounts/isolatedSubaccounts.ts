import type { AccountSnapshot } from '@/lib/engine/protocol'

/** One isolated position of the account, as the switcher lists it (a margin book of its own). */
export type IsolatedSubaccount = {
  /** The venue's isolated-position id. */
  id: string
  underlying: string
  /** Signed perp size, base units (> 0 long). */
  size: number
}

/**
 * The account's "subaccounts" (issue 9): the venue keeps each isolated position on its own
 * margin, separate from the cross book, so the switcher lists them under the account. Read from
 * the engine's evaluation (`risk.isolated`); none until the book is loaded. Sizes that are not
 * finite numbers are dropped rather than shown as NaN.
 *
 * @example
 * isolatedSubaccounts(snapshot) // [{ id: '3', underlying: 'ETH', size: 2.5 }]
 */
export function isolatedSubaccounts(account: Pick<AccountSnapshot, 'risk'> | null | undefined): IsolatedSubaccount[] {
  return (account?.risk?.isolated ?? []).filter((isolated) => Number.isFinite(isolated.position.size)).map((isolated) => ({ id: isolated.id, underlying: isolated.position.underlying, size: isolated.position.size }))
}
