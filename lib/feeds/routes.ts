/**
 * Paths of the Hermes v2 routes the client reads, relative to the server's base URL (live Hermes,
 * the app's relay route, or the devnet server, which serves them all under the same paths).
 */
export type StreamRoutes = {
  /** Server-sent events, one `PriceUpdate` per `data:` message. */
  stream: string
  /** The latest `PriceUpdate` of the requested ids: the backfill after a (re)connect. */
  latest: string
}

/** Pyth Hermes's own price routes. */
export const hermesPriceRoutes: StreamRoutes = { stream: 'v2/updates/price/stream', latest: 'v2/updates/price/latest' }

/** The devnet's volatility-index routes: the same format, on a route of their own. */
export const hermesVolatilityRoutes: StreamRoutes = { stream: 'v2/updates/vol/stream', latest: 'v2/updates/vol/latest' }
