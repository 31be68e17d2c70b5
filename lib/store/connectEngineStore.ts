import type { EngineClient } from '../engine/createEngineClient'
import type { EngineSnapshot } from '../engine/protocol'
import { applyClientStatus, applySnapshot, type EngineStore, type TickJourney } from './createEngineStore'
import { mergeSnapshots } from './mergeSnapshots'

export type ConnectEngineStoreParameters = {
  client: EngineClient
  store: EngineStore
  /** Wall clock, ms. */
  clock?: () => number
  /** Runs at the start of the next animation frame (`requestAnimationFrame`). */
  nextFrame?: (callback: () => void) => void
  /** Runs once React has committed what the store just changed (after its microtask). */
  afterCommit?: (callback: () => void) => void
  /** Runs after `ms` (`setTimeout`): the fallback when no frame comes (a hidden tab). */
  after?: (callback: () => void, ms: number) => void
  /** Snapshots applied at once between two frames; later ones are held for the next frame. */
  maxPerFrame?: number
}

/** Held snapshots are applied after this long even without an animation frame (hidden tabs get none). */
const frameFallbackMs = 250

/**
 * Feeds the store from the engine client with a bounded number of renders per animation frame: a
 * snapshot is applied at once (`applied` mark) unless `maxPerFrame` were already applied since the
 * last frame; then it is held, merged with any that follow (`mergeSnapshots`), and applied at the
 * start of the next frame. So a burst of ticks costs the page at most `maxPerFrame` + 1 renders
 * per frame, nothing queues behind renders, and under a steady stream slower than the frame rate
 * each snapshot is rendered as it arrives, before the frame that draws it. Ticks are stamped
 * `painted` when the animation frame that draws them begins with them in the DOM: at that
 * frame's `requestAnimationFrame` for a snapshot applied (and committed by React) before it, or
 * once React has committed, for one applied at the frame's start. The browser's own style,
 * layout and paint follow in that frame.
 * A held snapshot is dropped when the worker stops running (what it said may not look live).
 * Returns the unsubscribe function.
 */
export function connectEngineStore({
  client,
  store,
  clock = () => performance.timeOrigin + performance.now(),
  nextFrame = (callback) => requestAnimationFrame(() => callback()),
  afterCommit = (callback) => queueMicrotask(() => queueMicrotask(callback)),
  after = (callback, ms) => setTimeout(callback, ms),
  maxPerFrame = 1,
}: ConnectEngineStoreParameters): () => void {
  let held: EngineSnapshot | null = null
  /** Journeys applied for the coming frame (`null`: none yet, and no frame requested). */
  let forFrame: TickJourney[] | null = null
  /** Snapshots applied for the coming frame. */
  let appliedForFrame = 0
  let generation = 0
  let connected = true

  const applyHeld = () => {
    const snapshot = held!
    held = null
    appliedForFrame += 1
    forFrame = [...(forFrame ?? []), ...applySnapshot(store, snapshot, clock())]
  }

  const waitForFrame = () => {
    const mine = ++generation
    nextFrame(() => {
      if (mine !== generation || !connected) return
      appliedForFrame = 0
      const frameStart = clock()
      for (const journey of forFrame ?? []) journey.painted = frameStart
      forFrame = null
      if (held === null) return
      // At the start of this frame: committed, then drawn with it.
      applyHeld()
      const drawn = forFrame as TickJourney[] | null
      afterCommit(() => {
        const committed = clock()
        for (const journey of drawn ?? []) journey.painted = committed
      })
      // That one is drawn by this frame; the next frame starts with room again (a snapshot that
      // arrives now is applied at once, its render done before that frame, not inside it).
      forFrame = []
      appliedForFrame = 0
      waitForFrame()
    })
    after(() => {
      if (mine !== generation || !connected) return
      // No frame came (a hidden tab): the state moves on, nothing is stamped painted.
      forFrame = null
      appliedForFrame = 0
      if (held !== null) {
        applyHeld()
        waitForFrame()
      }
    }, frameFallbackMs)
  }

  const offSnapshot = client.onSnapshot((snapshot) => {
    held = held === null ? snapshot : mergeSnapshots(held, snapshot)
    if (appliedForFrame >= maxPerFrame) return // held for the next frame
    const frameRequested = forFrame !== null
    applyHeld()
    if (!frameRequested) waitForFrame()
  })
  const offStatus = client.onStatus((status) => {
    // A snapshot held for the next frame is the old worker's word: never shown once it is gone.
    if (status.state !== 'running') held = null
    applyClientStatus(store, status)
  })
  applyClientStatus(store, client.status())
  return () => {
    connected = false
    offSnapshot()
    offStatus()
  }
}
