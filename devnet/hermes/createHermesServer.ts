/**
 * The devnet's Hermes: a Pyth Hermes v2–compatible HTTP server (node:http, no framework) that
 * streams the prices the devnet's keeper publishes, so the dashboard reads the demo market with
 * the same client code as live Hermes (issue 5, DESIGN.md §2 and §6).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Hex } from 'viem'
import { InvalidInputError } from '../../lib/core/errors'
import { normalizeFeedId, priceFeeds, type FeedId, type PriceFeed } from '../../lib/feeds/priceFeeds'
import { hermesPriceRoutes, hermesVolatilityRoutes } from '../../lib/feeds/routes'
import { volatilityFeeds, type VolatilityFeed } from '../../lib/feeds/volatilityFeeds'
import { createLogger, type Logger } from './createLogger'
import { encodePriceFeedUpdate } from './encodePriceFeedUpdate'
import { encodeVolatilityUpdate } from './encodeVolatilityUpdate'
import { parseHermesQuery, type HermesQuery } from './parseHermesQuery'

/** One price update to publish, in Pyth's integers (what the keeper also pushes on-chain). */
export type PublishedPriceUpdate = {
  /** Feed id (with or without `0x`, any case); must be one of the server's `feeds`. */
  id: string
  /** int64 in units of 10^expo USD. Zero and negative values are published as they are: bad ticks are the client's to reject. */
  price: bigint
  /** uint64, same units. */
  conf: bigint
  /** int32, e.g. −8. */
  expo: number
  /** Unix seconds (an older time than the feed's latest is published as an out-of-order update). */
  publishTime: number
  /** EMA price and confidence, same exponent; `price` and `conf` when omitted. */
  emaPrice?: bigint
  emaConf?: bigint
  /** The feed's previous publish time; the last published one (0 before the first) when omitted. */
  prevPublishTime?: number
}

/** One volatility-index update: the arguments of `VolatilityIndex.push`. */
export type PublishedVolatilityUpdate = {
  /** `volatilityFeedId(symbol)`; must be one of the server's `volatilityFeeds`. */
  id: string
  /** Annualised volatility, WAD (0.6e18 = 60 %/yr), at most int64's maximum (≈ 922 %/yr). */
  volatility: bigint
  /** Confidence, WAD. */
  conf: bigint
  /** Unix seconds. */
  publishTime: number
}

export type PublishReturnType = {
  /** Stream connections that received a message. */
  delivered: number
  /** Feeds whose update was older than their latest (sent only to `allow_unordered=true` subscribers). */
  outOfOrder: FeedId[]
}

export type CreateHermesServerParameters = {
  /** TCP port; 0 picks a free one (read it back from `port` / `url`). */
  port: number
  /** Interface to listen on; `127.0.0.1` when omitted. */
  host?: string
  /** Price feeds served; the four of `priceFeeds` when omitted. */
  feeds?: readonly PriceFeed[]
  /** Volatility-index feeds served; the three of `volatilityFeeds` when omitted. */
  volatilityFeeds?: readonly VolatilityFeed[]
  /** Structured logger; JSON lines at `info` on stdout when omitted. */
  logger?: Logger
  /** Period of the keep-alive comment on idle streams, ms; 15_000 (axum's `KeepAlive` default, as Hermes). */
  keepAliveInterval?: number
  /** Age at which a stream is closed with Hermes's "Connection timeout reached (24h)", ms; 24 h. */
  maxConnectionAge?: number
  /** Handles every request outside the Hermes routes (the demo's `/demo/…` and `/health`); 404 when omitted. */
  fallback?: (request: IncomingMessage, response: ServerResponse) => void
  /** Wall clock for `proof_available_time`, ms since the epoch; `Date.now` when omitted. */
  now?: () => number
}

