import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultOptionTradingParams } from '../core/market/params'
import { defaultRiskParams } from '../core/risk/params'
import type { BookState } from '../engine/protocol'
import { createEstimatesClient, EstimatesRequestError, type EstimatesWorkerLike } from './createEstimatesClient'
import type { EstimatesCommand, EstimatesMessage, ProbabilitiesJob } from './protocol'

/** A stand-in for a Worker: records what it is sent; the test speaks for it. */
class FakeWorker implements EstimatesWorkerLike {
  sent: EstimatesCommand[] = []
  terminated = false
  private listeners: Record<'message' | 'error', ((event: MessageEvent<EstimatesMessage> | ErrorEvent) => void)[]> = { message: [], error: [] }
  postMessage(message: EstimatesCommand) {
    this.sent.push(message)
  }
  terminate() {
    this.terminated = true
  }
  addEventListener(type: 'message' | 'error', listener: (event: MessageEvent<EstimatesMessage> | ErrorEvent) => void) {
    this.listeners[type].push(listener)
  }
  say(message: EstimatesMessage) {
    for (const listener of this.listeners.message) listener({ data: message } as MessageEvent<EstimatesMessage>)
  }
  fail(message: string) {
    for (const listener of this.listeners.error) listener({ message } as ErrorEvent)
  }
}

const book: BookState = {
  account: { collateral: { USDC: 1_000 }, perps: [], options: [], isolated: [] },
  markets: { now: 1_700_000_000, underlyings: {}, collateral: { USDC: { price: 1, conf: 0 } } },
  params: defaultRiskParams,
  optionTradingParams: defaultOptionTradingParams,
  skews: {},
}
const job: ProbabilitiesJob = { book, horizons: [3_600], jumps: {}, paths: 100, seed: 1 }

let workers: FakeWorker[]
beforeEach(() => {
  vi.useFakeTimers()
  workers = []
})
afterEach(() => vi.useRealTimers())

function start() {
  const client = createEstimatesClient({
    createWorker: () => {
      const worker = new FakeWorker()
      workers.push(worker)
      return worker
    },
    correlatedMoveTimeoutMs: 1_000,
    probabilitiesTimeoutMs: 5_000,
  })
  client.start()
  return client
}

/** Settles a promise into `{ value }` or `{ error }` so a test can look at either. */
const outcome = <T>(promise: Promise<T>) => promise.then((value) => ({ value, error: null }), (error: EstimatesRequestError) => ({ value: null, error }))

describe('createEstimatesClient', () => {
  it('sends each request with an id and resolves it with the answer to that id', async () => {
    const client = start()
    const move = outcome(client.correlatedMove(book))
    const odds = outcome(client.probabilities(job))
    const [first, second] = workers[0]!.sent
    expect(first).toEqual({ type: 'correlatedMove', id: 1, book })
    expect(second).toEqual({ type: 'probabilities', id: 2, job })
    workers[0]!.say({ type: 'response', id: 2, ok: true, result: { targets: [], computeMs: 12 } })
    workers[0]!.say({ type: 'response', id: 1, ok: true, result: { underlyings: [], down: { move: null, reason: 'noExposure' }, up: { move: null, reason: 'noExposure' } } })
    expect((await odds).value).toEqual({ targets: [], computeMs: 12 })
    expect((await move).value?.down).toEqual({ move: null, reason: 'noExposure' })
  })

  it('rebuilds the worker’s error, with reason `failed`', async () => {
    const client = start()
    const move = outcome(client.correlatedMove(book))
    workers[0]!.say({ type: 'response', id: 1, ok: false, error: { name: 'InvalidInputError', message: 'markets.underlyings.BTC.price must be > 0' } })
    const { error } = await move
    expect(error).toBeInstanceOf(EstimatesRequestError)
    expect(error).toMatchObject({ reason: 'failed', message: 'markets.underlyings.BTC.price must be > 0', remote: { name: 'InvalidInputError' } })
  })

  it('a superseded job rejects with reason `superseded` when the worker says it stopped; the newer one resolves', async () => {
    const client = start()
    const older = outcome(client.probabilities(job))
    const newer = outcome(client.probabilities({ ...job, horizons: [86_400] }))
    workers[0]!.say({ type: 'cancelled', id: 1 })
    workers[0]!.say({ type: 'response', id: 2, ok: true, result: { targets: [], computeMs: 1 } })
    expect((await older).error?.reason).toBe('superseded')
    expect((await newer).value).toEqual({ targets: [], computeMs: 1 })
  })

  it('cancelProbabilities asks the worker to stop the job in flight, and only that one', async () => {
    const client = start()
    client.cancelProbabilities() // nothing in flight: nothing sent
    expect(workers[0]!.sent).toEqual([])
    void outcome(client.probabilities(job))
    client.cancelProbabilities()
    expect(workers[0]!.sent.at(-1)).toEqual({ type: 'cancel', id: 1 })
  })

  it('a worker that overruns the timeout is replaced; open requests reject with `timeout`, new ones go to the new worker', async () => {
    const client = start()
    const odds = outcome(client.probabilities(job))
    const move = outcome(client.correlatedMove(book))
    await vi.advanceTimersByTimeAsync(1_001) // the correlated move's 1 s
    expect((await move).error?.reason).toBe('timeout')
    expect((await odds).error?.reason).toBe('timeout') // it died with the worker
    expect(workers[0]!.terminated).toBe(true)
    expect(workers).toHaveLength(2)
    expect(client.restarts()).toBe(1)
    // The old worker's late answer is ignored; the new worker answers the new request.
    workers[0]!.say({ type: 'response', id: 1, ok: true, result: { targets: [], computeMs: 1 } })
    const again = outcome(client.correlatedMove(book))
    expect(workers[1]!.sent).toEqual([{ type: 'correlatedMove', id: 3, book }])
    workers[1]!.say({ type: 'response', id: 3, ok: true, result: { underlyings: [] } })
    expect((await again).value).toEqual({ underlyings: [] })
    await vi.advanceTimersByTimeAsync(10_000) // no stray timers replace the new worker
    expect(workers).toHaveLength(2)
  })

  it('a crashed worker is replaced; open requests reject with `crashed`', async () => {
    const client = start()
    const odds = outcome(client.probabilities(job))
    workers[0]!.fail('out of memory')
    expect((await odds).error).toMatchObject({ reason: 'crashed', message: expect.stringContaining('out of memory') })
    expect(workers).toHaveLength(2)
    expect(client.restarts()).toBe(1)
  })

  it('stop ends the worker and rejects what is open; requests after it reject at once with `stopped`', async () => {
    const client = start()
    const odds = outcome(client.probabilities(job))
    client.stop()
    expect(workers[0]!.terminated).toBe(true)
    expect((await odds).error?.reason).toBe('stopped')
    expect((await outcome(client.correlatedMove(book))).error?.reason).toBe('stopped')
  })
})
