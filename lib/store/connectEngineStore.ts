import type { EngineClient } from '../engine/createEngineClient'
import { applyClientStatus, applySnapshot, type EngineStore } from './createEngineStore'

export type ConnectEngineStoreParameters = {
  client: EngineClient
  store: EngineStore
  /** Wall clock, ms. */
  clock?: () => number
  /** Runs after the next paint (`requestAnimationFrame`): the tick's `painted` mark. */
  afterPaint?: (callback: () => void) => void
}

/**
 * Feeds the store from the engine client: every snapshot is applied at once (`applied` mark) and
 * its ticks are stamped `painted` at the next animation frame, when React has committed and the
 * browser painted what the snapshot changed. Returns the unsubscribe function.
 */
export function connectEngineStore({
  client,
  store,
  clock = () => performance.timeOrigin + performance.now(),
  afterPaint = (callback) => requestAnimationFrame(() => callback()),
}: ConnectEngineStoreParameters): () => void {
  const offSnapshot = client.onSnapshot((snapshot) => {
    const journeys = applySnapshot(store, snapshot, clock())
    if (journeys.length > 0)
      afterPaint(() => {
        const painted = clock()
        for (const journey of journeys) journey.painted = painted
      })
  })
  const offStatus = client.onStatus((status) => applyClientStatus(store, status))
  applyClientStatus(store, client.status())
  return () => {
    offSnapshot()
    offStatus()
  }
}
