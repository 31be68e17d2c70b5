import { createServer as createHttpServer, type Server } from 'node:http'
import { createConnection, createServer as createTcpServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { toFunctionSelector, type Address } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidInputError } from '../core/errors'
import type { VenueState } from './types'
import { venueOnAnvil } from './venueOnAnvil.testing'
import { watchVenue, type VenueStateUpdate } from './watchVenue'

/**
 * watchVenue against a real anvil: states on new blocks (pushed over the WebSocket), a read as
 * soon as a watched account's deposit is mined (from its event, before any further block),
 * HTTP when the WebSocket URL is wrong, hangs or dies, coalesced reads, refresh() and stop().
 * What went over HTTP is observed through a small JSON-RPC proxy in front of anvil.
 */

const getMarkets = toFunctionSelector('getMarkets()')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(5)
  }
}

const listen = (server: Server | ReturnType<typeof createTcpServer>, port = 0) =>
  new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))

type Call = { method: string; params?: readonly { data?: string; input?: string }[] }

/**
 * An HTTP JSON-RPC proxy to anvil that counts what passes (batches included) and can hold every
 * request carrying a `getMarkets` call — one per state read — for `delayMs`.
 */
async function rpcProxy(target: string, { delayMs = 0 } = {}) {
  const stats = { calls: 0, reads: 0, readsInFlight: 0, maxReadsInFlight: 0 }
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString()
      const parsed = JSON.parse(body) as Call | Call[]
      const calls = Array.isArray(parsed) ? parsed : [parsed]
      stats.calls += calls.length
      const isRead = calls.some((call) => call.method === 'eth_call' && (call.params?.[0]?.data ?? call.params?.[0]?.input ?? '').startsWith(getMarkets))
      if (isRead) {
        stats.reads++
        stats.readsInFlight++
        stats.maxReadsInFlight = Math.max(stats.maxReadsInFlight, stats.readsInFlight)
        await sleep(delayMs)
      }
      try {
        const answer = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text())
      } catch {
        response.writeHead(502).end()
      } finally {
        if (isRead) stats.readsInFlight--
      }
    })
  })
  const port = await listen(server)
  return { url: `http://127.0.0.1:${port}`, stats, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** A TCP relay to anvil's port (its WebSocket) that can be cut, as a dropped connection would be. */
async function tcpRelay(targetPort: number, ownPort = 0) {
  const sockets = new Set<Socket>()
  const server = createTcpServer((client) => {
    const upstream = createConnection(targetPort, '127.0.0.1')
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream).pipe(client)
  })
  const port = await listen(server, ownPort)
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    open: () => sockets.size,
    cut: () => {
      server.close()
      for (const socket of sockets) socket.destroy()
    },
  }
}

function collect() {
  const states: { state: VenueState; update: VenueStateUpdate; at: number }[] = []
  const errors: Error[] = []
  return {
    states,
    errors,
    onState: (state: VenueState, update: VenueStateUpdate) => states.push({ state, update, at: Date.now() }),
    onError: (error: Error) => errors.push(error),
  }
}