export type HermesServer = {
  /** `http://host:port`, the base URL for `HermesClient` and `streamPriceFeeds`. */
  url: string
  port: number
  /** Publishes a batch of price updates (one Hermes "slot") to the stream and `/latest`. */
  publish: (updates: readonly PublishedPriceUpdate[]) => PublishReturnType
  /** Publishes a batch of volatility-index updates to `/v2/updates/vol/…`. */
  publishVol: (updates: readonly PublishedVolatilityUpdate[]) => PublishReturnType
  /** Fault: sends `event: error` with `message` on every open stream and keeps it open (as Hermes does for a lagging subscriber). */
  sendStreamError: (message?: string) => number
  /** Fault: cuts every open stream without a word (a network failure). Returns how many. */
  dropConnections: () => number
  /** Fault: closes every open stream the way Hermes does after 24 hours. Returns how many. */
  expireConnections: () => number
  /** Open streams and the latest publish time of every feed, for `/health`. */
  status: () => HermesServerStatus
  /** Closes every connection and stops listening. */
  close: () => Promise<void>
}

export type HermesServerStatus = {
  connections: { price: number; volatility: number }
  slot: number
  feeds: { id: FeedId; symbol: string; publishTime: number | null }[]
  volatilityFeeds: { id: FeedId; symbol: string; publishTime: number | null }[]
}

/**
 * Starts the devnet's Hermes v2–compatible server:
 *
 * - `GET /v2/updates/price/stream?ids[]=…` — server-sent events; each `publish` batch is one
 *   `data:` message `{ binary: { encoding, data: [...] }, parsed: [...] }` with the subscribed
 *   feeds it contains. Query options as Hermes: `parsed` (default true), `encoding` (`hex` |
 *   `base64`), `allow_unordered`, `benchmarks_only`, `ignore_invalid_price_ids`. A keep-alive
 *   comment every 15 s; closed with `event: error` "Connection timeout reached (24h)" after 24 h.
 * - `GET /v2/updates/price/latest?ids[]=…` — the latest update of each feed (404 "Update data
 *   not found" until every requested feed has been published).
 * - `GET /v2/price_feeds?query=…&asset_type=…` — feed metadata, filtered like Hermes.
 * - `GET /v2/updates/vol/stream`, `/v2/updates/vol/latest` — the volatility indices, same format
 *   (`expo` −18: the value is the WAD the venue's `VolatilityIndex` stores).
 *
 * Errors as Hermes: 400 "Failed to deserialize query string: …" for a malformed query, 404
 * "Price ids not found: 0x…" for well-formed ids that do not exist (Hermes's own status for
 * them). CORS is open (the dashboard's worker reads it cross-origin).
 *
 * `binary.data[i]` is `encodePriceFeedUpdate` of the i-th entry of `parsed`: the bytes MockPyth's
 * `updatePriceFeeds` accepts, so a client can push exactly the streamed update on-chain.
 * For the volatility stream it is `encodeVolatilityUpdate` (the arguments of `VolatilityIndex.push`).
 *
 * @throws {InvalidInputError} from `publish` / `publishVol` for an unknown feed, a value out of
 *   its integer range, or a feed twice in one batch (programming errors of the publisher).
 *
 * @example
 * const hermes = await createHermesServer({ port: 0 })
 * hermes.publish([{ id: priceFeedId('BTC'), price: 6_500_000_000_000n, conf: 2_000_000_000n, expo: -8, publishTime: 1_700_000_000 }])
 * const client = new HermesClient(hermes.url)
 * await client.getLatestPriceUpdates([priceFeedId('BTC')]) // { binary: { encoding: 'hex', data: ['e62d…'] }, parsed: [{ id: 'e62d…', price: { price: '6500000000000', … } }] }
 * await hermes.close()
 */
