/**
 * The stream driver against a scripted Hermes: `fetch` answers with streams the test writes to,
 * in the documented Hermes v2 format (`PriceUpdate`: `binary` + `parsed[]`, pyth-crosschain
 * apps/hermes/server/src/api/types.rs; SSE framing and the `event: error` texts from
 * apps/hermes/server/src/api/rest/v2/sse.rs), and time is a manual clock. One test per fault
 * kind, each asserting the verdict, the health it leaves and that nothing else changed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { InvalidInputError } from '../core/errors'
import { priceFeedId } from './priceFeeds'
import { streamPriceFeeds, type StreamClock, type StreamEvent } from './streamPriceFeeds'
import type { FeedHealth, PriceTick } from './types'

const BTC = priceFeedId('BTC')
const ETH = priceFeedId('ETH')
const t0 = 1_700_000_000 // unix seconds

type Entry = { id: string; price: string; conf: string; publishTime: number; expo?: number }

let slot = 0
/** A `parsed[]` entry exactly as Hermes writes it (ids without 0x, integers as strings; slots increase as they are written). */
function parsedEntry({ id, price, conf, publishTime, expo = -8 }: Entry) {
  const wire = { price, conf, expo, publish_time: publishTime }
  slot += 1
  return { id: id.replace(/^0x/, ''), price: wire, ema_price: wire, metadata: { slot, proof_available_time: publishTime, prev_publish_time: publishTime - 1 } }
}
const message = (entries: (Entry | Record<string, unknown>)[]) =>
  JSON.stringify({
    binary: { encoding: 'hex', data: entries.map(() => '00') },
    parsed: entries.map((entry) => ('publishTime' in entry ? parsedEntry(entry as Entry) : entry)),
  })
/** USD → Pyth integer string at expo −8. */
const e8 = (usd: number) => BigInt(Math.round(usd * 1e8)).toString()
const btcAt = (usd: number, publishTime: number, confUsd = usd * 1e-4): Entry => ({ id: BTC, price: e8(usd), conf: e8(confUsd), publishTime })
const ethAt = (usd: number, publishTime: number, confUsd = usd * 1e-4): Entry => ({ id: ETH, price: e8(usd), conf: e8(confUsd), publishTime })

function manualClock(startMs: number) {
  let now = startMs
  let sleepers: { until: number; wake: () => void }[] = []
  const clock: StreamClock = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal.aborted) return resolve()
        const sleeper = {
          until: now + ms,
          wake: () => {
            signal.removeEventListener('abort', onAbort)
            resolve()
          },
        }
        const onAbort = () => {
          sleepers = sleepers.filter((candidate) => candidate !== sleeper)
          resolve()
        }
        signal.addEventListener('abort', onAbort, { once: true })
        sleepers.push(sleeper)
      }),
  }
  /** Moves time forward, waking sleepers in order and letting the driver run between them. */
  const advance = async (ms: number) => {
    const target = now + ms
    for (;;) {
      await settle()
      const due = sleepers.filter((sleeper) => sleeper.until <= target).sort((a, b) => a.until - b.until)[0]
      if (due === undefined) break
      now = Math.max(now, due.until)
      sleepers = sleepers.filter((sleeper) => sleeper !== due)
      due.wake()
    }
    now = target
    await settle()
  }
  return { clock, advance }
}

const settle = async () => {
  for (let i = 0; i < 30; i++) await new Promise((resolve) => setImmediate(resolve))
}

type ScriptedStream = { url: URL; send: (text: string) => void; fail: () => void; end: () => void; aborted: () => boolean }

