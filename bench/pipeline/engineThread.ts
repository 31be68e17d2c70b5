/**
 * The engine worker's pipeline in a Node worker thread, for `npm run bench:pipeline`: the real
 * stream client (`streamPriceFeeds`: SSE framing, strict Hermes parsing, oracle guards), the
 * real engine core (re-evaluation of the power-user book, candles, coalesced snapshots), and
 * snapshots posted to the parent with `postMessage` (structured clone, as a Web Worker does).
 * Only the network is replaced: a `fetch` whose SSE body this thread feeds at the offered rate.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { defaultOptionTradingParams } from '../../lib/core/market/params'
import { defaultRiskParams } from '../../lib/core/risk/params'
import type { EngineSnapshot } from '../../lib/engine/protocol'
import { priceFeedId } from '../../lib/feeds/priceFeeds'
import { streamPriceFeeds, type StreamClock } from '../../lib/feeds/streamPriceFeeds'
import { createEngineCore } from '../../workers/engine/createEngineCore'
import { powerUserBook } from '../fixtures/powerUserBook'

export type EngineThreadInput = {
  /** Offered ticks per second across the three feeds; 0 = everything at once (capacity). */
  rate: number
  /** Ticks to send in total. */
  ticks: number
}

export type EngineThreadOutput = {
  offered: number
  accepted: number
  elapsedMs: number
  /** (enqueued − accepted) sampled every 100 ms while offering. */
  lagSamples: number[]
  /** For each tick that reached a snapshot: posted − the moment its bytes were enqueued, ms. */
  latenciesMs: number[]
  snapshots: number
  /** Structured-clone size of the last snapshot, bytes (approximate: JSON length). */
  snapshotBytes: number
  /** Ticks accepted by the moment offering ended, and how long offering took, ms. */
  acceptedWhileOffering: number
  offerMs: number
  /** A snapshot as posted, for the main thread to measure cloning it. */
  sample: EngineSnapshot | null
}

const { rate, ticks } = workerData as EngineThreadInput
const symbols = ['BTC', 'ETH', 'SOL'] as const
const clock = () => performance.timeOrigin + performance.now()
const { account, markets } = powerUserBook()
const trader = '0x00000000000000000000000000000000000000aa'
const startTime = markets.now

// Pre-built Hermes messages: one feed per message (the worst case per tick), publish times one
// second apart per feed (the guards want strictly newer), a small random walk (no jump trips).
const encoder = new TextEncoder()
const prices: Record<string, number> = { BTC: markets.underlyings.BTC!.price, ETH: markets.underlyings.ETH!.price, SOL: markets.underlyings.SOL!.price }
let seed = 12_345
const uniform = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648)
const messages: { bytes: Uint8Array; symbol: string; publishTime: number }[] = []
for (let i = 0; i < ticks; i++) {
  const symbol = symbols[i % 3]!
  const publishTime = startTime + 1 + Math.floor(i / 3)
  prices[symbol]! *= 1 + (uniform() - 0.5) * 0.002
  const price = BigInt(Math.round(prices[symbol]! * 1e8))
  const conf = price / 5_000n
  const wire = { price: price.toString(), conf: conf.toString(), expo: -8, publish_time: publishTime }
  const text = JSON.stringify({
    binary: { encoding: 'hex', data: ['504e4155'] },
    parsed: [{ id: priceFeedId(symbol).slice(2), price: wire, ema_price: wire, metadata: { slot: i, proof_available_time: publishTime, prev_publish_time: publishTime - 1 } }],
  })
  messages.push({ bytes: encoder.encode(`data:${text}\n\n`), symbol, publishTime })
}

const enqueuedAt = new Map<string, number>()
let enqueued = 0
let accepted = 0
const latenciesMs: number[] = []
let snapshots = 0
let snapshotBytes = 0
let sample: EngineSnapshot | null = null

const core = createEngineCore({
  workerId: 'bench',
  clock,
  post: (snapshot: EngineSnapshot) => {
    snapshots += 1
    for (const tick of snapshot.ticks) {
      const at = enqueuedAt.get(`${tick.symbol}:${tick.publishTime}`)
      if (at !== undefined) latenciesMs.push(tick.posted - at)
    }
    parentPort!.postMessage({ type: 'snapshot', snapshot })
    if (snapshots % 50 === 1) {
      snapshotBytes = JSON.stringify(snapshot).length
      sample = snapshot
    }
  },
})
core.watch([trader])
core.onConnection('connected')
core.onVenueState({ blockNumber: 1n, chainTime: startTime, markets, params: defaultRiskParams, optionTradingParams: defaultOptionTradingParams, accounts: { [trader]: account }, marketStatus: {}, collateralStatus: {} })

let controller!: ReadableStreamDefaultController<Uint8Array>
const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
// Backfill answers "no data yet" (404) so the stream alone drives the ticks.
const fakeFetch = (async (input: string | URL | Request) =>
  String(input).includes('/latest') ? new Response('Update data not found', { status: 404 }) : new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } })) as typeof fetch
// The guards judge publish times against this clock: it follows the newest publish time sent, so
// a second-resolution feed can be replayed thousands of times faster than real time.
let virtualNow = (startTime + 1) * 1000
const streamClock: StreamClock = {
  now: () => virtualNow,
  sleep: (ms, signal) => new Promise((resolve) => (signal.aborted ? resolve() : setTimeout(resolve, Math.min(ms, 1_000)))),
}
const abort = new AbortController()
streamPriceFeeds({
  baseUrl: 'http://bench.invalid',
  feeds: symbols.map((symbol) => ({ id: priceFeedId(symbol), symbol })),
  onUpdate: (tick) => {
    accepted += 1
    core.onPriceTick(tick, tick.receivedAt)
  },
  onHealth: (health) => core.onPriceHealth(health),
  signal: abort.signal,
  fetch: fakeFetch,
  clock: streamClock,
  healthInterval: 250,
  idleTimeout: 600_000,
})

function send(count: number) {
  const now = clock()
  for (let k = 0; k < count && enqueued < messages.length; k++) {
    const message = messages[enqueued++]!
    enqueuedAt.set(`${message.symbol}:${message.publishTime}`, now)
    virtualNow = message.publishTime * 1000 + 500
    controller.enqueue(message.bytes)
  }
}

const lagSamples: number[] = []
let acceptedWhileOffering = 0
let offerMs = 0
const batchMs = 5
await new Promise((resolve) => setTimeout(resolve, 50)) // let the client connect
const started = clock()
if (rate === 0) send(messages.length)
else {
  const offering = clock()
  const sampler = setInterval(() => lagSamples.push(enqueued - accepted), 100)
  const offerFrom = clock()
  await new Promise<void>((resolve) => {
    // Offer exactly `rate` per second of real time, whatever the timer's drift.
    const pump = setInterval(() => {
      send(Math.floor(((clock() - offerFrom) * rate) / 1000) - enqueued)
      if (enqueued >= messages.length) {
        clearInterval(pump)
        clearInterval(sampler)
        resolve()
      }
    }, batchMs)
  })
  acceptedWhileOffering = accepted
  offerMs = clock() - offering
}
while (accepted < messages.length && clock() - started < 120_000) await new Promise((resolve) => setTimeout(resolve, 5))
const elapsedMs = clock() - started
await new Promise((resolve) => setTimeout(resolve, 50)) // the last snapshot
abort.abort()
const output: EngineThreadOutput = { offered: messages.length, accepted, elapsedMs, lagSamples, latenciesMs, snapshots, snapshotBytes, acceptedWhileOffering, offerMs, sample }
parentPort!.postMessage({ type: 'done', output })