export async function createHermesServer(parameters: CreateHermesServerParameters): Promise<HermesServer> {
  const {
    port,
    host = '127.0.0.1',
    feeds = priceFeeds,
    volatilityFeeds: volFeeds = volatilityFeeds,
    logger = createLogger({ service: 'hermes' }),
    keepAliveInterval = 15_000,
    maxConnectionAge = 24 * 60 * 60 * 1000,
    fallback,
    now = Date.now,
  } = parameters
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidInputError('port', port, 'an integer port between 0 and 65535')

  const prices = createChannel('price', feeds)
  const vols = createChannel('volatility', volFeeds)
  let slot = 0

  const server = createServer((request, response) => {
    try {
      route(request, response)
    } catch (error) {
      logger.error('request failed', { path: request.url, error: error instanceof Error ? error.message : String(error) })
      if (!response.headersSent) sendText(response, 500, 'Internal server error')
      else response.destroy()
    }
  })

  const route = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://hermes.invalid')
    const path = url.pathname.replace(/^\/+/, '')
    const hermesRoute = [hermesPriceRoutes.stream, hermesPriceRoutes.latest, hermesVolatilityRoutes.stream, hermesVolatilityRoutes.latest, 'v2/price_feeds'].includes(path)
    if (!hermesRoute) {
      if (fallback !== undefined) return fallback(request, response)
      return sendText(response, 404, 'Not Found')
    }
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET, OPTIONS', 'Access-Control-Allow-Headers': '*', 'Access-Control-Max-Age': '86400' })
      return response.end()
    }
    if (request.method !== 'GET') return sendText(response, 405, 'Method Not Allowed')

    if (path === 'v2/price_feeds') return servePriceFeeds(url.searchParams, response)
    const channel = path === hermesPriceRoutes.stream || path === hermesPriceRoutes.latest ? prices : vols
    const parsed = parseHermesQuery({ search: url.searchParams, knownIds: channel.knownIds })
    if (!parsed.ok) {
      logger.info('request refused', { path: url.pathname, status: parsed.status, message: parsed.message })
      return sendText(response, parsed.status, parsed.message)
    }
    if (path === hermesPriceRoutes.stream || path === hermesVolatilityRoutes.stream) return openStream(channel, parsed.query, request, response)
    return serveLatest(channel, parsed.query, response)
  }

  const servePriceFeeds = (search: URLSearchParams, response: ServerResponse) => {
    const query = search.get('query')
    const assetType = search.get('asset_type')
    if (assetType !== null && !assetTypes.includes(assetType)) {
      const message = `Failed to deserialize query string: asset_type: unknown variant \`${assetType}\`, expected one of ${assetTypes.map((type) => `\`${type}\``).join(', ')}`
      logger.info('request refused', { path: '/v2/price_feeds', status: 400, message })
      return sendText(response, 400, message)
    }
    const listed = feeds
      .filter((feed) => query === null || feed.attributes.symbol.toLowerCase().includes(query.toLowerCase()))
      .filter((feed) => assetType === null || feed.attributes.asset_type.toLowerCase().trim().replaceAll(' ', '_') === assetType)
      .map((feed) => ({ id: feed.id.slice(2), attributes: sortedAttributes(feed.attributes) }))
    sendJson(response, 200, listed)
  }

  const serveLatest = (channel: Channel, query: HermesQuery, response: ServerResponse) => {
    const entries: StoredEntry[] = []
    for (const id of query.ids) {
      const entry = channel.latest.get(id)
      if (entry === undefined) return sendText(response, 404, 'Update data not found')
      entries.push(entry)
    }
    response.writeHead(200, { ...cors, 'Content-Type': 'application/json' })
    response.end(messageOf(entries, query))
  }

  const openStream = (channel: Channel, query: HermesQuery, request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, {
      ...cors,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    response.flushHeaders()
    const subscriber: Subscriber = {
      query,
      response,
      keepAlive: setInterval(() => write(subscriber, ':\n\n'), keepAliveInterval),
      expiry: setTimeout(() => expire(channel, subscriber), maxConnectionAge),
    }
    channel.subscribers.add(subscriber)
    logger.debug('stream opened', { channel: channel.name, ids: query.ids, remote: request.socket.remotePort, subscribers: channel.subscribers.size })
    // The response's `close` fires when the stream ends for any reason: client gone, dropped, expired.
    response.on('close', () => {
      stopTimers(subscriber)
      if (channel.subscribers.delete(subscriber)) logger.debug('stream closed', { channel: channel.name, subscribers: channel.subscribers.size })
    })
  }

  const write = (subscriber: Subscriber, chunk: string) => {
    const { response } = subscriber
    if (response.destroyed || response.writableEnded) return
    // Hermes drops a subscriber that cannot keep up (a lagging broadcast receiver); do the same
    // rather than buffer without bound.
    if (response.writableLength > maxBufferedBytes) {
      logger.warn('dropping a stream that does not keep up', { bufferedBytes: response.writableLength })
      response.destroy()
      return
    }
    response.write(chunk)
  }

  const expire = (channel: Channel, subscriber: Subscriber) => {
    write(subscriber, 'event: error\ndata: Connection timeout reached (24h)\n\n')
    subscriber.response.end()
    channel.subscribers.delete(subscriber)
    stopTimers(subscriber)
  }

  const publishTo = (channel: Channel, entries: StoredEntry[]): PublishReturnType => {
    const outOfOrder: FeedId[] = []
    const ordered = new Set<StoredEntry>()
    for (const entry of entries) {
      const previous = channel.latest.get(entry.id)
      if (previous !== undefined && entry.publishTime < previous.publishTime) {
        outOfOrder.push(entry.id)
        continue
      }
      ordered.add(entry)
      channel.latest.set(entry.id, entry)
    }
    let delivered = 0
    for (const subscriber of channel.subscribers) {
      const { query } = subscriber
      const selected = entries.filter(
        (entry) =>
          query.ids.includes(entry.id) &&
          (ordered.has(entry) || query.allowUnordered) &&
          (!query.benchmarksOnly || entry.prevPublishTime !== entry.publishTime),
      )
      if (selected.length === 0) continue
      write(subscriber, `data: ${messageOf(selected, query)}\n\n`)
      delivered += 1
    }
    if (outOfOrder.length > 0) logger.info('published out-of-order updates', { channel: channel.name, ids: outOfOrder })
    logger.debug('published', { channel: channel.name, slot, feeds: entries.length, delivered })
    return { delivered, outOfOrder }
  }

  const publish = (updates: readonly PublishedPriceUpdate[]): PublishReturnType => {
    const batch = checkBatch(prices, updates)
    slot += 1
    const entries = batch.map(({ id, update }, index) => {
      const field = `updates[${index}]`
      assertInteger(`${field}.price`, update.price, int64Min, int64Max)
      assertInteger(`${field}.conf`, update.conf, 0n, uint64Max)
      const emaPrice = update.emaPrice ?? update.price
      const emaConf = update.emaConf ?? update.conf
      assertInteger(`${field}.emaPrice`, emaPrice, int64Min, int64Max)
      assertInteger(`${field}.emaConf`, emaConf, 0n, uint64Max)
      if (!Number.isInteger(update.expo) || update.expo < -(2 ** 31) || update.expo >= 2 ** 31)
        throw new InvalidInputError(`${field}.expo`, update.expo, 'a 32-bit integer')
      assertTime(`${field}.publishTime`, update.publishTime)
      const prevPublishTime = update.prevPublishTime ?? prices.latest.get(id)?.publishTime ?? 0
      assertTime(`${field}.prevPublishTime`, prevPublishTime)
      const price = { price: update.price, conf: update.conf, expo: update.expo, publishTime: update.publishTime }
      const ema = { price: emaPrice, conf: emaConf, expo: update.expo, publishTime: update.publishTime }
      const hex = encodePriceFeedUpdate({ id, price: update.price, conf: update.conf, expo: update.expo, emaPrice, emaConf, publishTime: update.publishTime, prevPublishTime })
      return storedEntry(id, price, ema, prevPublishTime, hex)
    })
    return publishTo(prices, entries)
  }

  const publishVol = (updates: readonly PublishedVolatilityUpdate[]): PublishReturnType => {
    const batch = checkBatch(vols, updates)
    slot += 1
    const entries = batch.map(({ id, update }, index) => {
      const field = `updates[${index}]`
      // Published like a Pyth price (int64 with expo −18), so the same parser reads it.
      assertInteger(`${field}.volatility`, update.volatility, 0n, int64Max)
      assertInteger(`${field}.conf`, update.conf, 0n, uint64Max)
      assertTime(`${field}.publishTime`, update.publishTime)
      const prevPublishTime = vols.latest.get(id)?.publishTime ?? 0
      const value = { price: update.volatility, conf: update.conf, expo: -18, publishTime: update.publishTime }
      const hex = encodeVolatilityUpdate({ id, volatility: update.volatility, conf: update.conf, publishTime: update.publishTime })
      return storedEntry(id, value, value, prevPublishTime, hex)
    })
    return publishTo(vols, entries)
  }

  const storedEntry = (id: FeedId, price: WirePrice, ema: WirePrice, prevPublishTime: number, hex: Hex): StoredEntry => ({
    id,
    publishTime: price.publishTime,
    prevPublishTime,
    hex: hex.slice(2),
    parsed: {
      id: id.slice(2),
      price: wirePrice(price),
      ema_price: wirePrice(ema),
      metadata: { slot, proof_available_time: Math.floor(now() / 1000), prev_publish_time: prevPublishTime },
    },
  })

  const everySubscriber = () => [...prices.subscribers, ...vols.subscribers]

  const sendStreamError = (message = 'Error receiving update: Lagged(1)') => {
    const subscribers = everySubscriber()
    const data = message.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`).join('')
    for (const subscriber of subscribers) write(subscriber, `event: error\n${data}\n`)
    logger.warn('fault: sent a stream error event', { message, streams: subscribers.length })
    return subscribers.length
  }

  const dropConnections = () => {
    const subscribers = everySubscriber()
    for (const subscriber of subscribers) subscriber.response.destroy()
    logger.warn('fault: dropped every stream connection', { streams: subscribers.length })
    return subscribers.length
  }

  const expireConnections = () => {
    let count = 0
    for (const channel of [prices, vols])
      for (const subscriber of [...channel.subscribers]) {
        expire(channel, subscriber)
        count += 1
      }
    logger.warn('fault: closed every stream as after 24 hours', { streams: count })
    return count
  }

  const status = (): HermesServerStatus => ({
    connections: { price: prices.subscribers.size, volatility: vols.subscribers.size },
    slot,
    feeds: prices.feeds.map(({ id, symbol }) => ({ id, symbol, publishTime: prices.latest.get(id)?.publishTime ?? null })),
    volatilityFeeds: vols.feeds.map(({ id, symbol }) => ({ id, symbol, publishTime: vols.latest.get(id)?.publishTime ?? null })),
  })

  const close = async () => {
    for (const subscriber of everySubscriber()) {
      stopTimers(subscriber)
      subscriber.response.destroy()
    }
    prices.subscribers.clear()
    vols.subscribers.clear()
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)))
      server.closeAllConnections()
    })
    logger.info('closed')
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
  logger.info('listening', { url, feeds: prices.feeds.length, volatilityFeeds: vols.feeds.length })

  return { url, port: address.port, publish, publishVol, sendStreamError, dropConnections, expireConnections, status, close }
}

