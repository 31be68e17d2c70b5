/**
 * The dashboard's stream client (lib/feeds/streamPriceFeeds) against the real devnet Hermes
 * server on a free port, with real sockets and timers: consumption, a dropped connection
 * (backoff, reconnect, backfill, no gap shown as live), `event: error`, the 24-hour close and
 * the volatility stream through the same code.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { priceFeedId, priceFeeds } from '../../lib/feeds/priceFeeds'
import { hermesVolatilityRoutes } from '../../lib/feeds/routes'
import { streamPriceFeeds, type StreamEvent, type StreamPriceFeedsParameters } from '../../lib/feeds/streamPriceFeeds'
import type { FeedHealth, PriceTick } from '../../lib/feeds/types'
import { volatilityFeedId, volatilityFeeds } from '../../lib/feeds/volatilityFeeds'
import { createHermesServer, type HermesServer } from './createHermesServer'
import { createLogger } from './createLogger'

const BTC = priceFeedId('BTC')
const ETH = priceFeedId('ETH')

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function waitFor(what: string, predicate: () => boolean, timeout = 3_000) {
  const deadline = Date.now() + timeout
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** A price in Pyth integers (expo −8) published at `publishTime`. */
const update = (id: string, usd: number, publishTime: number) => ({ id, price: BigInt(Math.round(usd * 1e8)), conf: BigInt(Math.round(usd * 1e4)), expo: -8, publishTime })

type Timeline = { at: number; kind: 'tick'; tick: PriceTick } | { at: number; kind: 'health'; health: FeedHealth[] } | { at: number; kind: 'event'; event: StreamEvent }

async function follow(server: HermesServer, overrides: Partial<StreamPriceFeedsParameters> = {}) {
  const timeline: Timeline[] = []
  const controller = new AbortController()
  const stream = streamPriceFeeds({
    baseUrl: server.url,
    feeds: priceFeeds.map(({ id, symbol }) => ({ id, symbol })),
    onUpdate: (tick) => timeline.push({ at: Date.now(), kind: 'tick', tick }),
    onHealth: (health) => timeline.push({ at: Date.now(), kind: 'health', health }),
    onEvent: (event) => timeline.push({ at: Date.now(), kind: 'event', event }),
    signal: controller.signal,
    backoff: { initialDelay: 50, maxDelay: 400, stableAfter: 10_000 },
    healthInterval: 50,
    idleTimeout: 5_000,
    ...overrides,
  })
  cleanups.unshift(async () => {
    controller.abort()
    await stream.done
  })
  const ticks = () => timeline.flatMap((entry) => (entry.kind === 'tick' ? [entry.tick] : []))
  const events = () => timeline.flatMap((entry) => (entry.kind === 'event' ? [entry.event] : []))
  return { stream, timeline, ticks, events, controller }
}

async function startServer() {
  const server = await createHermesServer({ port: 0, logger: createLogger({ service: 'hermes', level: 'error', write: () => undefined }) })
  cleanups.push(() => server.close())
  return server
}

