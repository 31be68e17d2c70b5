import type { FeedUpdate } from '../../lib/core/oracle/types'
import type { PublishedPriceUpdate, PublishedVolatilityUpdate } from '../hermes/createHermesServer'

/** A published Pyth update as the oracle guards read it (USD numbers). */
export function priceFeedUpdate(update: PublishedPriceUpdate): FeedUpdate {
  const scale = 10 ** update.expo
  return { price: Number(update.price) * scale, conf: Number(update.conf) * scale, publishTime: update.publishTime }
}

/** A published volatility-index update as the oracle guards read it (annualised vol). */
export function volatilityFeedUpdate(update: PublishedVolatilityUpdate): FeedUpdate {
  return { price: Number(update.volatility) / 1e18, conf: Number(update.conf) / 1e18, publishTime: update.publishTime }
}
