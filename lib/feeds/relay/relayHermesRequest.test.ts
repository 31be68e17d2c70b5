/**
 * The live-mode relay against a fake Hermes on a real local socket (node:http), so that what is
 * checked is what crosses the wire: the headers the upstream receives, the bytes and timing of
 * the stream, the upstream connection closing. Messages are in the documented Hermes v2 format
 * (`PriceUpdate`: pyth-crosschain apps/hermes/server/src/api/types.rs).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { priceFeedId } from '../priceFeeds'
import { streamPriceFeeds } from '../streamPriceFeeds'
import type { PriceTick } from '../types'
import { relayHermesRequest, type RelayHermesRequestParameters } from './relayHermesRequest'

const apiKey = 'pyth-test-key-7f3a9c1e5b2d'
const BTC = priceFeedId('BTC')
const ETH = priceFeedId('ETH')

type Recorded = { url: string; headers: IncomingHttpHeaders }
type Handler = (request: IncomingMessage, response: ServerResponse) => void

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function listen(handler: Handler): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** A fake Hermes that records every request it receives. */
async function fakeHermes(handler: Handler) {
  const requests: Recorded[] = []
  const url = await listen((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers })
    handler(request, response)
  })
  return { url, requests }
}

const relay = (parameters: Partial<RelayHermesRequestParameters> & { baseUrl: string }) =>
  relayHermesRequest({
    path: ['v2', 'updates', 'price', 'latest'],
    search: new URLSearchParams([['ids[]', BTC]]),
    signal: new AbortController().signal,
    env: { baseUrl: parameters.baseUrl, apiKey },
    ...parameters,
  })

/** Resolves with `promise`, or fails the test after `ms` — a hung relay must not hang the suite. */
const within = <T>(ms: number, promise: Promise<T>, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms))])

/** A `parsed[]` entry as Hermes writes it: id without 0x, integers as strings. */
function hermesMessage(entries: { id: string; price: bigint; conf: bigint; publishTime: number }[]) {
  return JSON.stringify({
    binary: { encoding: 'hex', data: entries.map(() => '00') },
    parsed: entries.map(({ id, price, conf, publishTime }, slot) => {
      const wire = { price: price.toString(), conf: conf.toString(), expo: -8, publish_time: publishTime }
      return { id: id.slice(2), price: wire, ema_price: wire, metadata: { slot: publishTime * 10 + slot, proof_available_time: publishTime, prev_publish_time: publishTime - 1 } }
    }),
  })
}

/** Serves a web `Response` on a node response, as Next.js does for a route handler. */
async function sendWebResponse(webResponse: Response, response: ServerResponse) {
  response.writeHead(webResponse.status, Object.fromEntries(webResponse.headers))
  response.flushHeaders()
  if (webResponse.body === null) return response.end()
  const reader = webResponse.body.getReader()
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) response.write(chunk.value)
    response.end()
  } catch {
    response.destroy()
  }
}

/** The relay mounted at `/api/hermes/` on a local server: the browser's view of it. */
async function relayServer(env: RelayHermesRequestParameters['env']) {
  const requests: Recorded[] = []
  const url = await listen((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers })
    const browser = new AbortController()
    response.on('close', () => browser.abort())
    const { pathname, searchParams } = new URL(request.url ?? '/', 'http://relay')
    const path = pathname.replace(/^\/api\/hermes\//, '').split('/').map(decodeURIComponent)
    void relayHermesRequest({ path, search: searchParams, signal: browser.signal, env }).then((webResponse) => sendWebResponse(webResponse, response))
  })
  return { url: `${url}/api/hermes`, requests }
}

