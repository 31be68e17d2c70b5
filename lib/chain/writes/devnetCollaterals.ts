import type { Address } from 'viem'
import { devnetAddresses } from '../generated/addresses'

/** A collateral as the page sends it: the venue's id, the token, its decimals. */
export type CollateralToken = { symbol: 'USDC' | 'WETH' | 'wstETH'; id: bigint; token: Address; decimals: number }

/**
 * The devnet venue's collaterals in listing order (USDC is collateral 0 by construction; WETH and
 * wstETH follow, devnet/deploy.ts). Checked against the venue's `getCollaterals()` in
 * venueWrites.test.ts.
 */
export const devnetCollaterals: readonly CollateralToken[] = [
  { symbol: 'USDC', id: 0n, token: devnetAddresses.usdc, decimals: 6 },
  { symbol: 'WETH', id: 1n, token: devnetAddresses.weth, decimals: 18 },
  { symbol: 'wstETH', id: 2n, token: devnetAddresses.wstEth, decimals: 18 },
]
