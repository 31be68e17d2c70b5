/**
 * The devnet Hermes server on a free port, read by Pyth's own `@pythnetwork/hermes-client`
 * (and its zod schemas, the reference of the format) and by plain `fetch`.
 */
import { HermesClient } from '@pythnetwork/hermes-client'
import { schemas } from '@pythnetwork/hermes-client/zodSchemas'
import { decodeAbiParameters } from 'viem'
import { afterEach, describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors'
import { parsePriceUpdateMessage } from '../../lib/feeds/parsePriceUpdateMessage'
import { priceFeedId } from '../../lib/feeds/priceFeeds'
import { readServerSentEvents, type ServerSentEvent } from '../../lib/feeds/readServerSentEvents'
import { volatilityFeedId } from '../../lib/feeds/volatilityFeeds'
import { createHermesServer, type CreateHermesServerParameters, type HermesServer } from './createHermesServer'
import { createLogger } from './createLogger'
import { priceFeedUpdateParameters } from './encodePriceFeedUpdate'
import { volatilityUpdateParameters } from './encodeVolatilityUpdate'

const BTC = priceFeedId('BTC')
const ETH = priceFeedId('ETH')
const SOL = priceFeedId('SOL')
const t0 = 1_700_000_000

const servers: HermesServer[] = []
const closers: (() => void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) close()
  for (const server of servers.splice(0)) await server.close()
})

async function start(options: Partial<CreateHermesServerParameters> = {}) {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({ service: 'hermes', level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) })
  const server = await createHermesServer({ port: 0, logger, ...options })
  servers.push(server)
  return { server, lines }
}

const btcUpdate = (publishTime: number, price = 6_543_210_987_654n) => ({ id: BTC, price, conf: 2_345_678_900n, expo: -8, publishTime })

/** Opens an SSE stream with fetch; `next()` resolves with the next event (or rejects after `ms`). */
async function openStream(url: string) {
  const controller = new AbortController()
  closers.push(() => controller.abort())
  const response = await fetch(url, { signal: controller.signal, headers: { Accept: 'text/event-stream' } })
  const comments: number[] = []
  const events = readServerSentEvents({ body: response.body as ReadableStream<Uint8Array>, onChunk: () => comments.push(Date.now()) })[Symbol.asyncIterator]()
  const next = (ms = 2_000) =>
    Promise.race([
      events.next().then((result) => (result.done ? 'end' : result.value)),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms)),
    ]) as Promise<ServerSentEvent | 'end'>
  return { response, next, chunks: comments, close: () => controller.abort() }
}