describe('relayHermesRequest', () => {
  it('sends the key upstream as a bearer token, with the path and query unchanged', async () => {
    const hermes = await fakeHermes((_, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"parsed":[]}'))
    const search = new URLSearchParams([
      ['ids[]', BTC],
      ['ids[]', ETH.slice(2).toUpperCase()],
      ['parsed', 'true'],
      ['encoding', 'base64'],
    ])
    const response = await relay({ baseUrl: hermes.url, search })

    expect(response.status).toBe(200)
    expect(await response.text()).toBe('{"parsed":[]}')
    expect(hermes.requests).toHaveLength(1)
    const [received] = hermes.requests
    expect(received?.headers.authorization).toBe(`Bearer ${apiKey}`)
    const upstreamUrl = new URL(received?.url ?? '', 'http://upstream')
    expect(upstreamUrl.pathname).toBe('/v2/updates/price/latest')
    expect(upstreamUrl.searchParams.getAll('ids[]')).toEqual([BTC, ETH.slice(2).toUpperCase()])
    expect(upstreamUrl.searchParams.get('encoding')).toBe('base64')
    expect(received?.url).not.toContain(apiKey)
  })

  it('uses PYTH_API_KEY_HEADER for providers that want the bare key in a header of their own', async () => {
    const hermes = await fakeHermes((_, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('[]'))
    const response = await relay({ baseUrl: `${hermes.url}/some/provider/hermes`, path: ['v2', 'price_feeds'], search: new URLSearchParams({ query: 'btc', asset_type: 'crypto' }), env: { baseUrl: `${hermes.url}/some/provider/hermes`, apiKey, apiKeyHeader: 'x-api-key' } })

    expect(response.status).toBe(200)
    expect(hermes.requests[0]?.headers['x-api-key']).toBe(apiKey)
    expect(hermes.requests[0]?.headers.authorization).toBeUndefined()
    // Routes resolve below a base URL's path, as node providers mount Hermes.
    expect(hermes.requests[0]?.url).toBe('/some/provider/hermes/v2/price_feeds?query=btc&asset_type=crypto')
  })

  it('leaves no trace of the key in what the browser receives, nor any upstream header but the content type', async () => {
    const hermes = await fakeHermes((request, response) => {
      // An upstream that quotes the credential back in an error, plus headers that are not the browser's business.
      const leaky = { 'Set-Cookie': `session=${apiKey}`, 'X-Upstream-Auth': String(request.headers.authorization) }
      if (request.url?.includes('price_feeds')) return response.writeHead(403, { 'Content-Type': 'text/plain', ...leaky }).end(`invalid token: ${request.headers.authorization}`)
      if (request.url?.includes('stream')) return response.writeHead(200, { 'Content-Type': 'text/event-stream', ...leaky }).end('data: {}\n\n')
      response.writeHead(200, { 'Content-Type': 'application/json', ...leaky }).end('{"parsed":[]}')
    })
    const ok = await relay({ baseUrl: hermes.url })
    const refused = await relay({ baseUrl: hermes.url, path: ['v2', 'price_feeds'], search: new URLSearchParams() })
    const streamed = await relay({ baseUrl: hermes.url, path: ['v2', 'updates', 'price', 'stream'] })

    expect(refused.status).toBe(403)
    const refusedBody = await refused.text()
    expect(refusedBody).toBe('invalid token: Bearer [redacted]')
    for (const [response, body, names] of [
      [ok, await ok.text(), ['cache-control', 'content-type']],
      [refused, refusedBody, ['cache-control', 'content-type']],
      [streamed, await streamed.text(), ['cache-control', 'content-type', 'x-accel-buffering']],
    ] as const) {
      expect(body).not.toContain(apiKey)
      expect([...response.headers.keys()].sort()).toEqual(names)
      for (const [name, value] of response.headers) expect(`${name}: ${value}`).not.toContain(apiKey)
    }
  })

  it('relays the stream event by event: the browser reads the first before the upstream has sent the second', async () => {
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    let upstreamFinished = false
    const first = `data: ${hermesMessage([{ id: BTC, price: 6_500_000_000_000n, conf: 2_000_000_000n, publishTime: 1_700_000_000 }])}\n\n`
    const second = `:\n\ndata: ${hermesMessage([{ id: BTC, price: 6_501_000_000_000n, conf: 2_000_000_000n, publishTime: 1_700_000_001 }])}\n\n`
    const hermes = await fakeHermes((_, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
      response.write(first)
      void released.then(() => {
        upstreamFinished = true
        response.end(second)
      })
    })

    const response = await within(2_000, relay({ baseUrl: hermes.url, path: ['v2', 'updates', 'price', 'stream'], search: new URLSearchParams([['ids[]', BTC], ['parsed', 'true'], ['allow_unordered', 'false']]) }), 'response headers')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform')
    expect(response.headers.get('x-accel-buffering')).toBe('no')
    expect(hermes.requests[0]?.headers.accept).toBe('text/event-stream')

    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let received = ''
    while (received.length < first.length) {
      const chunk = await within(2_000, reader.read(), 'first event')
      if (chunk.done) break
      received += decoder.decode(chunk.value, { stream: true })
    }
    expect(received).toBe(first)
    expect(upstreamFinished).toBe(false)

    release()
    for (;;) {
      const chunk = await within(2_000, reader.read(), 'rest of the stream')
      if (chunk.done) break
      received += decoder.decode(chunk.value, { stream: true })
    }
    // Byte for byte: keep-alive comments included, nothing re-framed.
    expect(received).toBe(first + second)
  })

  it('closes the upstream connection when the browser aborts, mid-stream', async () => {
    let upstreamClosed!: (finished: boolean) => void
    const closed = new Promise<boolean>((resolve) => (upstreamClosed = resolve))
    const hermes = await fakeHermes((_, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' })
      response.write(':\n\n')
      // `close` before `end()` means the peer went away; the fake never ends the stream itself.
      response.on('close', () => upstreamClosed(response.writableFinished))
    })
    const browser = new AbortController()
    const response = await within(2_000, relay({ baseUrl: hermes.url, path: ['v2', 'updates', 'price', 'stream'], signal: browser.signal }), 'response headers')
    const reader = response.body!.getReader()
    expect((await within(2_000, reader.read(), 'keep-alive')).done).toBe(false)

    browser.abort()
    expect(await within(2_000, closed, 'upstream close')).toBe(false)
    await expect(reader.read()).rejects.toThrow()
  })

  it('closes the upstream connection when the browser disconnects from the relay server', async () => {
    let upstreamClosed!: () => void
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve))
    const hermes = await fakeHermes((_, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' })
      response.write(':\n\n')
      response.on('close', () => upstreamClosed())
    })
    const server = await relayServer({ baseUrl: hermes.url, apiKey })
    const browser = new AbortController()
    const response = await within(2_000, fetch(`${server.url}/v2/updates/price/stream?ids[]=${BTC}`, { signal: browser.signal }), 'response headers')
    const reader = response.body!.getReader()
    expect((await within(2_000, reader.read(), 'keep-alive')).done).toBe(false)

    browser.abort()
    await within(2_000, closed, 'upstream close')
  })

  it('refuses to follow a redirect, so the key cannot follow it to another host', async () => {
    const elsewhere = await fakeHermes((_, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"parsed":[]}'))
    const hermes = await fakeHermes((request, response) => response.writeHead(302, { Location: `${elsewhere.url}${request.url}` }).end())
    const response = await relay({ baseUrl: hermes.url, env: { baseUrl: hermes.url, apiKey, apiKeyHeader: 'x-api-key' } })
    expect(hermes.requests[0]?.headers['x-api-key']).toBe(apiKey)
    expect(response.status).toBe(502)
    expect(elsewhere.requests).toEqual([])
  })

  it("passes Hermes's 4xx through with its status and text", async () => {
    const hermes = await fakeHermes((_, response) => response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Price ids not found: ${ETH}`))
    const response = await relay({ baseUrl: hermes.url, search: new URLSearchParams([['ids[]', ETH]]) })
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await response.text()).toBe(`Price ids not found: ${ETH}`)
  })

  it("keeps Hermes's Retry-After on 429", async () => {
    const hermes = await fakeHermes((_, response) => response.writeHead(429, { 'Retry-After': '60' }).end('Too Many Requests'))
    const response = await relay({ baseUrl: hermes.url })
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('60')
  })

  it('answers 502 for an unreachable upstream and for an upstream 5xx', async () => {
    const gone = await listen(() => undefined)
    const server = servers.pop()!
    await new Promise((resolve) => server.close(resolve))
    const unreachable = await relay({ baseUrl: gone })
    expect(unreachable.status).toBe(502)
    expect(await unreachable.json()).toEqual({ error: 'Could not reach Hermes (ECONNREFUSED)' })

    const failing = await fakeHermes((_, response) => response.writeHead(503).end(`upstream trace ${apiKey}`))
    const failed = await relay({ baseUrl: failing.url })
    expect(failed.status).toBe(502)
    expect(await failed.json()).toEqual({ error: 'Hermes answered HTTP 503' })
  })

  it('answers 504 when Hermes sends no status within the headers timeout', async () => {
    const hermes = await fakeHermes(() => undefined)
    const started = performance.now()
    const response = await relay({ baseUrl: hermes.url, headersTimeout: 150 })
    expect(response.status).toBe(504)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    expect(await response.json()).toEqual({ error: 'Hermes did not answer within 150 ms' })
  })

  it('answers 503 without a key, and asks nothing upstream', async () => {
    const calls: unknown[] = []
    const spy: typeof fetch = async (input) => {
      calls.push(input)
      return new Response('{}')
    }
    for (const missing of [undefined, '', '   ']) {
      const response = await relay({ baseUrl: 'https://hermes.example', env: { apiKey: missing }, fetch: spy })
      expect(response.status).toBe(503)
      expect(await response.json()).toEqual({ error: 'PYTH_API_KEY is not set on the server' })
    }
    const invalidUrl = await relay({ baseUrl: 'x', env: { apiKey, baseUrl: 'ftp://hermes.example' }, fetch: spy })
    expect(invalidUrl.status).toBe(503)
    expect(await invalidUrl.text()).not.toContain('ftp://hermes.example')
    expect(calls).toEqual([])
  })

  it('answers 404 for any other route, and asks nothing upstream', async () => {
    const calls: unknown[] = []
    const spy: typeof fetch = async (input) => {
      calls.push(input)
      return new Response('{}')
    }
    const routes = [[], ['v2'], ['v2', 'updates', 'price', 'stream', 'x'], ['v2', 'updates', 'price', '1700000000'], ['v2', 'updates', 'vol', 'stream'], ['api', 'latest_price_feeds'], ['v2', '..', 'v2', 'price_feeds'], ['constructor'], ['__proto__']]
    for (const path of routes) {
      const response = await relay({ baseUrl: 'https://hermes.example', path, fetch: spy })
      expect(response.status, path.join('/')).toBe(404)
      expect((await response.json()).error).toMatch(/^Unknown Hermes route/)
    }
    expect(calls).toEqual([])
  })

  it('answers 400 for a query of the wrong shape or absurd length, and asks nothing upstream', async () => {
    const calls: unknown[] = []
    const spy: typeof fetch = async (input) => {
      calls.push(input)
      return new Response('{}')
    }
    const tooMany = new URLSearchParams(Array.from({ length: 120 }, () => ['ids[]', BTC]))
    expect(tooMany.toString().length).toBeGreaterThan(8_192)
    const queries = [
      tooMany,
      new URLSearchParams([['ids[]', BTC], ['ACCESS_TOKEN', 'mine']]),
      new URLSearchParams([['ids[]', 'btc']]),
      new URLSearchParams([['ids[]', BTC], ['parsed', 'yes']]),
      new URLSearchParams([['ids[]', BTC], ['encoding', 'json']]),
      new URLSearchParams([['ids[]', BTC], ['allow_unordered', 'true']]), // a stream option, not /latest's
    ]
    for (const search of queries) {
      const response = await relay({ baseUrl: 'https://hermes.example', search, fetch: spy })
      expect(response.status, search.toString().slice(0, 80)).toBe(400)
    }
    const longQuery = await relay({ baseUrl: 'https://hermes.example', path: ['v2', 'price_feeds'], search: new URLSearchParams({ query: 'b'.repeat(101) }), fetch: spy })
    expect(longQuery.status).toBe(400)
    expect(calls).toEqual([])
  })

  it('carries a streamPriceFeeds session end to end: backfill and stream through the relay, key only upstream', async () => {
    const now = Math.floor(Date.now() / 1000)
    const backfill = { id: BTC, price: 6_500_012_345_678n, conf: 3_000_000_000n, publishTime: now - 1 }
    const streamed = { id: BTC, price: 6_499_000_000_000n, conf: 2_500_000_000n, publishTime: now }
    const hermes = await fakeHermes((request, response) => {
      if (request.url?.startsWith('/v2/updates/price/latest')) return response.writeHead(200, { 'Content-Type': 'application/json' }).end(hermesMessage([backfill]))
      response.writeHead(200, { 'Content-Type': 'text/event-stream' })
      response.write(`data: ${hermesMessage([streamed])}\n\n`)
    })
    const server = await relayServer({ baseUrl: hermes.url, apiKey })

    const ticks: PriceTick[] = []
    let twoTicks!: () => void
    const received = new Promise<void>((resolve) => (twoTicks = resolve))
    const controller = new AbortController()
    const stream = streamPriceFeeds({
      baseUrl: server.url,
      feeds: [{ id: BTC, symbol: 'BTC' }],
      onUpdate: (tick) => {
        ticks.push(tick)
        if (ticks.length === 2) twoTicks()
      },
      signal: controller.signal,
    })
    await within(5_000, received, 'two ticks')
    controller.abort()
    await stream.done

    // Prices as published (integer × 10^expo), in publish order: the backfill, then the stream.
    expect(ticks.map(({ source, publishTime }) => ({ source, publishTime }))).toEqual([
      { source: 'backfill', publishTime: now - 1 },
      { source: 'stream', publishTime: now },
    ])
    // 6,500,012,345,678 × 10^−8 USD and so on: float64 holds them to well within 1e-9 USD.
    expect(ticks[0]?.price).toBeCloseTo(65_000.12345678, 9)
    expect(ticks[0]?.conf).toBeCloseTo(30, 9)
    expect(ticks[1]?.price).toBeCloseTo(64_990, 9)
    expect(ticks[1]?.conf).toBeCloseTo(25, 9)
    expect(server.requests.map((request) => new URL(request.url, 'http://relay').pathname).sort()).toEqual(['/api/hermes/v2/updates/price/latest', '/api/hermes/v2/updates/price/stream'])
    expect(hermes.requests).toHaveLength(2)
    for (const request of hermes.requests) expect(request.headers.authorization).toBe(`Bearer ${apiKey}`)
    for (const request of server.requests) expect(JSON.stringify(request)).not.toContain(apiKey)
  })

  it('is what the Next.js route handler runs, with its configuration from process.env', async () => {
    const hermes = await fakeHermes((_, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('[{"id":"e62d","attributes":{"symbol":"Crypto.BTC/USD"}}]'))
    const saved = { url: process.env.PYTH_HERMES_URL, key: process.env.PYTH_API_KEY, header: process.env.PYTH_API_KEY_HEADER }
    process.env.PYTH_HERMES_URL = hermes.url
    process.env.PYTH_API_KEY = apiKey
    delete process.env.PYTH_API_KEY_HEADER
    try {
      const route = await import('../../../app/api/hermes/[...path]/route')
      expect(route.dynamic).toBe('force-dynamic')
      expect(route.runtime).toBe('nodejs')
      const response = await route.GET(new Request('http://localhost/api/hermes/v2/price_feeds?query=btc'), { params: Promise.resolve({ path: ['v2', 'price_feeds'] }) })
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual([{ id: 'e62d', attributes: { symbol: 'Crypto.BTC/USD' } }])
      expect(hermes.requests).toEqual([expect.objectContaining({ url: '/v2/price_feeds?query=btc' })])
      expect(hermes.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`)

      delete process.env.PYTH_API_KEY
      const off = await route.GET(new Request('http://localhost/api/hermes/v2/price_feeds'), { params: Promise.resolve({ path: ['v2', 'price_feeds'] }) })
      expect(off.status).toBe(503)
    } finally {
      for (const [name, value] of [
        ['PYTH_HERMES_URL', saved.url],
        ['PYTH_API_KEY', saved.key],
        ['PYTH_API_KEY_HEADER', saved.header],
      ] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })
})
