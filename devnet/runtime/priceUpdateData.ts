import type { Hex } from 'viem'
import type { PublishedPriceUpdate } from '../hermes/createHermesServer'
import { encodePriceFeedUpdate } from '../hermes/encodePriceFeedUpdate'

/**
 * The MockPyth update bytes of a published price update — what the keeper pushes with
 * `updatePrices` and, for the first update at or after an option expiry, hands to
 * `settleSeries`. The EMA defaults to the price as on the stream; `prevPublishTime` to 0.
 *
 * @example
 * priceUpdateData(tick.prices[0]) // '0xe62df6c8…' (10 words: id, price, EMA, prevPublishTime)
 */
export function priceUpdateData(update: PublishedPriceUpdate): Hex {
  return encodePriceFeedUpdate({
    id: update.id as Hex,
    price: update.price,
    conf: update.conf,
    expo: update.expo,
    emaPrice: update.emaPrice ?? update.price,
    emaConf: update.emaConf ?? update.conf,
    publishTime: update.publishTime,
    prevPublishTime: update.prevPublishTime ?? 0,
  })
}
