import type { AccountSnapshot } from '../engine/protocol'
import { defaultSampleIntervalMs, initialSamplerState, sampleAccount } from './sampleAccount'
import type { HistorySample } from './types'

export type CreateHistoryRecorderParameters = {
  /** The account recorded: snapshots of any other are ignored. */
  address: string
  /** Stores a batch (`appendSamples` on an open store); rejects when it could not. */
  write: (samples: readonly HistorySample[]) => Promise<void>
  /** Deletes the account's stored records (`clearSamples`), for {@link HistoryRecorder.clear}. */
  erase: () => Promise<void>
  /** At most one record per this many ms (default 2 s, see `sampleAccount`). */
  intervalMs?: number
  /** Records are written in a batch this often, ms (default 10 s), and on `flush()`. */
  flushMs?: number
  /** Each record as it is taken, before it is stored: the chart shows it at once. */
  onRecord?: (record: HistorySample) => void
  /** A write failed; the batch is kept for the next flush (up to `maxPending` records). */
  onWriteError?: (error: unknown) => void
  /** A batch was stored. */
  onWritten?: (count: number) => void
  /** Records held while writes fail; beyond it the oldest are dropped (default 3,000: 100 min). */
  maxPending?: number
  /** Wall clock, ms (`Date.now` by default). */
  now?: () => number
}

/** Samples one account's snapshots and stores them in batches, off the tick path. */
export type HistoryRecorder = {
  /** Called with every snapshot: synchronous and cheap (no storage on this path). */
  offer: (snapshot: Pick<AccountSnapshot, 'address' | 'confident' | 'risk'>) => void
  /** Writes what is pending now (e.g. on `pagehide`); resolves when stored or failed. */
  flush: () => Promise<void>
  /**
   * Drops what is pending now and erases what is stored, after any write in flight (writes are
   * queued, so nothing taken before the clear lands after it; records taken after it are kept).
   * Rejects when the erase fails.
   */
  clear: () => Promise<void>
  /** Records taken but not stored yet. */
  pending: () => number
  /** Stops the timer and writes what is pending. */
  stop: () => Promise<void>
}

/**
 * The account history's recorder (issue 9): `offer` runs the pure sampling policy
 * (`sampleAccount`: one record per interval, gaps for stale figures) and buffers the records;
 * every `flushMs` and on `flush()` the buffer goes to storage in one transaction. The tick path
 * never waits on IndexedDB: `offer` only appends to an array. Writes and the clear run one at a
 * time in order.
 *
 * @example
 * const recorder = createHistoryRecorder({ address, write: (s) => appendSamples(store, s), erase: () => clearSamples(store, address) })
 * store.subscribe((state) => recorder.offer(state.accounts[address]))
 * addEventListener('pagehide', () => void recorder.flush())
 */
export function createHistoryRecorder({
  address,
  write,
  erase,
  intervalMs = defaultSampleIntervalMs,
  flushMs = 10_000,
  onRecord,
  onWriteError,
  onWritten,
  maxPending = 3_000,
  now = Date.now,
}: CreateHistoryRecorderParameters): HistoryRecorder {
  const account = address.toLowerCase()
  let sampler = initialSamplerState
  let pending: HistorySample[] = []
  let queue: Promise<void> = Promise.resolve()
  // Bumped by each clear: a failed batch from before it is not put back.
  let generation = 0

  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job)
    queue = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  // The batch is taken when flush is called, so a clear called after it erases it, and a
  // clear called before it leaves it alone.
  const flush = (): Promise<void> => {
    if (pending.length === 0) return queue
    const batch = pending
    const taken = generation
    pending = []
    return enqueue(async () => {
      try {
        await write(batch)
        onWritten?.(batch.length)
      } catch (error) {
        // Keep the batch for the next try, newest last, within bounds.
        if (taken === generation) pending = [...batch, ...pending].slice(-maxPending)
        onWriteError?.(error)
      }
    })
  }

  const timer = setInterval(() => void flush(), flushMs)

  return {
    offer(snapshot) {
      if (snapshot.address.toLowerCase() !== account) return
      const step = sampleAccount({ snapshot, now: now(), previous: sampler, intervalMs })
      sampler = step.state
      if (step.record === null) return
      pending.push(step.record)
      if (pending.length > maxPending) pending.shift()
      onRecord?.(step.record)
    },
    flush,
    clear() {
      pending = []
      generation++
      return enqueue(erase)
    },
    pending: () => pending.length,
    stop() {
      clearInterval(timer)
      return flush()
    },
  }
}