/** Waits until the server counts `count` open price streams (a stream registers when its request arrives). */
async function streamsOpen(server: HermesServer, count: number, channel: 'price' | 'volatility' = 'price') {
  for (let i = 0; i < 200 && server.status().connections[channel] !== count; i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(server.status().connections[channel]).toBe(count)
}

describe('createHermesServer: read by Pyth’s HermesClient', () => {
  it('lists the feeds with Hermes’s query and asset_type filters (getPriceFeeds)', async () => {
    const { server } = await start()
    const client = new HermesClient(server.url, { httpRetries: 0 })
    const all = await client.getPriceFeeds()
    expect(all.map((feed) => feed.id)).toEqual([BTC, ETH, SOL, priceFeedId('USDC')].map((id) => id.slice(2)))
    expect(all[0]?.attributes).toEqual({ asset_type: 'Crypto', base: 'BTC', description: 'BITCOIN / US DOLLAR', generic_symbol: 'BTCUSD', quote_currency: 'USD', symbol: 'Crypto.BTC/USD' })
    expect((await client.getPriceFeeds({ query: 'eth' })).map((feed) => feed.attributes.symbol)).toEqual(['Crypto.ETH/USD'])
    expect(await client.getPriceFeeds({ query: 'usd', assetType: 'crypto' })).toHaveLength(4)
    expect(await client.getPriceFeeds({ assetType: 'fx' })).toEqual([])
  })

  it('serves the latest update of each feed (getLatestPriceUpdates), parsed and binary', async () => {
    const { server } = await start()
    server.publish([btcUpdate(t0), { id: ETH, price: 350_012_345_678n, conf: 123_456_789n, expo: -8, publishTime: t0, emaPrice: 350_000_000_000n, emaConf: 100_000_000n }])
    const client = new HermesClient(server.url, { httpRetries: 0 })
    const latest = await client.getLatestPriceUpdates([ETH, BTC], { parsed: true })
    expect(latest.binary.encoding).toBe('hex')
    expect(latest.binary.data).toHaveLength(2)
    expect(latest.parsed?.map((entry) => [entry.id, entry.price, entry.ema_price])).toEqual([
      [ETH.slice(2), { price: '350012345678', conf: '123456789', expo: -8, publish_time: t0 }, { price: '350000000000', conf: '100000000', expo: -8, publish_time: t0 }],
      [BTC.slice(2), { price: '6543210987654', conf: '2345678900', expo: -8, publish_time: t0 }, { price: '6543210987654', conf: '2345678900', expo: -8, publish_time: t0 }],
    ])
    expect(latest.parsed?.[1]?.metadata).toEqual({ slot: 1, proof_available_time: expect.any(Number), prev_publish_time: 0 })
  })

  it('streams every published batch to getPriceUpdatesStream; each message passes Pyth’s schema and our strict parser', async () => {
    const { server } = await start()
    const client = new HermesClient(server.url, { httpRetries: 0 })
    const source = await client.getPriceUpdatesStream([BTC, ETH], { parsed: true })
    closers.push(() => source.close())
    const received: string[] = []
    const done = new Promise<void>((resolve, reject) => {
      source.onmessage = (event: MessageEvent<string>) => {
        received.push(event.data)
        if (received.length === 3) resolve()
      }
      source.onerror = (event) => reject(new Error(`stream error: ${String((event as { message?: string }).message)}`))
    })
    await new Promise<void>((resolve) => (source.onopen = () => resolve()))
    server.publish([btcUpdate(t0)])
    server.publish([btcUpdate(t0 + 1, 6_550_000_000_000n), { id: ETH, price: 350_000_000_000n, conf: 1n, expo: -8, publishTime: t0 + 1 }])
    server.publish([{ id: SOL, price: 1n, conf: 0n, expo: -8, publishTime: t0 }])
    server.publish([btcUpdate(t0 + 2, 6_560_000_000_000n)])
    await done
    source.close()
    for (const text of received) {
      const reference = schemas.PriceUpdate.parse(JSON.parse(text))
      const ours = parsePriceUpdateMessage({ text })
      expect(ours.ok && ours.malformed).toEqual([])
      expect(ours.ok && ours.updates.map((update) => update.id.slice(2))).toEqual(reference.parsed?.map((entry) => entry.id))
    }
    const prices = received.map((text) => {
      const parsed = parsePriceUpdateMessage({ text })
      return parsed.ok ? parsed.updates.map((update) => [update.id, update.update.price, update.update.publishTime]) : []
    })
    // The SOL-only batch is not for this subscriber.
    expect(prices).toEqual([[[BTC, 65_432.10987654, t0]], [[BTC, 65_500, t0 + 1], [ETH, 3_500, t0 + 1]], [[BTC, 65_600, t0 + 2]]])
  })

  it('answers unknown ids like Hermes: 404 "Price ids not found" (client error, no retries)', async () => {
    const { server } = await start()
    const client = new HermesClient(server.url, { httpRetries: 0 })
    const unknown = `0x${'11'.repeat(32)}`
    await expect(client.getLatestPriceUpdates([BTC, unknown])).rejects.toThrow(`HTTP error! status: 404, body: Price ids not found: ${unknown}`)
  })
})

describe('createHermesServer: Hermes’s query options and errors', () => {
  const get = (server: HermesServer, path: string) => fetch(`${server.url}${path}`)
  const id = BTC.slice(2)

  it.each([
    ['no ids', '/v2/updates/price/latest', 400, 'Failed to deserialize query string: missing field `ids[]`'],
    ['a malformed id', '/v2/updates/price/latest?ids[]=1234', 400, 'Failed to deserialize query string: ids[]: invalid price id "1234"'],
    ['a bad boolean', `/v2/updates/price/latest?ids[]=${id}&parsed=yes`, 400, 'Failed to deserialize query string: parsed: provided string was not `true` or `false`'],
    ['an unknown encoding', `/v2/updates/price/stream?ids[]=${id}&encoding=base58`, 400, 'Failed to deserialize query string: encoding: unknown variant `base58`'],
    ['an unknown feed', `/v2/updates/price/stream?ids[]=${'22'.repeat(32)}`, 404, `Price ids not found: 0x${'22'.repeat(32)}`],
    ['an unknown asset type', '/v2/price_feeds?asset_type=stocks', 400, 'Failed to deserialize query string: asset_type: unknown variant `stocks`'],
    ['a feed never published', `/v2/updates/price/latest?ids[]=${id}`, 404, 'Update data not found'],
    ['an unknown route', '/v2/updates/price/1700000000', 404, 'Not Found'],
  ])('refuses %s with a Hermes-like message', async (_what, path, status, message) => {
    const { server, lines } = await start()
    const response = await get(server, path)
    expect(response.status).toBe(status)
    expect(await response.text()).toContain(message)
    if (status === 400) expect(lines.some((line) => line.msg === 'request refused' && line.status === 400 && line.level === 'info')).toBe(true)
  })

  it('drops unknown ids with ignore_invalid_price_ids=true, accepts 0x and upper case', async () => {
    const { server } = await start()
    server.publish([btcUpdate(t0)])
    const response = await get(server, `/v2/updates/price/latest?ids[]=0x${id.toUpperCase()}&ids[]=${'22'.repeat(32)}&ignore_invalid_price_ids=true`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as { parsed: { id: string }[] }
    expect(body.parsed.map((entry) => entry.id)).toEqual([id])
  })

  it('encodes the binary update as hex or base64 (the same bytes), and leaves parsed out with parsed=false', async () => {
    const { server } = await start()
    server.publish([btcUpdate(t0)])
    const hex = (await (await get(server, `/v2/updates/price/latest?ids[]=${id}`)).json()) as { binary: { data: string[] } }
    const base64 = (await (await get(server, `/v2/updates/price/latest?ids[]=${id}&encoding=base64&parsed=false`)).json()) as Record<string, unknown>
    expect(base64).toEqual({ binary: { encoding: 'base64', data: [Buffer.from(hex.binary.data[0] as string, 'hex').toString('base64')] } })
  })

  it('sends out-of-order updates only to allow_unordered subscribers and keeps the newer one as latest', async () => {
    const { server } = await start()
    server.publish([btcUpdate(t0 + 10)])
    const ordered = await openStream(`${server.url}/v2/updates/price/stream?ids[]=${id}`)
    const unordered = await openStream(`${server.url}/v2/updates/price/stream?ids[]=${id}&allow_unordered=true`)
    await streamsOpen(server, 2)
    expect(server.publish([btcUpdate(t0 + 5, 1n)])).toEqual({ delivered: 1, outOfOrder: [BTC] })
    server.publish([btcUpdate(t0 + 11)])
    const publishTimes = async (stream: Awaited<ReturnType<typeof openStream>>) => {
      const event = await stream.next()
      const parsed = event === 'end' ? undefined : parsePriceUpdateMessage({ text: event.data })
      return parsed?.ok ? parsed.updates.map((update) => update.update.publishTime) : []
    }
    expect(await publishTimes(unordered)).toEqual([t0 + 5])
    expect(await publishTimes(unordered)).toEqual([t0 + 11])
    expect(await publishTimes(ordered)).toEqual([t0 + 11])
    expect(server.status().feeds[0]).toEqual({ id: BTC, symbol: 'BTC', publishTime: t0 + 11 })
  })

  it('sends only benchmark entries (prev_publish_time ≠ publish_time) with benchmarks_only=true', async () => {
    const { server } = await start()
    const stream = await openStream(`${server.url}/v2/updates/price/stream?ids[]=${id}&ids[]=${ETH}&benchmarks_only=true`)
    await streamsOpen(server, 1)
    server.publish([{ ...btcUpdate(t0), prevPublishTime: t0 }, { id: ETH, price: 1n, conf: 0n, expo: -8, publishTime: t0, prevPublishTime: t0 - 1 }])
    const event = await stream.next()
    const parsed = event === 'end' ? undefined : parsePriceUpdateMessage({ text: event.data })
    expect(parsed?.ok && parsed.updates.map((update) => update.id)).toEqual([ETH])
  })

  it('answers CORS preflights and streams with event-stream headers readable cross-origin', async () => {
    const { server } = await start()
    const preflight = await fetch(`${server.url}/v2/updates/price/stream?ids[]=${id}`, { method: 'OPTIONS' })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    const stream = await openStream(`${server.url}/v2/updates/price/stream?ids[]=${id}`)
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream')
    expect(stream.response.headers.get('access-control-allow-origin')).toBe('*')
    expect(stream.response.headers.get('cache-control')).toBe('no-cache')
  })

  it('sends keep-alive comments on an idle stream', async () => {
    const { server } = await start({ keepAliveInterval: 30 })
    const stream = await openStream(`${server.url}/v2/updates/price/stream?ids[]=${id}`)
    await streamsOpen(server, 1)
    server.publish([btcUpdate(t0)])
    await stream.next()
    const before = stream.chunks.length
    // Comments are not events: waiting for one reads the keep-alives as they come.
    await expect(stream.next(150)).rejects.toThrow('no event within 150 ms')
    expect(stream.chunks.length).toBeGreaterThanOrEqual(before + 2)
  })

  it('hands every other route to the fallback (the demo’s /demo and /health live on the same port)', async () => {
    const { server } = await start({ fallback: (_request, response) => response.writeHead(200).end('demo') })
    expect(await (await get(server, '/health')).text()).toBe('demo')
  })

  it('refuses bad publications as programming errors, publishing nothing of the batch', async () => {
    const { server } = await start()
    expect(() => server.publish([{ ...btcUpdate(t0), id: `0x${'33'.repeat(32)}` }])).toThrow(InvalidInputError)
    expect(() => server.publish([btcUpdate(t0), btcUpdate(t0 + 1)])).toThrow(InvalidInputError)
    expect(() => server.publish([btcUpdate(t0), { ...btcUpdate(t0), id: ETH, price: 2n ** 63n }])).toThrow(InvalidInputError)
    expect(() => server.publish([{ ...btcUpdate(t0), conf: -1n }])).toThrow(InvalidInputError)
    expect(() => server.publish([{ ...btcUpdate(t0), publishTime: 1.5 }])).toThrow(InvalidInputError)
    expect(() => server.publishVol([{ id: volatilityFeedId('BTC'), volatility: 2n ** 63n, conf: 0n, publishTime: t0 }])).toThrow(InvalidInputError)
    expect(server.status().feeds.every((feed) => feed.publishTime === null)).toBe(true)
  })
})

describe('createHermesServer: the binary payload', () => {
  it('decodes (viem) to the same price, conf, expo and publish time as parsed, as MockPyth’s PriceFeed + prevPublishTime', async () => {
    const { server } = await start()
    server.publish([btcUpdate(t0)])
    server.publish([{ ...btcUpdate(t0 + 1, -5n), emaPrice: 7n, emaConf: 8n }])
    const latest = (await (await fetch(`${server.url}/v2/updates/price/latest?ids[]=${BTC}`)).json()) as { binary: { data: string[] }; parsed: { price: Record<string, unknown>; ema_price: Record<string, unknown>; metadata: { prev_publish_time: number } }[] }
    const [feed, prevPublishTime] = decodeAbiParameters(priceFeedUpdateParameters, `0x${latest.binary.data[0]}`)
    const entry = latest.parsed[0]
    expect(feed.id).toBe(BTC)
    expect({ price: feed.price.price.toString(), conf: feed.price.conf.toString(), expo: feed.price.expo, publish_time: Number(feed.price.publishTime) }).toEqual(entry?.price)
    expect({ price: feed.emaPrice.price.toString(), conf: feed.emaPrice.conf.toString(), expo: feed.emaPrice.expo, publish_time: Number(feed.emaPrice.publishTime) }).toEqual(entry?.ema_price)
    expect(Number(prevPublishTime)).toBe(entry?.metadata.prev_publish_time)
    expect(Number(prevPublishTime)).toBe(t0)
  })
})

describe('createHermesServer: volatility stream', () => {
  it('streams and serves the indices in Hermes’s format, expo −18, binary = the arguments of VolatilityIndex.push', async () => {
    const { server } = await start()
    const ETHVOL = volatilityFeedId('ETH')
    const stream = await openStream(`${server.url}/v2/updates/vol/stream?ids[]=${ETHVOL}`)
    await streamsOpen(server, 1, 'volatility')
    server.publishVol([{ id: ETHVOL, volatility: 650_000_000_000_000_000n, conf: 5_000_000_000_000_000n, publishTime: t0 }])
    const event = await stream.next()
    if (event === 'end') throw new Error('stream ended')
    const parsed = parsePriceUpdateMessage({ text: event.data })
    expect(parsed.ok && parsed.updates.map((update) => [update.id, update.update, update.price.expo])).toEqual([[ETHVOL, { price: 0.65, conf: 0.005, publishTime: t0 }, -18]])
    const [underlying, volatility, conf, publishTime] = decodeAbiParameters(volatilityUpdateParameters, `0x${parsed.ok ? parsed.binary.data[0] : ''}`)
    expect([underlying, volatility, conf, publishTime]).toEqual([ETHVOL, 650_000_000_000_000_000n, 5_000_000_000_000_000n, BigInt(t0)])
    const latest = await fetch(`${server.url}/v2/updates/vol/latest?ids[]=${ETHVOL}`)
    expect(latest.status).toBe(200)
    const unknownOnVolRoute = await fetch(`${server.url}/v2/updates/vol/latest?ids[]=${BTC}`)
    expect(unknownOnVolRoute.status).toBe(404)
  })
})

describe('createHermesServer: fault hooks', () => {
  const url = (server: HermesServer) => `${server.url}/v2/updates/price/stream?ids[]=${BTC}`

  it('sends `event: error` on every stream and keeps it open', async () => {
    const { server, lines } = await start()
    const stream = await openStream(url(server))
    await streamsOpen(server, 1)
    expect(server.sendStreamError()).toBe(1)
    expect(await stream.next()).toEqual({ event: 'error', data: 'Error receiving update: Lagged(1)', lastEventId: '' })
    server.publish([btcUpdate(t0)])
    expect(await stream.next()).toMatchObject({ event: 'message' })
    expect(lines.some((line) => line.level === 'warn' && line.msg === 'fault: sent a stream error event')).toBe(true)
  })

  it('closes streams as Hermes does after 24 hours: the error event, then the end of the stream', async () => {
    const { server } = await start()
    const stream = await openStream(url(server))
    await streamsOpen(server, 1)
    expect(server.expireConnections()).toBe(1)
    expect(await stream.next()).toEqual({ event: 'error', data: 'Connection timeout reached (24h)', lastEventId: '' })
    expect(await stream.next()).toBe('end')
    expect(server.status().connections.price).toBe(0)
  })

  it('applies the 24-hour limit by itself (maxConnectionAge)', async () => {
    const { server } = await start({ maxConnectionAge: 50 })
    const stream = await openStream(url(server))
    expect(await stream.next()).toEqual({ event: 'error', data: 'Connection timeout reached (24h)', lastEventId: '' })
    expect(await stream.next()).toBe('end')
  })

  it('drops every stream without a word', async () => {
    const { server } = await start()
    const stream = await openStream(url(server))
    await streamsOpen(server, 1)
    expect(server.dropConnections()).toBe(1)
    await expect(stream.next()).rejects.toThrow()
    await streamsOpen(server, 0)
  })

  it('closes with streams still open', async () => {
    const { server } = await start()
    const stream = await openStream(url(server))
    await streamsOpen(server, 1)
    await server.close()
    servers.splice(servers.indexOf(server), 1)
    await expect(stream.next()).rejects.toThrow()
  })
})
