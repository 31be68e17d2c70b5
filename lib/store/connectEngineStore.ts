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
  /** From inside a frame callback: runs once that frame has been painted (a task after it, `setTimeout(…, 0)`). */
  afterPaint?: (callback: () => void) => void
  /** Runs after `ms` (`setTimeout`): the fallback when no frame comes (a hidden tab). */
  after?: (callback: () => void, ms: number) => void
  /** Snapshots applied at once between two frames; later ones are held for the next frame. */
  maxPerFrame?: number
}

/** Held snapshots are applied after this long even without an animation frame (hidden tabs get none). */
const frameFallbackMs = 250

/**
 * Feeds the store from the engine client, at most `maxPerFrame` snapshots per animation frame: a
 * snapshot is applied at once (`applied` mark) unless that many were already applied for the
 * coming frame; then it is held, merged with any that follow (`mergeSnapshots`), and applied at
 * the start of the next frame, so a burst of ticks costs the page a bounded number of renders per
 * frame, and nothing queues behind renders. Ticks are stamped `painted` once the frame that
 * shows them has been painted (the task after it: React commits before the frame, the browser
 * paints, then the stamp). A held snapshot is dropped when the worker stops running (what it said
 * may not look live). Returns the unsubscribe function.
 */
export function connectEngineStore({
  client,
  store,
  clock = () => performance.timeOrigin + performance.now(),
  nextFrame = (callback) => requestAnimationFrame(() => callback()),
  afterPaint = (callback) => setTimeout(callback, 0),
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
      const appliedNow = held !== null
      if (appliedNow) applyHeld() // at the start of this frame: rendered and painted with it
      const shown = forFrame ?? []
      afterPaint(() => {
        const painted = clock()
        for (const journey of shown) journey.painted = painted
      })
      forFrame = appliedNow ? [] : null
      if (appliedNow) waitForFrame()
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