/** An update as Hermes writes it. */
type WirePrice = { price: bigint; conf: bigint; expo: number; publishTime: number }

/** The latest (or a just-published) update of a feed, ready to send. */
type StoredEntry = {
  id: FeedId
  publishTime: number
  prevPublishTime: number
  /** `binary.data` element in hex, without `0x` as Hermes writes it. */
  hex: string
  /** The `parsed[]` element. */
  parsed: Record<string, unknown>
}

type Subscriber = {
  query: HermesQuery
  response: ServerResponse
  keepAlive: ReturnType<typeof setInterval>
  expiry: ReturnType<typeof setTimeout>
}

function stopTimers(subscriber: Subscriber) {
  clearInterval(subscriber.keepAlive)
  clearTimeout(subscriber.expiry)
}

type Channel = {
  name: 'price' | 'volatility'
  feeds: readonly { id: FeedId; symbol: string }[]
  knownIds: ReadonlySet<FeedId>
  latest: Map<FeedId, StoredEntry>
  subscribers: Set<Subscriber>
}

function createChannel(name: Channel['name'], feeds: readonly { id: string; symbol: string }[]): Channel {
  const normalized = feeds.map((feed, index) => {
    const id = normalizeFeedId(feed.id)
    if (id === undefined) throw new InvalidInputError(`${name} feeds[${index}].id`, feed.id, 'a 32-byte hex feed id')
    return { id, symbol: feed.symbol }
  })
  return { name, feeds: normalized, knownIds: new Set(normalized.map((feed) => feed.id)), latest: new Map(), subscribers: new Set() }
}