function scriptedHermes() {
  const streams: ScriptedStream[] = []
  const latestRequests: URL[] = []
  let latest: () => Response = () => new Response('Update data not found', { status: 404 })
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input))
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError')
    if (url.pathname.endsWith('/latest')) {
      latestRequests.push(url)
      return latest()
    }
    let controller!: ReadableStreamDefaultController<Uint8Array>
    let aborted = false
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
    init?.signal?.addEventListener('abort', () => {
      aborted = true
      try {
        controller.error(new DOMException('The operation was aborted.', 'AbortError'))
      } catch {
        // already closed
      }
    })
    streams.push({
      url,
      send: (text) => controller.enqueue(new TextEncoder().encode(text)),
      fail: () => controller.error(new TypeError('terminated: other side closed')),
      end: () => controller.close(),
      aborted: () => aborted,
    })
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } })
  }
  return {
    fetch,
    streams,
    latestRequests,
    setLatest: (entries: Entry[]) => (latest = () => new Response(message(entries), { status: 200 })),
    failLatest: () => (latest = () => Promise.reject(new TypeError('fetch failed')) as never),
    current: () => streams[streams.length - 1] as ScriptedStream,
  }
}

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
})

/** A driver following BTC and ETH, connected and backfilled with BTC 60 000 and ETH 3 000 at t0. */
async function connected() {
  const hermes = scriptedHermes()
  const { clock, advance } = manualClock((t0 + 1) * 1000)
  const ticks: PriceTick[] = []
  const events: StreamEvent[] = []
  const healthReports: FeedHealth[][] = []
  const controller = new AbortController()
  hermes.setLatest([btcAt(60_000, t0), ethAt(3_000, t0)])
  const stream = streamPriceFeeds({
    baseUrl: 'http://hermes.test/',
    feeds: [
      { id: BTC, symbol: 'BTC' },
      { id: ETH, symbol: 'ETH' },
    ],
    onUpdate: (tick) => ticks.push(tick),
    onHealth: (health) => healthReports.push(health),
    onEvent: (event) => events.push(event),
    signal: controller.signal,
    fetch: hermes.fetch,
    clock,
    random: () => 0.5,
    backoff: { initialDelay: 1_000, maxDelay: 30_000, stableAfter: 10_000 },
    idleTimeout: 40_000,
    healthInterval: 1_000,
  })
  stops.push(async () => {
    controller.abort()
    await stream.done
  })
  await settle()
  expect(stream.status()).toBe('connected')
  const reset = () => {
    ticks.length = 0
    events.length = 0
    healthReports.length = 0
  }
  const send = (entries: (Entry | Record<string, unknown>)[]) => hermes.current().send(`data: ${message(entries)}\n\n`)
  return { hermes, stream, ticks, events, healthReports, controller, advance, reset, send }
}

const byFeed = (health: FeedHealth[]) => Object.fromEntries(health.map((feed) => [feed.symbol, feed]))

describe('streamPriceFeeds: connecting', () => {
  it('opens the stream with the ids and parsed=true, backfills from /latest, then reports every feed live', async () => {
    const { hermes, stream, ticks } = await connected()
    const url = hermes.streams[0]?.url as URL
    expect(url.pathname).toBe('/v2/updates/price/stream')
    expect(url.searchParams.getAll('ids[]')).toEqual([BTC, ETH])
    expect(url.searchParams.get('parsed')).toBe('true')
    expect(hermes.latestRequests[0]?.pathname).toBe('/v2/updates/price/latest')
    expect(ticks.map(({ symbol, price, source, status }) => ({ symbol, price, source, status }))).toEqual([
      { symbol: 'BTC', price: 60_000, source: 'backfill', status: 'live' },
      { symbol: 'ETH', price: 3_000, source: 'backfill', status: 'live' },
    ])
    expect(stream.health().map((feed) => [feed.symbol, feed.state, feed.price, feed.age])).toEqual([
      ['BTC', 'live', 60_000, 1],
      ['ETH', 'live', 3_000, 1],
    ])
  })

  it('delivers a stream update as an accepted tick and ignores Hermes’s repeats of an unchanged feed', async () => {
    const { send, ticks, events, reset } = await connected()
    reset()
    send([btcAt(60_100, t0 + 1), ethAt(3_000, t0)])
    await settle()
    expect(ticks.map(({ symbol, price, publishTime, source }) => ({ symbol, price, publishTime, source }))).toEqual([
      { symbol: 'BTC', price: 60_100, publishTime: t0 + 1, source: 'stream' },
    ])
    expect(ticks[0]?.raw.price.price).toBe(6_010_000_000_000n)
    expect(events).toEqual([])
  })
})

