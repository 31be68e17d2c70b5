import { describe, expect, it } from 'vitest'
import type { EngineClient, EngineClientStatus } from '../engine/createEngineClient'
import type { EngineSnapshot, TickTiming } from '../engine/protocol'
import { connectEngineStore } from './connectEngineStore'
import { createEngineStore } from './createEngineStore'

const tick = (symbol: string, publishTime: number): TickTiming => ({ symbol, publishTime, received: publishTime, accepted: publishTime, evaluated: publishTime, posted: publishTime })
const snapshot = (seq: number, ticks: TickTiming[], workerId = 'w1'): EngineSnapshot => ({
  seq,
  workerId,
  connection: 'connected',
  feeds: [],
  volatilities: [],
  chain: { status: 'live', blockNumber: String(seq), chainTime: seq, error: null },
  markets: {},
  accounts: [],
  candles: ticks.map((timing) => ({ symbol: timing.symbol, interval: 1 as const, candle: { time: timing.publishTime, open: seq, high: seq, low: seq, close: seq } })),
  ticks,
})
const running: EngineClientStatus = { state: 'running', restarts: 0, lastRestartReason: null, workerId: 'w1', lastMessageAt: 0, stats: null, selfCheck: null }

/** A client the test speaks for, a manual frame and timer queue, and a store that counts its updates. */
function setup(maxPerFrame = 1) {
  let onSnapshot: (snapshot: EngineSnapshot) => void = () => undefined
  let onStatus: (status: EngineClientStatus) => void = () => undefined
  const client = {
    onSnapshot: (listener: typeof onSnapshot) => ((onSnapshot = listener), () => undefined),
    onStatus: (listener: typeof onStatus) => ((onStatus = listener), () => undefined),
    status: () => running,
  } as unknown as EngineClient
  const store = createEngineStore()
  const applied: number[] = []
  store.subscribe((state, previous) => {
    if (state.seq !== previous.seq) applied.push(state.seq)
  })
  let frames: (() => void)[] = []
  let commits: (() => void)[] = []
  let timers: (() => void)[] = []
  let now = 0
  connectEngineStore({ client, store, clock: () => now, nextFrame: (callback) => frames.push(callback), afterCommit: (callback) => commits.push(callback), after: (callback) => timers.push(callback), maxPerFrame })
  /** A frame starts at `at` (its callbacks run); React commits what they applied by `at + commitMs`. */
  const frame = (at: number, commitMs = 2) => {
    now = at
    const due = frames
    frames = []
    for (const callback of due) callback()
    now = at + commitMs
    const committed = commits
    commits = []
    for (const callback of committed) callback()
  }
  const fallback = () => {
    const due = timers
    timers = []
    for (const callback of due) callback()
  }
  return { store, applied, say: (next: EngineSnapshot) => onSnapshot(next), status: (next: EngineClientStatus) => onStatus(next), frame, fallback, setNow: (at: number) => (now = at) }
}

describe('connectEngineStore', () => {
  it('applies a lone snapshot at once and stamps its ticks painted at the next frame’s start', () => {
    const page = setup()
    page.setNow(10)
    page.say(snapshot(1, [tick('BTC', 1)]))
    expect(page.applied).toEqual([1])
    expect(page.store.getState().journeys.map((journey) => [journey.applied, journey.painted])).toEqual([[10, null]])
    page.frame(16)
    expect(page.store.getState().journeys.map((journey) => journey.painted)).toEqual([16])
  })

  it('at most one snapshot per frame: the rest are merged and applied at the next frame, every tick kept', () => {
    const page = setup()
    page.say(snapshot(1, [tick('BTC', 1)]))
    page.say(snapshot(2, [tick('ETH', 2)]))
    page.say(snapshot(3, [tick('BTC', 3), tick('SOL', 3)]))
    expect(page.applied).toEqual([1]) // 2 and 3 wait for the frame
    page.frame(16)
    expect(page.applied).toEqual([1, 3]) // one render for both, at the frame's start, showing the newest state
    const state = page.store.getState()
    expect(state.journeys.map((journey) => `${journey.symbol}@${journey.publishTime}`)).toEqual(['BTC@1', 'ETH@2', 'BTC@3', 'SOL@3'])
    expect(state.candles.map((update) => `${update.symbol}@${update.candle.time}`).sort()).toEqual(['BTC@3', 'ETH@2', 'SOL@3'])
    expect(state.chain.blockNumber).toBe('3')
    // The first was in the DOM when the frame began; the others once committed at its start: all drawn by that frame.
    expect(state.journeys.map((journey) => journey.painted)).toEqual([16, 18, 18, 18])
    // The merged one was drawn by that frame: the next frame has room for one applied at once.
    page.say(snapshot(4, [tick('BTC', 4)]))
    expect(page.applied).toEqual([1, 3, 4])
    page.say(snapshot(5, [tick('BTC', 5)])) // the next frame has had its one: held
    expect(page.applied).toEqual([1, 3, 4])
    page.frame(33)
    expect(page.applied).toEqual([1, 3, 4, 5])
    expect(page.store.getState().journeys.slice(-2).map((journey) => journey.painted)).toEqual([33, 35])
  })

  it('with room for two a frame, two are applied at once and the third waits, merged with the fourth', () => {
    const page = setup(2)
    for (const seq of [1, 2, 3, 4]) page.say(snapshot(seq, [tick('BTC', seq)]))
    expect(page.applied).toEqual([1, 2])
    page.frame(16)
    expect(page.applied).toEqual([1, 2, 4])
    expect(page.store.getState().journeys.map((journey) => journey.painted)).toEqual([16, 16, 18, 18])
    page.say(snapshot(5, [tick('BTC', 5)])) // that one was drawn by this frame: room for two more
    page.say(snapshot(6, [tick('BTC', 6)]))
    expect(page.applied).toEqual([1, 2, 4, 5, 6])
    page.say(snapshot(7, [tick('BTC', 7)]))
    expect(page.applied).toEqual([1, 2, 4, 5, 6])
    page.frame(33)
    expect(page.applied).toEqual([1, 2, 4, 5, 6, 7])
  })

  it('without frames (a hidden tab) held snapshots are applied by the fallback timer, not painted', () => {
    const page = setup()
    page.say(snapshot(1, [tick('BTC', 1)]))
    page.say(snapshot(2, [tick('BTC', 2)]))
    page.fallback()
    expect(page.applied).toEqual([1, 2])
    page.frame(50) // the first frame request was overtaken by the fallback: it stamps nothing
    expect(page.store.getState().journeys.map((journey) => journey.painted)).toEqual([null, 50])
  })

  it('a snapshot held when the worker stops running is dropped: the old worker’s word never looks live', () => {
    const page = setup()
    page.say(snapshot(1, [tick('BTC', 1)]))
    page.say(snapshot(2, [tick('BTC', 2)]))
    page.status({ ...running, state: 'restarting', restarts: 1, lastRestartReason: 'hung' })
    page.frame(16)
    expect(page.applied).toEqual([1])
    expect(page.store.getState().engine).toBe('restarting')
  })
})
