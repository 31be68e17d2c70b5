'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import { appendSamples } from '@/lib/history/appendSamples'
import { clearSamples } from '@/lib/history/clearSamples'
import { createHistoryRecorder, type HistoryRecorder } from '@/lib/history/createHistoryRecorder'
import { openHistoryStore } from '@/lib/history/openHistoryStore'
import { defaultHistoryRetention } from '@/lib/history/pruneSamples'
import { readSamples } from '@/lib/history/readSamples'
import type { HistorySample } from '@/lib/history/types'

/** Where the account's history stands. */
export type AccountHistoryPhase =
  | { phase: 'opening' }
  | { phase: 'ready' }
  /** No IndexedDB, refused, or unreadable: the panel says why; the page works without it. */
  | { phase: 'unavailable'; reason: string }

export type UseAccountHistoryReturnType = {
  status: AccountHistoryPhase
  /** The account's records in memory (stored + taken since), oldest first; mutated in place. */
  samples: { readonly current: readonly HistorySample[] }
  /** Increments whenever `samples` changes: the painter repaints when it moved. */
  version: { readonly current: number }
  /** The recorder, once the store is open: feed it every snapshot. */
  recorder: HistoryRecorder | null
  /** The last write or clear failure, `null` once a write succeeds. */
  storageError: string | null
  /** Erases the account's history (stored and in memory); recording goes on. */
  clear: () => Promise<void>
}

/**
 * One account's history in the browser: opens the `marginflow` IndexedDB store (pruning it to
 * the retention), reads what is kept, and records new samples through `createHistoryRecorder`
 * — flushed every 10 s and when the page is hidden or left (`pagehide`, `visibilitychange`).
 * The records live in a ref, not React state: the caller repaints on its own clock (≤ 1 Hz).
 */
export function useAccountHistory(address: string): UseAccountHistoryReturnType {
  // Each piece of state names the address it belongs to: a switch of account reads as
  // "opening" at once, without resetting state inside the effect.
  const [opened, setOpened] = useState<{ address: string; status: AccountHistoryPhase } | null>(null)
  const [recording, setRecording] = useState<{ address: string; recorder: HistoryRecorder } | null>(null)
  const [failure, setFailure] = useState<{ address: string; message: string | null } | null>(null)
  const status: AccountHistoryPhase = opened?.address === address ? opened.status : { phase: 'opening' }
  const recorder = recording?.address === address ? recording.recorder : null
  const storageError = failure?.address === address ? failure.message : null
  const setStorageError = useCallback((message: string | null) => setFailure({ address, message }), [address])
  const samples = useRef<HistorySample[]>([])
  const version = useRef(0)

  useEffect(() => {
    let cancelled = false
    let active: HistoryRecorder | null = null
    let close = () => {}
    const memory: HistorySample[] = []
    samples.current = memory
    version.current++

    openHistoryStore()
      .then(async (store) => {
        close = () => store.database.close()
        if (cancelled) return close()
        // Record at once; what is taken while the stored history loads is merged behind it.
        const taken: HistorySample[] = []
        let loaded = false
        active = createHistoryRecorder({
          address,
          write: (batch) => appendSamples(store, batch),
          erase: () => clearSamples(store, address),
          onRecord: (record) => {
            if (!loaded) return void taken.push(record)
            memory.push(record)
            // Bounded like the store: the oldest go first.
            if (memory.length > defaultHistoryRetention.maxSamplesPerAccount) memory.splice(0, memory.length - defaultHistoryRetention.maxSamplesPerAccount)
            version.current++
          },
          onWriteError: (error) => setFailure({ address, message: messageOf(error) }),
          onWritten: () => setFailure((previous) => (previous === null || previous.message === null ? previous : { address, message: null })),
        })
        setRecording({ address, recorder: active })
        const stored = await readSamples(store, address, { since: Date.now() - store.retention.maxAgeMs })
        if (cancelled) return
        const lastStored = stored.at(-1)?.time ?? Number.NEGATIVE_INFINITY
        memory.push(...stored, ...taken.filter((record) => record.time > lastStored))
        loaded = true
        version.current++
        setOpened({ address, status: { phase: 'ready' } })
      })
      .catch((error: unknown) => {
        if (!cancelled) setOpened({ address, status: { phase: 'unavailable', reason: messageOf(error) } })
      })

    const flush = () => void active?.flush()
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush()
    }
    window.addEventListener('pagehide', flush)
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      cancelled = true
      window.removeEventListener('pagehide', flush)
      document.removeEventListener('visibilitychange', onVisibility)
      const stopping = active
      if (stopping === null) return
      void stopping.stop().finally(close)
    }
  }, [address])

  const clear = useCallback(async () => {
    if (recorder === null) return
    samples.current.length = 0
    version.current++
    try {
      await recorder.clear()
      setStorageError(null)
    } catch (error) {
      setStorageError(messageOf(error))
    }
  }, [recorder, setStorageError])

  return { status, samples, version, recorder, storageError, clear }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return 'shortMessage' in error && typeof error.shortMessage === 'string' ? error.shortMessage : error.message
  return String(error)
}
