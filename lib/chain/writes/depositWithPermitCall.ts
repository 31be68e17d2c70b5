import { parseUnits, type Address, type PublicClient, type WalletClient } from 'viem'
import { devnetAddresses } from '../generated/addresses'
import { signDepositPermit } from './signDepositPermit'
import type { VenueCall } from './venueCall'

export type DepositWithPermitCallParameters = {
  walletClient: WalletClient
  publicClient: PublicClient
  owner: Address
  collateral: { id: bigint; token: Address; decimals: number }
  /** Whole tokens (USDC in dollars). */
  amount: number
  venue?: Address
  /** Seconds the permit stays valid (one hour by default). */
  validForSeconds?: number
}

/**
 * The one-click deposit (issue 7): signs the EIP-2612 permit, then returns the
 * `depositWithPermit` call that uses it — one signature and one transaction, no separate approve.
 * Pass it to `sendVenueWrite` as a builder so the signature happens inside the write's lifecycle.
 */
export async function depositWithPermitCall({
  walletClient,
  publicClient,
  owner,
  collateral,
  amount,
  venue = devnetAddresses.marginVenue,
  validForSeconds = 3_600,
}: DepositWithPermitCallParameters): Promise<VenueCall> {
  if (!(amount > 0 && Number.isFinite(amount))) throw new Error('The amount must be a positive number.')
  const units = parseUnits(String(amount).includes('e') ? amount.toFixed(collateral.decimals) : String(amount), collateral.decimals)
  const block = await publicClient.getBlock({ blockTag: 'latest' })
  const deadline = block.timestamp + BigInt(validForSeconds)
  const { v, r, s } = await signDepositPermit({ walletClient, publicClient, owner, token: collateral.token, spender: venue, amount: units, deadline })
  return { functionName: 'depositWithPermit', args: [collateral.id, units, deadline, v, r, s] }
}
