import { encodeAbiParameters, type Hex } from 'viem'

/**
 * ABI of one volatility-index update: the arguments of the venue's
 * `VolatilityIndex.push(bytes32 underlying, uint256 volatility, uint256 conf, uint64 publishTime)`
 * (contracts/src/oracle/VolatilityIndex.sol).
 */
export const volatilityUpdateParameters = [
  { name: 'underlying', type: 'bytes32' },
  { name: 'volatility', type: 'uint256' },
  { name: 'conf', type: 'uint256' },
  { name: 'publishTime', type: 'uint64' },
] as const

export type EncodeVolatilityUpdateParameters = {
  /** The index key, `bytes32(symbol)` (`volatilityFeedId`). */
  id: Hex
  /** Annualised volatility in WAD (0.6e18 = 60 %/yr). */
  volatility: bigint
  /** Confidence, WAD. */
  conf: bigint
  /** Unix seconds. */
  publishTime: number
}

/**
 * The bytes the devnet's volatility stream sends in `binary.data` for one feed: the ABI-encoded
 * argument tuple of `VolatilityIndex.push`, so `0x` + push's selector + these bytes is the call
 * that records exactly the streamed value on-chain.
 *
 * @example
 * encodeVolatilityUpdate({ id: volatilityFeedId('ETH'), volatility: 650_000_000_000_000_000n, conf: 5_000_000_000_000_000n, publishTime: 1_700_000_000 })
 * // '0x4554480000…': 4 words of 32 bytes
 */
export function encodeVolatilityUpdate(update: EncodeVolatilityUpdateParameters): Hex {
  return encodeAbiParameters(volatilityUpdateParameters, [update.id, update.volatility, update.conf, BigInt(update.publishTime)])
}