describe('streamPriceFeeds: one test per fault kind', () => {
  /** Sends one BTC fault and checks: the verdict event, no tick, BTC's health, ETH untouched. */
  async function fault(entries: (Entry | Record<string, unknown>)[]) {
    const harness = await connected()
    const before = byFeed(harness.stream.health())
    harness.reset()
    harness.send(entries)
    await settle()
    const after = byFeed(harness.stream.health())
    expect(harness.ticks).toEqual([])
    expect(after.ETH).toEqual(before.ETH)
    expect(after.BTC?.price).toBe(60_000)
    return { ...harness, before, after }
  }

  it('zero price → rejected (nonPositivePrice); BTC stays live at its trusted price', async () => {
    const { events, before, after } = await fault([btcAt(0, t0 + 1, 0)])
    expect(events).toEqual([
      { type: 'verdict', id: BTC, symbol: 'BTC', verdict: 'rejected', reason: 'nonPositivePrice', update: { price: 0, conf: 0, publishTime: t0 + 1 }, source: 'stream' },
    ])
    expect(after.BTC).toEqual({ ...before.BTC, lastRejection: { reason: 'nonPositivePrice', publishTime: t0 + 1, receivedAt: (t0 + 1) * 1000 } })
  })

  it('negative price → rejected (nonPositivePrice)', async () => {
    const { events, before, after } = await fault([{ id: BTC, price: '-6000000000000', conf: '600000000', publishTime: t0 + 1 }])
    expect(events).toMatchObject([{ type: 'verdict', verdict: 'rejected', reason: 'nonPositivePrice', update: { price: -60_000 } }])
    expect(after.BTC).toEqual({ ...before.BTC, lastRejection: { reason: 'nonPositivePrice', publishTime: t0 + 1, receivedAt: (t0 + 1) * 1000 } })
  })

  it('malformed entry (a price that is not an integer string) → malformed event and rejection, named by field', async () => {
    const entry = { ...parsedEntry(btcAt(60_100, t0 + 1)), price: { price: '60100.5', conf: '6000000', expo: -8, publish_time: t0 + 1 } }
    const { events, before, after } = await fault([entry])
    expect(events).toEqual([
      { type: 'malformed', error: { reason: 'malformed', field: 'parsed[0].price.price', expectation: 'a signed 64-bit integer as a decimal string', id: BTC }, source: 'stream' },
      { type: 'verdict', id: BTC, symbol: 'BTC', verdict: 'rejected', reason: 'malformed', update: null, source: 'stream' },
    ])
    expect(after.BTC).toEqual({ ...before.BTC, lastRejection: { reason: 'malformed', publishTime: null, receivedAt: (t0 + 1) * 1000 } })
  })

  it('malformed message (not JSON) → one malformed event, no feed touched', async () => {
    const harness = await connected()
    const before = harness.stream.health()
    harness.reset()
    harness.hermes.current().send('data: {"binary": oops\n\n')
    await settle()
    expect(harness.events).toEqual([{ type: 'malformed', error: { reason: 'malformed', field: 'message', expectation: 'a JSON object' }, source: 'stream' }])
    expect(harness.ticks).toEqual([])
    expect(harness.stream.health()).toEqual(before)
  })

  it('out-of-order publish time → rejected (notNewer)', async () => {
    const { events, before, after } = await fault([btcAt(60_050, t0 - 5)])
    expect(events).toMatchObject([{ type: 'verdict', verdict: 'rejected', reason: 'notNewer', update: { publishTime: t0 - 5 } }])
    expect(after.BTC).toEqual({ ...before.BTC, lastRejection: { reason: 'notNewer', publishTime: t0 - 5, receivedAt: (t0 + 1) * 1000 } })
  })

  it('future publish time (beyond maxFutureSkew = 10 s) → rejected (future)', async () => {
    const { events, before, after } = await fault([btcAt(60_050, t0 + 3_600)])
    expect(events).toMatchObject([{ type: 'verdict', verdict: 'rejected', reason: 'future' }])
    expect(after.BTC).toEqual({ ...before.BTC, lastRejection: { reason: 'future', publishTime: t0 + 3_600, receivedAt: (t0 + 1) * 1000 } })
  })

  it('wide confidence (conf 3 % > maxConfRatio 2 %) → uncertain; trusted price kept', async () => {
    const { events, before, after } = await fault([btcAt(60_050, t0 + 1, 1_801.5)])
    expect(events).toMatchObject([{ type: 'verdict', verdict: 'uncertain', update: { price: 60_050, conf: 1_801.5 } }])
    expect(after.BTC).toEqual({ ...before.BTC, state: 'uncertain', updatesPerSecond: after.BTC?.updatesPerSecond })
    expect(after.BTC?.updatesPerSecond).toBeGreaterThan(before.BTC?.updatesPerSecond as number)
  })

  it('jump (+20 % > maxJump 10 %) → jumped until a second consistent update confirms it', async () => {
    const harness = await fault([btcAt(72_000, t0 + 1)])
    expect(harness.events).toMatchObject([{ type: 'verdict', verdict: 'jumped', update: { price: 72_000 } }])
    expect(harness.after.BTC).toMatchObject({ state: 'jumped', price: 60_000, age: 1 })
    harness.send([btcAt(71_900, t0 + 2)])
    await settle()
    expect(harness.ticks.map((tick) => [tick.price, tick.status])).toEqual([[71_900, 'live']])
    expect(byFeed(harness.stream.health()).BTC).toMatchObject({ state: 'live', price: 71_900 })
  })

  it('stale: no BTC update for more than maxAge (60 s) while the connection stays alive → stale, same price', async () => {
    const harness = await connected()
    harness.reset()
    for (let second = 0; second < 75; second += 15) {
      harness.send([ethAt(3_000 + second, t0 + 1 + second)])
      harness.hermes.current().send(':\n\n')
      await harness.advance(15_000)
    }
    const health = byFeed(harness.stream.health())
    expect(health.BTC).toMatchObject({ state: 'stale', price: 60_000, age: 76, lastRejection: null })
    expect(health.ETH).toMatchObject({ state: 'live' })
    expect(harness.ticks.every((tick) => tick.symbol === 'ETH')).toBe(true)
    // onHealth announced the change when it happened (the periodic refresh), without any message.
    expect(harness.healthReports.some((report) => byFeed(report).BTC?.state === 'stale')).toBe(true)
    expect(harness.events.filter((event) => event.type === 'verdict')).toEqual([])
  })

  it('stream error event (Hermes "Error receiving update: Lagged(3)") → reported, resynchronised from /latest, connection kept', async () => {
    const harness = await connected()
    harness.hermes.setLatest([btcAt(60_200, t0 + 2), ethAt(3_000, t0)])
    const before = byFeed(harness.stream.health())
    harness.reset()
    harness.hermes.current().send('event: error\ndata: Error receiving update: Lagged(3)\n\n')
    await settle()
    expect(harness.events).toEqual([{ type: 'serverError', message: 'Error receiving update: Lagged(3)' }])
    expect(harness.hermes.streams).toHaveLength(1)
    expect(harness.hermes.latestRequests).toHaveLength(2)
    expect(harness.ticks.map(({ symbol, price, source }) => ({ symbol, price, source }))).toEqual([{ symbol: 'BTC', price: 60_200, source: 'backfill' }])
    const after = byFeed(harness.stream.health())
    expect(after.ETH).toEqual(before.ETH)
    expect(after.BTC).toMatchObject({ state: 'live', price: 60_200 })
    expect(harness.stream.status()).toBe('connected')
  })

  it('disconnect → every feed disconnected at once, no tick during the gap, backoff, reconnect, backfill, live again', async () => {
    const harness = await connected()
    harness.reset()
    harness.hermes.current().fail()
    await settle()
    expect(harness.stream.status()).toBe('disconnected')
    expect(harness.events).toEqual([{ type: 'connection', status: 'disconnected', reason: 'terminated: other side closed', retryIn: 750 }])
    expect(harness.healthReports.at(-1)?.map((feed) => [feed.symbol, feed.state, feed.price])).toEqual([
      ['BTC', 'disconnected', 60_000],
      ['ETH', 'disconnected', 3_000],
    ])
    // Prices move on the server during the gap; nothing of it reaches the client as live data.
    harness.hermes.setLatest([btcAt(61_000, t0 + 1), ethAt(3_010, t0 + 1)])
    await harness.advance(749)
    expect(harness.hermes.streams).toHaveLength(1)
    expect(harness.ticks).toEqual([])
    expect(harness.stream.health().every((feed) => feed.state === 'disconnected')).toBe(true)
    await harness.advance(1)
    expect(harness.hermes.streams).toHaveLength(2)
    expect(harness.ticks.map(({ symbol, price, source }) => ({ symbol, price, source }))).toEqual([
      { symbol: 'BTC', price: 61_000, source: 'backfill' },
      { symbol: 'ETH', price: 3_010, source: 'backfill' },
    ])
    expect(harness.stream.health().every((feed) => feed.state === 'live')).toBe(true)
    expect(harness.events.filter((event) => event.type === 'connection').map((event) => (event as { status: string }).status)).toEqual([
      'disconnected',
      'connecting',
      'syncing',
      'connected',
    ])
  })
})

