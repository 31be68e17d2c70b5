import { createStore } from 'zustand/vanilla'
import { subscribeWithSelector } from 'zustand/middleware'
import type { EngineClientState, EngineClientStatus } from '../engine/createEngineClient'
import type { AccountSnapshot, CandleUpdate, EngineSnapshot, FeedSnapshot, TickTiming } from '../engine/protocol'
import { shareUnchanged } from './shareUnchanged'

/** A tick's full journey: the worker's marks plus the main thread's (wall-clock ms). */
export type TickJourney = TickTiming & { applied: number; painted: number | null }

export type EngineStoreState = {
  /** The client's state: figures are live only while it is `running`. */
  engine: EngineClientState
  restarts: number
  lastRestartReason: string | null
  workerId: string | null
  /** Price feeds by symbol; a feed is shown as live only when `state === 'live'`. */
  feeds: Record<string, FeedSnapshot>
  volatilities: Record<string, FeedSnapshot>
  connection: EngineSnapshot['connection']
  /** The price stream's last error event and when it arrived (wall ms); `null` before any. */
  streamError: { message: string; at: number } | null
  chain: EngineSnapshot['chain']
  /** The venue's view of each market (halt, funding, open interest) at the last block read. */
  markets: EngineSnapshot['markets']
  /** Watched accounts by lower-case address. */
  accounts: Record<string, AccountSnapshot>
  /** Candle bars changed by the last snapshot (the chart applies them with `series.update`). */
  candles: readonly CandleUpdate[]
  /** Last snapshot applied (sequence within its worker). */
  seq: number
  /** Most recent ticks with every timing mark, newest last (bounded). */
  journeys: TickJourney[]
  stats: EngineClientStatus['stats']
  selfCheck: EngineClientStatus['selfCheck']
}

export type EngineStore = ReturnType<typeof createEngineStore>

const journeyCapacity = 512

const initialState: EngineStoreState = {
  engine: 'idle',
  restarts: 0,
  lastRestartReason: null,
  workerId: null,
  feeds: {},
  volatilities: {},
  connection: 'connecting',
  streamError: null,
  chain: { status: 'off', blockNumber: null, chainTime: null, error: null },
  markets: {},
  accounts: {},
  candles: [],
  seq: 0,
  journeys: [],
  stats: null,
  selfCheck: null,
}

/**
 * The page's engine state: a zustand vanilla store fed by the engine client (never by React),
 * read by components through selectors and by the chart through `subscribe` outside React
 * (STYLE.md: stores like wagmi's). `subscribeWithSelector` lets a subscriber follow one slice.
 */
export function createEngineStore() {
  return createStore<EngineStoreState>()(subscribeWithSelector(() => initialState))
}

/**
 * Folds a snapshot into the store. Called on the main thread when it arrives: stamps each of its
 * ticks `applied`, and returns them so the caller can stamp `painted` after the next frame.
 * Whatever the snapshot did not change keeps its object (`shareUnchanged`): a selector of the
 * chain, a market, a feed or part of an account returns the same value until that part moves, so
 * its components do not re-render on every tick.
 */
export function applySnapshot(store: EngineStore, snapshot: EngineSnapshot, applied: number): TickJourney[] {
  const journeys = snapshot.ticks.map((tick) => ({ ...tick, applied, painted: null }))
  const state = store.getState()
  const kept = [...state.journeys, ...journeys]
  store.setState({
    engine: 'running',
    workerId: snapshot.workerId,
    feeds: shareUnchanged(state.feeds, Object.fromEntries(snapshot.feeds.map((feed) => [feed.symbol, feed]))),
    volatilities: shareUnchanged(state.volatilities, Object.fromEntries(snapshot.volatilities.map((feed) => [feed.symbol, feed]))),
    connection: snapshot.connection,
    streamError: shareUnchanged(state.streamError, snapshot.streamError ?? null),
    chain: shareUnchanged(state.chain, snapshot.chain),
    markets: shareUnchanged(state.markets, snapshot.markets),
    accounts: shareUnchanged(state.accounts, Object.fromEntries(snapshot.accounts.map((account) => [account.address, account]))),
    candles: snapshot.candles,
    seq: snapshot.seq,
    journeys: kept.length > journeyCapacity ? kept.slice(-journeyCapacity) : kept,
  })
  return journeys
}

/**
 * Follows the client's status. While the worker is (re)starting, nothing it said before may look
 * live: every feed is marked `disconnected` and every account not confident, until the new
 * worker's first snapshot replaces them (DESIGN.md §4.6: no confident number from a stale price).
 */
export function applyClientStatus(store: EngineStore, status: EngineClientStatus) {
  const state = store.getState()
  const notLive = status.state !== 'running'
  store.setState({
    engine: status.state,
    restarts: status.restarts,
    lastRestartReason: status.lastRestartReason,
    stats: status.stats,
    selfCheck: status.selfCheck,
    ...(notLive && state.engine === 'running'
      ? {
          feeds: mapValues(state.feeds, (feed) => ({ ...feed, state: 'disconnected' as const })),
          volatilities: mapValues(state.volatilities, (feed) => ({ ...feed, state: 'disconnected' as const })),
          accounts: mapValues(state.accounts, (account) => ({ ...account, confident: false, doubts: [`engine ${status.state}`, ...account.doubts] })),
        }
      : {}),
  })
}

function mapValues<T>(record: Record<string, T>, map: (value: T) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]))
}
