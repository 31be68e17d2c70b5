import { encodeAbiParameters, type Hex } from 'viem'

/** PythStructs.Price: int64 price, uint64 conf, int32 expo, uint publishTime (the price and its EMA). */
const pythPriceComponents = [
  { name: 'price', type: 'int64' },
  { name: 'conf', type: 'uint64' },
  { name: 'expo', type: 'int32' },
  { name: 'publishTime', type: 'uint256' },
] as const

/**
 * ABI of one MockPyth update: `abi.encode(PythStructs.PriceFeed priceFeed, uint64 prevPublishTime)`
 * (node_modules/@pythnetwork/pyth-sdk-solidity/MockPyth.sol, `createPriceFeedUpdateData`;
 * PythStructs.sol for the struct). `updatePriceFeeds` decodes the leading `PriceFeed`,
 * `parsePriceFeedUpdates` decodes both.
 */
export const priceFeedUpdateParameters = [
  {
    name: 'priceFeed',
    type: 'tuple',
    components: [
      { name: 'id', type: 'bytes32' },
      {
        name: 'price',
        type: 'tuple',
        components: pythPriceComponents,
      },
      {
        name: 'emaPrice',
        type: 'tuple',
        components: pythPriceComponents,
      },
    ],
  },
  { name: 'prevPublishTime', type: 'uint64' },
] as const

export type EncodePriceFeedUpdateParameters = {
  /** Feed id, `0x` + 64 hex digits. */
  id: Hex
  /** Price, int64, in units of 10^expo USD. */
  price: bigint
  /** Confidence, uint64, same units. */
  conf: bigint
  /** Exponent, int32 (−8 for the four feeds). */
  expo: number
  /** EMA price and confidence, same exponent. */
  emaPrice: bigint
  emaConf: bigint
  /** Unix seconds (uint64 here, `uint` in the struct). */
  publishTime: number
  /** Publish time of the previous update of the feed, unix seconds (uint64; 0 before the first). */
  prevPublishTime: number
}

/**
 * The bytes MockPyth's `updatePriceFeeds(bytes[])` takes for one feed: exactly what
 * `MockPyth.createPriceFeedUpdateData(id, price, conf, expo, emaPrice, emaConf, publishTime,
 * prevPublishTime)` returns, with the EMA sharing the price's exponent and publish time as
 * there. The devnet's Hermes stream sends these bytes (hex or base64) in `binary.data`, one
 * element per feed, so a client can push exactly the streamed update on-chain.
 *
 * viem validates the ranges (int64, uint64, int32) and throws its own error when a value does
 * not fit.
 *
 * @example
 * encodePriceFeedUpdate({ id: priceFeedId('BTC'), price: 6_500_000_000_000n, conf: 2_000_000_000n, expo: -8,
 *   emaPrice: 6_499_000_000_000n, emaConf: 2_100_000_000n, publishTime: 1_700_000_000, prevPublishTime: 1_699_999_999 })
 * // '0xe62df6c8…': 10 words of 32 bytes (id, the price struct, the EMA struct, prevPublishTime)
 */
export function encodePriceFeedUpdate(update: EncodePriceFeedUpdateParameters): Hex {
  const publishTime = BigInt(update.publishTime)
  return encodeAbiParameters(priceFeedUpdateParameters, [
    {
      id: update.id,
      price: { price: update.price, conf: update.conf, expo: update.expo, publishTime },
      emaPrice: { price: update.emaPrice, conf: update.emaConf, expo: update.expo, publishTime },
    },
    BigInt(update.prevPublishTime),
  ])
}