describe('streamPriceFeeds: reconnection', () => {
  it('backs off exponentially with jitter while the server stays down, and starts over after a stable connection', async () => {
    const harness = await connected()
    harness.hermes.failLatest()
    harness.reset()
    harness.hermes.current().fail()
    await settle()
    // random() = 0.5: delay = 0.75 · min(30 s, 1 s · 2^n).
    const delays = [750, 1_500, 3_000, 6_000]
    for (const delay of delays) {
      const last = harness.events.filter((event) => event.type === 'connection' && event.status === 'disconnected').at(-1)
      expect(last).toMatchObject({ retryIn: delay })
      await harness.advance(delay)
    }
    expect(harness.ticks).toEqual([])
    expect(harness.stream.health().every((feed) => feed.state === 'disconnected')).toBe(true)

    harness.hermes.setLatest([btcAt(60_000, t0), ethAt(3_000, t0)])
    await harness.advance(12_000)
    expect(harness.stream.status()).toBe('connected')
    for (let second = 0; second < 10; second++) {
      harness.hermes.current().send(':\n\n')
      await harness.advance(1_000)
    }
    harness.hermes.current().fail()
    await settle()
    expect(harness.events.at(-1)).toMatchObject({ type: 'connection', status: 'disconnected', retryIn: 750 })
  })

  it('treats a silent connection (no keep-alive for idleTimeout) as dropped', async () => {
    const harness = await connected()
    harness.reset()
    await harness.advance(40_000 + 10_000)
    expect(harness.events[0]).toMatchObject({ type: 'connection', status: 'disconnected', reason: 'no data for 40000 ms' })
    expect(harness.hermes.streams[0]?.aborted()).toBe(true)
  })

  it('reconnects at once and silently after Hermes’s 24-hour close, backfilling on the new connection', async () => {
    const harness = await connected()
    harness.hermes.setLatest([btcAt(60_300, t0 + 3), ethAt(3_000, t0)])
    harness.reset()
    harness.hermes.current().send('event: error\ndata: Connection timeout reached (24h)\n\n')
    harness.hermes.current().end()
    await settle()
    expect(harness.hermes.streams).toHaveLength(2)
    expect(harness.events).toEqual([{ type: 'connectionExpired', message: 'Connection timeout reached (24h)' }])
    expect(harness.healthReports.flat().every((feed) => feed.state === 'live')).toBe(true)
    expect(harness.ticks.map(({ price, source }) => ({ price, source }))).toEqual([{ price: 60_300, source: 'backfill' }])
    expect(harness.stream.status()).toBe('connected')
  })

  it('drops stream messages that a backfill already superseded, without calling them out of order', async () => {
    const harness = await connected()
    harness.hermes.setLatest([btcAt(60_500, t0 + 5), ethAt(3_000, t0)])
    harness.hermes.current().send('event: error\ndata: Error receiving update: Lagged(9)\n\n')
    harness.send([btcAt(60_400, t0 + 4)])
    await settle()
    harness.send([btcAt(60_600, t0 + 6)])
    await settle()
    expect(harness.events.filter((event) => event.type === 'verdict')).toEqual([])
    expect(harness.ticks.slice(2).map((tick) => [tick.price, tick.source])).toEqual([
      [60_500, 'backfill'],
      [60_600, 'stream'],
    ])
  })
})