describe('watchVenue (anvil)', () => {
  let chain: Awaited<ReturnType<typeof venueOnAnvil>>
  let trader: Address
  let stranger: Address
  const key = (address: Address) => address.toLowerCase() as Lowercase<Address>

  beforeAll(async () => {
    chain = await venueOnAnvil()
    trader = chain.devAccounts[3] as Address
    stranger = chain.devAccounts[4] as Address
    await chain.mintAndApprove(trader, 'USDC', 10_000)
    await chain.mintAndApprove(stranger, 'USDC', 10_000)
  }, 120_000)

  afterAll(async () => {
    await chain?.anvil.stop()
  })

  it('over the WebSocket: a first state at once, then one per new block, pushed (nothing over HTTP)', async () => {
    const proxy = await rpcProxy(chain.rpcUrl)
    const seen = collect()
    // Polling every minute: anything prompt must have been pushed.
    const watcher = watchVenue({ rpcUrl: proxy.url, wsUrl: chain.wsUrl, accounts: () => [trader], pollingIntervalMs: 60_000, ...seen })
    try {
      const first = await waitFor('the first state', () => seen.states[0])
      expect(first.update).toEqual({ triggers: ['start'], touchedAccounts: [], mode: 'webSocket' })
      expect(watcher.mode()).toBe('webSocket')
      expect(first.state.accounts[key(trader)]?.collateral.USDC).toBe(0)
      expect(first.state.blockNumber).toBe(await chain.publicClient.getBlockNumber({ cacheTime: 0 }))

      const minedAt = Date.now()
      await chain.testClient.mine({ blocks: 1 })
      const next = await waitFor('a state at the new block', () => seen.states.find(({ state }) => state.blockNumber === first.state.blockNumber + 1n))
      expect(next.update.triggers).toContain('block')
      expect(next.at - minedAt).toBeLessThan(1_000)
      expect(proxy.stats.calls).toBe(0)
      expect(seen.errors).toEqual([])
    } finally {
      watcher.stop()
      await proxy.close()
    }
  })

  it("reads a watched account's deposit as soon as it is mined, from its event, before any further block", async () => {
    const seen = collect()
    const watcher = watchVenue({ rpcUrl: chain.rpcUrl, wsUrl: chain.wsUrl, accounts: () => [trader], pollingIntervalMs: 60_000, ...seen })
    await chain.testClient.setAutomine(false)
    try {
      await waitFor('the first state', () => seen.states[0])
      const hash = await chain.deposit(trader, 'USDC', 1_234.5)
      await sleep(200)
      expect(seen.states).toHaveLength(1) // pending in the mempool: nothing happened yet

      await chain.testClient.mine({ blocks: 1 })
      const minedAt = Date.now()
      const { blockNumber } = await chain.publicClient.getTransactionReceipt({ hash })
      const read = await waitFor('the read the Deposited event asked for', () => seen.states.find(({ update }) => update.triggers.includes('event')))
      expect(read.update.touchedAccounts).toEqual([key(trader)])
      expect(read.state.blockNumber).toBe(blockNumber)
      expect(read.state.accounts[key(trader)]?.collateral.USDC).toBe(1_234.5)
      expect(read.at - minedAt).toBeLessThan(1_000)
      expect(await chain.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(blockNumber)

      // A deposit by an account nobody watches: read for its block, never as an event.
      const other = await chain.deposit(stranger, 'USDC', 10)
      await chain.testClient.mine({ blocks: 1 })
      const otherBlock = (await chain.publicClient.getTransactionReceipt({ hash: other })).blockNumber
      await waitFor('the read of that block', () => seen.states.find(({ state }) => state.blockNumber === otherBlock))
      await sleep(300)
      expect(seen.states.filter(({ state, update }) => state.blockNumber === otherBlock && update.triggers.includes('event'))).toEqual([])
      expect(seen.errors).toEqual([])
    } finally {
      watcher.stop()
      await chain.testClient.setAutomine(true)
    }
  })

  it('polls over HTTP when the WebSocket URL refuses connections', async () => {
    const closed = createTcpServer()
    const port = await listen(closed)
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const proxy = await rpcProxy(chain.rpcUrl)
    const seen = collect()
    const watcher = watchVenue({ rpcUrl: proxy.url, wsUrl: `ws://127.0.0.1:${port}`, accounts: () => [trader], pollingIntervalMs: 50, ...seen })
    try {
      const first = await waitFor('the first state', () => seen.states[0])
      expect(first.update.mode).toBe('polling')
      expect(watcher.mode()).toBe('polling')
      expect(proxy.stats.reads).toBeGreaterThanOrEqual(1)
      await chain.testClient.mine({ blocks: 1 })
      const next = await waitFor('a state at the new block', () => seen.states.find(({ state }) => state.blockNumber === first.state.blockNumber + 1n))
      expect(next.update).toMatchObject({ triggers: ['block'], mode: 'polling' })
      expect(seen.errors).toEqual([])
    } finally {
      watcher.stop()
      await proxy.close()
    }
  })

  it('polls over HTTP when the WebSocket never answers, after webSocketTimeoutMs', async () => {
    const held = new Set<Socket>()
    const silent = createTcpServer((socket) => held.add(socket))
    const port = await listen(silent)
    const seen = collect()
    const startedAt = Date.now()
    const watcher = watchVenue({ rpcUrl: chain.rpcUrl, wsUrl: `ws://127.0.0.1:${port}`, accounts: () => [trader], pollingIntervalMs: 50, webSocketTimeoutMs: 300, ...seen })
    try {
      const first = await waitFor('the first state', () => seen.states[0])
      expect(first.update.mode).toBe('polling')
      expect(first.at - startedAt).toBeGreaterThanOrEqual(300)
      expect(first.at - startedAt).toBeLessThan(2_500)
    } finally {
      watcher.stop()
      for (const socket of held) socket.destroy()
      silent.close()
    }
  })

  it('carries on by polling over HTTP when the WebSocket drops mid-way, and goes back to it once it answers', async () => {
    const relay = await tcpRelay(chain.anvil.port)
    let restored: Awaited<ReturnType<typeof tcpRelay>> | undefined
    const seen = collect()
    const watcher = watchVenue({ rpcUrl: chain.rpcUrl, wsUrl: relay.url, accounts: () => [trader], pollingIntervalMs: 50, webSocketRetryMs: 300, ...seen })
    const stateAtNextBlock = async () => {
      const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 })
      await chain.testClient.mine({ blocks: 1 })
      return waitFor('a state at the new block', () => seen.states.find(({ state }) => state.blockNumber === head + 1n))
    }
    try {
      const first = await waitFor('the first state', () => seen.states[0])
      expect(first.update.mode).toBe('webSocket')

      relay.cut()
      await waitFor('the switch to polling', () => watcher.mode() === 'polling')
      expect(seen.errors.length).toBeGreaterThanOrEqual(1)
      expect((await stateAtNextBlock()).update.mode).toBe('polling')

      // The WebSocket is back (same address): the next retry takes it up again.
      restored = await tcpRelay(chain.anvil.port, relay.port)
      await waitFor('the switch back to the WebSocket', () => watcher.mode() === 'webSocket', 3_000)
      expect((await stateAtNextBlock()).update.mode).toBe('webSocket')
    } finally {
      watcher.stop()
      relay.cut()
      restored?.cut()
    }
  })

  it('coalesces: never two reads in flight, at most one queued', async () => {
    const proxy = await rpcProxy(chain.rpcUrl, { delayMs: 150 })
    const seen = collect()
    const watcher = watchVenue({ rpcUrl: proxy.url, accounts: () => [trader], pollingIntervalMs: 25, ...seen })
    try {
      await waitFor('the first state', () => seen.states[0])
      // Quiet: no read on the wire and no new state for 300 ms (the first poll may add one).
      let quietSince = Date.now()
      let count = seen.states.length
      await waitFor('a quiet watcher', () => {
        if (seen.states.length !== count || proxy.stats.readsInFlight > 0) [quietSince, count] = [Date.now(), seen.states.length]
        return Date.now() - quietSince > 300
      })

      // Ten refreshes at once: the first reads, the other nine share one queued read.
      const readsBefore = proxy.stats.reads
      const statesBefore = seen.states.length
      await Promise.all(Array.from({ length: 10 }, () => watcher.refresh()))
      expect(proxy.stats.reads - readsBefore).toBe(2)
      expect(seen.states.slice(statesBefore).map(({ update }) => update.triggers)).toEqual([['refresh'], ['refresh']])

      // Eight blocks in quick succession, each taking a read 150 ms: far fewer reads than blocks,
      // and the last state is at the last block.
      const burstReads = proxy.stats.reads
      for (let block = 0; block < 8; block++) {
        await chain.testClient.mine({ blocks: 1 })
        await sleep(30)
      }
      const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 })
      await waitFor('a state at the last block', () => seen.states.find(({ state }) => state.blockNumber === head))
      expect(proxy.stats.reads - burstReads).toBeLessThanOrEqual(4)
      expect(proxy.stats.maxReadsInFlight).toBe(1)
      expect(seen.errors).toEqual([])
    } finally {
      watcher.stop()
      await proxy.close()
    }
  })

  it('refresh() reads the accounts watched since, with the venue health when asked', async () => {
    let watched: Address[] = []
    const seen = collect()
    const watcher = watchVenue({ rpcUrl: chain.rpcUrl, wsUrl: chain.wsUrl, accounts: () => watched, accountHealth: true, ...seen })
    try {
      const first = await waitFor('the first state', () => seen.states[0])
      expect(first.state.accounts).toEqual({})
      watched = [trader]
      await watcher.refresh()
      const last = seen.states.at(-1)
      expect(last?.update.triggers).toContain('refresh')
      expect(Object.keys(last?.state.accounts ?? {})).toEqual([key(trader)])
      expect(last?.state.venueHealth?.[key(trader)]?.cross.equity).toBeGreaterThan(1_000)
    } finally {
      watcher.stop()
    }
  })

  it('stop() stops every read and releases the WebSocket', async () => {
    const proxy = await rpcProxy(chain.rpcUrl)
    const polling = collect()
    const polled = watchVenue({ rpcUrl: proxy.url, accounts: () => [trader], pollingIntervalMs: 25, ...polling })
    const relay = await tcpRelay(chain.anvil.port)
    const pushed = collect()
    const subscribed = watchVenue({ rpcUrl: proxy.url, wsUrl: relay.url, accounts: () => [trader], ...pushed })
    try {
      await waitFor('the first states', () => polling.states[0] && pushed.states[0])
      expect(relay.open()).toBeGreaterThan(0)
      polled.stop()
      subscribed.stop()
      await sleep(150) // a request already on the wire may still land
      const calls = proxy.stats.calls
      const states = polling.states.length + pushed.states.length
      for (let block = 0; block < 3; block++) await chain.testClient.mine({ blocks: 1 })
      await sleep(400)
      await polled.refresh()
      expect(proxy.stats.calls).toBe(calls)
      expect(polling.states.length + pushed.states.length).toBe(states)
      await waitFor('the WebSocket to close', () => relay.open() === 0, 2_000)
    } finally {
      polled.stop()
      subscribed.stop()
      relay.cut()
      await proxy.close()
    }
  })

  it('refuses a polling interval, WebSocket timeout or retry interval that is not a positive number of ms', () => {
    const base = { rpcUrl: 'http://127.0.0.1:1', accounts: () => [], onState: () => {}, onError: () => {} }
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => watchVenue({ ...base, pollingIntervalMs: bad })).toThrow(InvalidInputError)
      expect(() => watchVenue({ ...base, webSocketTimeoutMs: bad })).toThrow(InvalidInputError)
      expect(() => watchVenue({ ...base, webSocketRetryMs: bad })).toThrow(/webSocketRetryMs/)
    }
  })
})