describe('lib/feeds client × devnet Hermes server', () => {
  it('backfills, then follows the stream: every published price arrives once, accepted and live', async () => {
    const server = await startServer()
    const now = Math.floor(Date.now() / 1000)
    server.publish(priceFeeds.map((feed, index) => update(feed.id, [65_000, 3_500, 150, 1][index] as number, now - 2)))
    const { stream, ticks } = await follow(server)
    await waitFor('the backfill', () => ticks().length === 4)
    expect(ticks().map((tick) => [tick.symbol, tick.price, tick.source])).toEqual([
      ['BTC', 65_000, 'backfill'],
      ['ETH', 3_500, 'backfill'],
      ['SOL', 150, 'backfill'],
      ['USDC', 1, 'backfill'],
    ])
    await waitFor('the connection', () => stream.status() === 'connected')
    server.publish([update(BTC, 65_010, now - 1), update(ETH, 3_501, now - 1)])
    server.publish([update(BTC, 65_020, now)])
    await waitFor('the stream', () => ticks().length === 7)
    expect(ticks().slice(4).map((tick) => [tick.symbol, tick.price, tick.publishTime, tick.source, tick.status])).toEqual([
      ['BTC', 65_010, now - 1, 'stream', 'live'],
      ['ETH', 3_501, now - 1, 'stream', 'live'],
      ['BTC', 65_020, now, 'stream', 'live'],
    ])
    expect(stream.health().map((feed) => feed.state)).toEqual(['live', 'live', 'live', 'live'])
  })

  it('server drops the connection → disconnected at once, backoff, reconnect, backfill; the gap is never shown as live', async () => {
    const server = await startServer()
    const now = Math.floor(Date.now() / 1000)
    server.publish([update(BTC, 65_000, now - 5), update(ETH, 3_500, now - 5)])
    const { stream, timeline, ticks, events } = await follow(server, { feeds: [{ id: BTC, symbol: 'BTC' }, { id: ETH, symbol: 'ETH' }] })
    await waitFor('the connection', () => stream.status() === 'connected')

    const droppedAt = Date.now()
    expect(server.dropConnections()).toBe(1)
    // Prices move while the client is away: three BTC updates, one ETH.
    server.publish([update(BTC, 65_100, now - 4)])
    server.publish([update(BTC, 65_200, now - 3), update(ETH, 3_510, now - 3)])
    server.publish([update(BTC, 65_300, now - 2)])
    const connectedEvents = () => timeline.filter((entry) => entry.kind === 'event' && entry.event.type === 'connection' && entry.event.status === 'connected')
    await waitFor('the reconnection', () => connectedEvents().length === 2)
    const reconnectedAt = connectedEvents()[1]?.at as number

    const disconnected = events().find((event) => event.type === 'connection' && event.status === 'disconnected')
    expect(disconnected).toMatchObject({ type: 'connection', status: 'disconnected' })
    const retryIn = (disconnected as { retryIn: number }).retryIn
    expect(retryIn).toBeGreaterThanOrEqual(25)
    expect(retryIn).toBeLessThan(50)

    // The gap starts when the client learns of the drop (its own `disconnected` event): a health
    // report can fire after the server closed the socket but before the close reaches the client,
    // and that one rightly still says live. The client must notice before it tries to reconnect.
    const disconnectedIndex = timeline.findIndex((entry) => entry.kind === 'event' && entry.event.type === 'connection' && entry.event.status === 'disconnected')
    const reconnectingIndex = timeline.findIndex((entry) => entry.kind === 'event' && entry.event.type === 'connection' && entry.event.status === 'connecting' && entry.at >= droppedAt)
    expect(disconnectedIndex).toBeGreaterThanOrEqual(0)
    expect(disconnectedIndex).toBeLessThan(reconnectingIndex)
    const gap = timeline.slice(disconnectedIndex, timeline.indexOf(connectedEvents()[1] as Timeline))
    const reportsInGap = gap.flatMap((entry) => (entry.kind === 'health' ? [entry.health] : []))
    // Every report from then until the backfill is in says "disconnected", with the last trusted price.
    expect(reportsInGap.length).toBeGreaterThan(0)
    expect(reportsInGap.every((report) => report.every((feed) => feed.state === 'disconnected'))).toBe(true)
    expect(reportsInGap[0]?.map((feed) => [feed.symbol, feed.state, feed.price])).toEqual([
      ['BTC', 'disconnected', 65_000],
      ['ETH', 'disconnected', 3_500],
    ])
    // Nothing arrived as a stream tick during the gap, and nothing was invented for it: only the
    // latest published prices, flagged as backfill. The intermediate 65 100 and 65 200 are not shown.
    const gapTicks = gap.flatMap((entry) => (entry.kind === 'tick' ? [entry.tick] : []))
    expect(gapTicks.map((tick) => [tick.symbol, tick.price, tick.source])).toEqual([
      ['BTC', 65_300, 'backfill'],
      ['ETH', 3_510, 'backfill'],
    ])
    const reconnectAttemptAt = timeline.find((entry) => entry.kind === 'event' && entry.event.type === 'connection' && entry.event.status === 'connecting' && entry.at >= droppedAt)?.at as number
    expect(reconnectAttemptAt - droppedAt).toBeGreaterThanOrEqual(retryIn - 5)

    expect(reconnectedAt - droppedAt).toBeGreaterThanOrEqual(retryIn - 5)
    expect(stream.health().map((feed) => feed.state)).toEqual(['live', 'live'])

    server.publish([update(BTC, 65_400, now - 1)])
    await waitFor('the stream again', () => ticks().some((tick) => tick.price === 65_400))
    expect(ticks().at(-1)).toMatchObject({ price: 65_400, source: 'stream', status: 'live' })
    expect(stream.health().map((feed) => feed.state)).toEqual(['live', 'live'])
  })

  it('`event: error` from the server → reported and resynchronised; the connection and the feeds stay as they were', async () => {
    const server = await startServer()
    const now = Math.floor(Date.now() / 1000)
    server.publish([update(BTC, 65_000, now - 3)])
    const { stream, ticks, events } = await follow(server, { feeds: [{ id: BTC, symbol: 'BTC' }] })
    await waitFor('the connection', () => stream.status() === 'connected')
    const before = stream.health()
    server.sendStreamError('Error receiving update: Lagged(2)')
    await waitFor('the error event', () => events().some((event) => event.type === 'serverError'))
    server.publish([update(BTC, 65_050, now - 2)])
    await waitFor('the next tick', () => ticks().some((tick) => tick.price === 65_050))
    expect(events().filter((event) => event.type === 'connection').map((event) => (event as { status: string }).status)).toEqual(['connecting', 'syncing', 'connected'])
    expect(events().find((event) => event.type === 'serverError')).toEqual({ type: 'serverError', message: 'Error receiving update: Lagged(2)' })
    expect(server.status().connections.price).toBe(1)
    expect(before.map((feed) => feed.state)).toEqual(['live'])
  })

  it('Hermes’s 24-hour close → reconnects at once, silently: no feed ever reported disconnected', async () => {
    const server = await startServer()
    const now = Math.floor(Date.now() / 1000)
    server.publish([update(BTC, 65_000, now - 3)])
    const { stream, timeline, ticks, events } = await follow(server, { feeds: [{ id: BTC, symbol: 'BTC' }] })
    await waitFor('the connection', () => stream.status() === 'connected')
    const connectedAt = Date.now()
    expect(server.expireConnections()).toBe(1)
    await waitFor('the expiry', () => events().some((event) => event.type === 'connectionExpired'))
    await waitFor('the new connection', () => server.status().connections.price === 1)
    server.publish([update(BTC, 65_050, now - 2)])
    await waitFor('the next tick', () => ticks().some((tick) => tick.price === 65_050))
    const reportsAfter = timeline.filter((entry) => entry.at >= connectedAt && entry.kind === 'health')
    expect(reportsAfter.length).toBeGreaterThan(0)
    expect(reportsAfter.every((entry) => entry.kind === 'health' && entry.health.every((feed) => feed.state === 'live'))).toBe(true)
    expect(events().filter((event) => event.type === 'connection' && event.status === 'disconnected')).toEqual([])
  })

  it('reads the volatility indices with the same client on their own route', async () => {
    const server = await startServer()
    const now = Math.floor(Date.now() / 1000)
    server.publishVol([{ id: volatilityFeedId('BTC'), volatility: 550_000_000_000_000_000n, conf: 2_000_000_000_000_000n, publishTime: now - 1 }])
    const { ticks } = await follow(server, { feeds: volatilityFeeds.map(({ id, symbol }) => ({ id, symbol })), routes: hermesVolatilityRoutes })
    await waitFor('the backfill', () => ticks().length === 1)
    server.publishVol([{ id: volatilityFeedId('ETH'), volatility: 650_000_000_000_000_000n, conf: 3_000_000_000_000_000n, publishTime: now }])
    await waitFor('the stream', () => ticks().length === 2)
    expect(ticks().map((tick) => [tick.symbol, tick.price, tick.conf, tick.source])).toEqual([
      ['BTC', 0.55, 0.002, 'backfill'],
      ['ETH', 0.65, 0.003, 'stream'],
    ])
  })
})