describe('streamPriceFeeds: lifecycle and input', () => {
  it('stops on abort: the connection is cancelled, every feed reported disconnected, done resolves', async () => {
    const harness = await connected()
    harness.controller.abort()
    await settle()
    expect(harness.hermes.current().aborted()).toBe(true)
    expect(harness.stream.status()).toBe('closed')
    expect(harness.healthReports.at(-1)?.every((feed) => feed.state === 'disconnected')).toBe(true)
  })

  it('keeps streaming when a callback throws, and says so', async () => {
    const hermes = scriptedHermes()
    hermes.setLatest([btcAt(60_000, t0)])
    const { clock } = manualClock((t0 + 1) * 1000)
    const events: StreamEvent[] = []
    let calls = 0
    const controller = new AbortController()
    const stream = streamPriceFeeds({
      baseUrl: 'http://hermes.test',
      feeds: [{ id: BTC, symbol: 'BTC' }],
      onUpdate: () => {
        calls += 1
        throw new Error('boom')
      },
      onEvent: (event) => events.push(event),
      signal: controller.signal,
      fetch: hermes.fetch,
      clock,
    })
    stops.push(async () => {
      controller.abort()
      await stream.done
    })
    await settle()
    hermes.current().send(`data: ${message([btcAt(60_010, t0 + 1)])}\n\n`)
    await settle()
    expect(calls).toBe(2)
    expect(events.filter((event) => event.type === 'callbackError')).toHaveLength(2)
    expect(stream.status()).toBe('connected')
  })

  it.each([
    ['a relative base URL', { baseUrl: '/api/hermes' }],
    ['a non-HTTP base URL', { baseUrl: 'ws://127.0.0.1:8787' }],
    ['no feeds', { feeds: [] }],
    ['an invalid feed id', { feeds: [{ id: '0x1234', symbol: 'BTC' }] }],
    ['a repeated feed id', { feeds: [{ id: BTC, symbol: 'BTC' }, { id: BTC.toUpperCase().replace('0X', '0x'), symbol: 'BTC' }] }],
    ['no onUpdate', { onUpdate: undefined }],
    ['a zero health interval', { healthInterval: 0 }],
    ['invalid guard params', { params: { maxAge: 0, maxConfRatio: 0.02, maxJump: 0.1, jumpWindow: 60, maxFutureSkew: 10 } }],
  ])('throws InvalidInputError for %s', (_what, patch) => {
    const parameters = { baseUrl: 'http://hermes.test', feeds: [{ id: BTC, symbol: 'BTC' }], onUpdate: () => undefined, signal: new AbortController().signal, ...patch }
    expect(() => streamPriceFeeds(parameters as never)).toThrow(InvalidInputError)
  })
})
