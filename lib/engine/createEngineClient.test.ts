import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createEngineClient, EngineRequestError, type EngineWorkerLike } from './createEngineClient'
import type { EngineCommand, EngineMessage, EngineSnapshot } from './protocol'

/** A stand-in for a Worker: records what it is sent; the test speaks for it. */
class FakeWorker implements EngineWorkerLike {
  sent: EngineCommand[] = []
  terminated = false
  private listeners: Record<'message' | 'error', ((event: MessageEvent<EngineMessage> | ErrorEvent) => void)[]> = { message: [], error: [] }
  postMessage(message: EngineCommand) {
    this.sent.push(message)
  }
  terminate() {
    this.terminated = true
  }
  addEventListener(type: 'message' | 'error', listener: (event: MessageEvent<EngineMessage> | ErrorEvent) => void) {
    this.listeners[type].push(listener)
  }
  say(message: EngineMessage) {
    if (!this.terminated) for (const listener of this.listeners.message) listener({ data: message } as MessageEvent<EngineMessage>)
  }
  fail(message: string) {
    for (const listener of this.listeners.error) listener({ message } as ErrorEvent)
  }
}

const stats = { ticksAccepted: 0, ticksPerSecond: 0, snapshotsPosted: 0, evaluateMs: { p50: 0, p95: 0 }, pendingTicks: 0 }
const snapshot = (workerId: string, seq: number): EngineSnapshot => ({
  seq,
  workerId,
  connection: 'connected',
  feeds: [],
  volatilities: [],
  chain: { status: 'off', blockNumber: null, chainTime: null, error: null },
  markets: {},
  accounts: [],
  candles: [],
  ticks: [],
})

let workers: FakeWorker[]
let now: number
beforeEach(() => {
  vi.useFakeTimers()
  workers = []
  now = 1_000_000
})
afterEach(() => vi.useRealTimers())

function start() {
  const client = createEngineClient({
    config: { priceStreamUrl: 'http://127.0.0.1:8787' },
    createWorker: () => {
      const worker = new FakeWorker()
      workers.push(worker)
      return worker
    },
    heartbeatTimeoutMs: 600,
    clock: () => now,
  })
  client.start()
  return client
}

/** Advances both the fake timers and the injected clock. */
function advance(ms: number) {
  now += ms
  vi.advanceTimersByTime(ms)
}

describe('createEngineClient', () => {
  it('configures the worker, forwards the watched accounts, and delivers its snapshots', () => {
    const client = start()
    client.watch(['0xabc'])
    const worker = workers[0]!
    expect(worker.sent.map((command) => command.type)).toEqual(['hello', 'configure', 'watch', 'watch'])
    const seen: number[] = []
    client.onSnapshot((next) => seen.push(next.seq))
    worker.say({ type: 'snapshot', snapshot: snapshot('w1', 1) })
    expect(seen).toEqual([1])
    expect(client.status().state).toBe('running')
  })

  it('replaces a silent worker after the heartbeat timeout, with the same config, watched accounts and open requests', async () => {
    const client = start()
    client.watch(['0xabc', '0xdef'])
    const first = workers[0]!
    first.say({ type: 'snapshot', snapshot: snapshot('w1', 1) })
    const answer = client.request('evaluate', { account: '0xabc' })
    for (let i = 0; i < 5; i++) {
      advance(100)
      first.say({ type: 'heartbeat', workerId: 'w1', at: now, stats })
    }
    expect(workers).toHaveLength(1) // heartbeats keep it alive
    const states: string[] = []
    client.onStatus((status) => states.push(status.state))
    advance(800) // silence: killed, hung or crashed
    expect(first.terminated).toBe(true)
    expect(workers).toHaveLength(2)
    expect(states).toEqual(['restarting'])
    const second = workers[1]!
    expect(second.sent.map((command) => command.type)).toEqual(['hello', 'configure', 'watch', 'request'])
    expect(second.sent[2]).toEqual({ type: 'watch', accounts: ['0xabc', '0xdef'] })
    const resent = second.sent[3] as Extract<EngineCommand, { type: 'request' }>
    second.say({ type: 'response', id: resent.id, ok: true, result: { address: '0xabc' } })
    await expect(answer).resolves.toEqual({ address: '0xabc' })
    // The old worker's late words are ignored; the new worker's first snapshot makes it live.
    first.say({ type: 'snapshot', snapshot: snapshot('w1', 99) })
    expect(client.status().state).toBe('restarting')
    second.say({ type: 'snapshot', snapshot: snapshot('w2', 1) })
    expect(client.status()).toMatchObject({ state: 'running', restarts: 1, workerId: 'w2' })
    expect(client.status().lastRestartReason).toMatch(/no heartbeat for \d+ ms/)
  })

  it('hangWorker (fault drills) asks only the current worker to hang; its replacement is never told to', () => {
    const client = start()
    workers[0]!.say({ type: 'snapshot', snapshot: snapshot('w1', 1) })
    client.hangWorker(3_000)
    expect(workers[0]!.sent.at(-1)).toEqual({ type: 'hang', ms: 3_000 })
    advance(800) // the hung worker says nothing: replaced as any silent one
    expect(workers).toHaveLength(2)
    expect(workers[1]!.sent.map((command) => command.type)).not.toContain('hang')
  })

  it('restarts a worker that throws', () => {
    const client = start()
    workers[0]!.fail('boom')
    expect(workers).toHaveLength(2)
    expect(client.status().lastRestartReason).toBe('worker error: boom')
  })

  it('gives a new worker its startup allowance before calling it dead', () => {
    start()
    advance(5_000)
    expect(workers).toHaveLength(1)
    advance(5_100)
    expect(workers).toHaveLength(2)
  })

  it('rejects a request the worker refuses (error rebuilt) or does not answer in time', async () => {
    const client = start()
    const refused = client.request('liquidationPrices', { account: '0x1' })
    const request = workers[0]!.sent.at(-1) as Extract<EngineCommand, { type: 'request' }>
    workers[0]!.say({ type: 'response', id: request.id, ok: false, error: { name: 'InvalidInputError', message: 'Invalid account' } })
    await expect(refused).rejects.toMatchObject({ name: 'EngineRequestError', message: 'Invalid account', remote: { name: 'InvalidInputError' } })
    const slow = client.request('evaluate', { account: '0x1' }, { timeoutMs: 50 })
    workers[0]!.say({ type: 'heartbeat', workerId: 'w1', at: now, stats })
    advance(60)
    await expect(slow).rejects.toBeInstanceOf(EngineRequestError)
  })

  it('stop() terminates the worker and rejects what is pending', async () => {
    const client = start()
    const pending = client.request('evaluate', { account: '0x1' })
    client.stop()
    expect(workers[0]!.terminated).toBe(true)
    await expect(pending).rejects.toThrow('stopped')
    advance(20_000)
    expect(workers).toHaveLength(1)
  })
})
