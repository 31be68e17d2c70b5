/** Timers, injectable so tests run on fake time. */
export type PacedStreamTimers = {
  /** Wall clock, ms. */
  now: () => number
  setTimeout: (callback: () => void, ms: number) => unknown
  clearTimeout: (timer: unknown) => void
}

export type CreatePacedStreamParameters<T> = {
  /** Sends one item on the stream (one Hermes message). */
  publish: (item: T) => void
  /** Wall time from `pace` to the first item, ms. */
  delayMs: number
  /** Wall time over which a batch is spread, ms: item i of n is due at `delayMs + i · spreadMs / n`. */
  spreadMs: number
  timers?: PacedStreamTimers
}

export type PacedStream<T> = {
  /** Sends `items` in order, evenly spread; anything still waiting from an earlier batch goes first, at once. */
  pace: (items: readonly T[]) => void
  /** Sends everything still waiting, now. */
  flush: () => void
  /** Forgets everything still waiting (it belongs to a market that no longer exists). */
  drop: () => void
  /** Items waiting to be sent. */
  waiting: () => number
}

const systemTimers: PacedStreamTimers = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}

/**
 * Spreads batches of stream messages evenly over wall time, in order: the devnet keeper's
 * time-lapse computes a block's many chain seconds at once, and a real oracle would have
 * published them one after the other, not in one burst. A batch never overlaps the next: what is
 * left of it is sent before the next one starts.
 *
 * @example
 * const stream = createPacedStream({ publish: (tick) => hermes.publish(tick.prices), delayMs: 150, spreadMs: 750 })
 * stream.pace(ticks) // 50 ticks → one every 15 ms from 150 ms on
 */
export function createPacedStream<T>({ publish, delayMs, spreadMs, timers = systemTimers }: CreatePacedStreamParameters<T>): PacedStream<T> {
  let queue: { item: T; due: number }[] = []
  let timer: unknown = null

  const cancel = () => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
  }

  const sendDue = () => {
    timer = null
    const now = timers.now()
    while (queue.length > 0 && queue[0]!.due <= now) publish(queue.shift()!.item)
    schedule()
  }

  const schedule = () => {
    if (queue.length === 0 || timer !== null) return
    timer = timers.setTimeout(sendDue, Math.max(0, queue[0]!.due - timers.now()))
  }

  const flush = () => {
    cancel()
    const rest = queue
    queue = []
    for (const { item } of rest) publish(item)
  }

  return {
    pace(items) {
      flush()
      const start = timers.now() + delayMs
      queue = items.map((item, index) => ({ item, due: start + (index * spreadMs) / items.length }))
      schedule()
    },
    flush,
    drop() {
      cancel()
      queue = []
    },
    waiting: () => queue.length,
  }
}