function checkBatch<T extends { id: string }>(channel: Channel, updates: readonly T[]): { id: FeedId; update: T }[] {
  if (!Array.isArray(updates)) throw new InvalidInputError('updates', updates, 'an array of updates')
  const seen = new Set<FeedId>()
  return updates.map((update, index) => {
    const id = normalizeFeedId(update?.id)
    if (id === undefined || !channel.knownIds.has(id)) throw new InvalidInputError(`updates[${index}].id`, update?.id, `one of the server's ${channel.name} feed ids`)
    if (seen.has(id)) throw new InvalidInputError(`updates[${index}].id`, update.id, 'a feed at most once per batch')
    seen.add(id)
    return { id, update }
  })
}

/** The JSON text of one Hermes `PriceUpdate` (`binary` first, then `parsed` unless `parsed=false`). */
function messageOf(entries: readonly StoredEntry[], query: HermesQuery): string {
  const data = entries.map((entry) => (query.encoding === 'hex' ? entry.hex : Buffer.from(entry.hex, 'hex').toString('base64')))
  const message: Record<string, unknown> = { binary: { encoding: query.encoding, data } }
  if (query.parsed) message.parsed = entries.map((entry) => entry.parsed)
  return JSON.stringify(message)
}

function wirePrice({ price, conf, expo, publishTime }: WirePrice) {
  return { price: price.toString(), conf: conf.toString(), expo, publish_time: publishTime }
}

function sortedAttributes(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

function assertInteger(field: string, value: unknown, min: bigint, max: bigint): asserts value is bigint {
  if (typeof value !== 'bigint' || value < min || value > max) throw new InvalidInputError(field, value, `a bigint between ${min} and ${max}`)
}

function assertTime(field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new InvalidInputError(field, value, 'a non-negative integer (unix seconds)')
}

function sendText(response: ServerResponse, status: number, body: string) {
  response.writeHead(status, { ...cors, 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(body)
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { ...cors, 'Content-Type': 'application/json' })
  response.end(JSON.stringify(body))
}

const cors = { 'Access-Control-Allow-Origin': '*' }

/** Hermes's asset types (its `AssetType` enum, as `@pythnetwork/hermes-client` 3.1 lists them). */
const assetTypes = ['crypto', 'fx', 'equity', 'metal', 'rates', 'crypto_redemption_rate', 'commodities', 'crypto_index', 'crypto_nav', 'eco', 'kalshi']

const int64Min = -(2n ** 63n)
const int64Max = 2n ** 63n - 1n
const uint64Max = 2n ** 64n - 1n
const maxBufferedBytes = 4 * 1024 * 1024
