import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultOptionTradingParams } from '../core/market/params'
import { defaultRiskParams } from '../core/risk/params'
import type { BookState } from '../engine/protocol'
import { EstimatesRequestError } from './createEstimatesClient'
import { createLiquidationEstimator, type LiquidationEstimatorState } from './createLiquidationEstimator'
import type { EstimatesResult, ProbabilitiesJob } from './protocol'

const book = (price: number, size = 0.5): BookState => ({
  account: { collateral: { USDC: 10_000 }, perps: [{ underlying: 'BTC', size, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] },
  markets: { now: 1_700_000_000, underlyings: { BTC: { price, conf: 0, vol: 0.55, fundingIndex: 0 } }, collateral: { USDC: { price: 1, conf: 0 } } },
  params: defaultRiskParams,
  optionTradingParams: defaultOptionTradingParams,
  skews: {},
})
const noMove: EstimatesResult['correlatedMove'] = { underlyings: ['BTC'], down: { move: null, reason: 'noneInRange' }, up: { move: null, reason: 'noneInRange' } }
const odds = (probability: number): EstimatesResult['probabilities'] => ({
  targets: [{ kind: 'cross', isolatedId: null, underlying: null, size: null, horizons: [{ probability, standardError: 0, method: 'analytic', assumptions: [], horizonSeconds: 3_600, paths: 0, steps: 0 }] }],
  computeMs: 800,
})

/** A fake estimates client whose probability runs the test finishes by hand. */
function fakeClient() {
  const runs: { job: ProbabilitiesJob; resolve: (result: EstimatesResult['probabilities']) => void; reject: (error: Error) => void }[] = []
  const client = {
    correlatedMove: vi.fn(async () => noMove),
    probabilities: vi.fn(
      (job: ProbabilitiesJob) =>
        new Promise<EstimatesResult['probabilities']>((resolve, reject) => {
          // A newer run supersedes the older one, as the worker does.
          runs.at(-1)?.reject(new EstimatesRequestError('A newer estimate replaced this one.', 'superseded'))
          runs.push({ job, resolve, reject })
        }),
    ),
    cancelProbabilities: vi.fn(),
  }
  return { client, runs }
}

let now: number
beforeEach(() => {
  vi.useFakeTimers()
  now = 1_000_000
})
afterEach(() => vi.useRealTimers())

function setup(books: () => BookState, confident = () => true) {
  const { client, runs } = fakeClient()
  const states: LiquidationEstimatorState[] = []
  const fetchBook = vi.fn(async () => books())
  const estimator = createLiquidationEstimator({ fetchBook, client, isConfident: confident, onChange: (state) => states.push(state), clock: () => now, jumps: {} })
  /** Lets `ms` of time pass, timers and promises included. */
  const pass = async (ms: number) => {
    now += ms
    await vi.advanceTimersByTimeAsync(ms)
  }
  return { estimator, client, runs, states, fetchBook, pass }
}

describe('createLiquidationEstimator', () => {
  it('reads the book, starts the first run and the correlated move at once; shows the run’s result stamped with when its book was read', async () => {
    const { estimator, runs, client, pass } = setup(() => book(60_000))
    estimator.start()
    await pass(0)
    expect(runs).toHaveLength(1)
    expect(runs[0]!.job).toMatchObject({ horizons: [3_600, 86_400, 604_800], paths: 10_000, seed: 1 })
    expect(client.correlatedMove).toHaveBeenCalledTimes(1)
    expect(estimator.state()).toMatchObject({ correlatedMove: { result: noMove, at: 1_000_000, confident: true }, running: { since: 1_000_000, reason: 'first' }, marginHorizonSeconds: 3_600 })
    await pass(900)
    runs[0]!.resolve(odds(0.01))
    await pass(0)
    expect(estimator.state()).toMatchObject({ running: null, probabilities: { at: 1_000_000, reason: 'first', prices: { BTC: 60_000 }, result: odds(0.01) } })
  })

  it('re-reads the book every 2 s; a run waits for the last one to finish, then for 15 s or a trigger', async () => {
    let price = 60_000
    const { estimator, runs, fetchBook, pass } = setup(() => book(price))
    estimator.start()
    await pass(0)
    price = 61_000 // well over ½σ√1h (≈ 0.3 %) — but a run is in flight
    await pass(2_000)
    expect(fetchBook).toHaveBeenCalledTimes(2)
    expect(runs).toHaveLength(1)
    runs[0]!.resolve(odds(0.01))
    await pass(2_000) // 4 s after the first: within the 5 s minimum interval
    expect(runs).toHaveLength(1)
    await pass(2_000) // 6 s: the price trigger fires
    expect(runs).toHaveLength(2)
    expect(estimator.state().running?.reason).toBe('price')
    runs[1]!.resolve(odds(0.02))
    await pass(12_000) // 18 s: 12 s after the second run's book, nothing moved
    expect(runs).toHaveLength(2)
    await pass(4_000) // 22 s: 16 s old
    expect(runs).toHaveLength(3)
    expect(estimator.state().running?.reason).toBe('age')
  })

  it('a changed book supersedes the run in flight: only the newer run’s result is shown', async () => {
    let size = 0.5
    const { estimator, runs, pass } = setup(() => book(60_000, size))
    estimator.start()
    await pass(0)
    size = 0.8
    await pass(2_000)
    expect(runs).toHaveLength(2)
    expect(runs[1]!.job.book.account.perps[0]!.size).toBe(0.8)
    expect(estimator.state().running?.reason).toBe('book')
    runs[1]!.resolve(odds(0.3))
    await pass(0)
    expect(estimator.state()).toMatchObject({ running: null, probabilityError: null, probabilities: { reason: 'book', result: odds(0.3) } })
  })

  it('stamps figures computed while the account was not live, and reports failures in words', async () => {
    let confident = false
    let failing = true
    const { estimator, runs, client, pass } = setup(
      () => book(60_000),
      () => confident,
    )
    client.correlatedMove.mockImplementation(async () => {
      if (failing) throw new Error('No book loaded for 0xabc: watch it first.')
      return noMove
    })
    estimator.start()
    await pass(0)
    expect(estimator.state().error).toBe('No book loaded for 0xabc: watch it first.')
    runs[0]!.reject(new EstimatesRequestError('The estimates worker did not answer within 60 s.', 'timeout'))
    await pass(0)
    expect(estimator.state()).toMatchObject({ running: null, probabilities: null, probabilityError: 'The estimates worker did not answer within 60 s.' })
    failing = false
    confident = true
    await pass(2_000) // the failed run left no estimate: the next read starts one again
    expect(runs).toHaveLength(2)
    runs[1]!.resolve(odds(0.05))
    await pass(0)
    expect(estimator.state()).toMatchObject({ error: null, probabilityError: null, correlatedMove: { confident: true }, probabilities: { confident: true } })
  })

  it('stop cancels the run in flight and reports nothing more', async () => {
    const { estimator, runs, client, states, fetchBook, pass } = setup(() => book(60_000))
    estimator.start()
    await pass(0)
    estimator.stop()
    expect(client.cancelProbabilities).toHaveBeenCalledTimes(1)
    const reported = states.length
    runs[0]!.resolve(odds(0.5))
    await pass(30_000)
    expect(states).toHaveLength(reported)
    expect(fetchBook).toHaveBeenCalledTimes(1)
  })
})
