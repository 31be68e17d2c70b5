import { accountKeyRange } from './accountKeyRange'
import { HistoryStorageError } from './errors'
import type { HistoryStore } from './openHistoryStore'

/** What the history keeps. */
export type HistoryRetention = {
  /** Samples older than this are dropped, ms. */
  maxAgeMs: number
  /** At most this many records per account; the oldest go first. */
  maxSamplesPerAccount: number
}

/**
 * Seven days, and at most 100,000 records per account. At one sample per 2 s (the recorder's
 * default) a page left open all the time fills the cap in about 55 hours, so the cap binds
 * before the age for an always-on page and the age for one opened a few hours a day. A record is
 * some 200 bytes in Chromium's store, so an account holds at most about 20 MB, and a full read
 * (in chunks, see `readSamples`) takes a few hundred ms off the tick path.
 */
export const defaultHistoryRetention: HistoryRetention = { maxAgeMs: 7 * 24 * 3_600_000, maxSamplesPerAccount: 100_000 }

export type PruneSamplesErrorType = HistoryStorageError

/**
 * Drops every record older than `now − maxAgeMs` (all accounts), then each account's oldest
 * records beyond `maxSamplesPerAccount`, in one transaction. Resolves with how many were deleted.
 */
export function pruneSamples(store: HistoryStore, { now = Date.now() }: { now?: number } = {}): Promise<number> {
  const { database, retention } = store
  return new Promise((resolve, reject) => {
    let deleted = 0
    let transaction: IDBTransaction
    try {
      transaction = database.transaction('samples', 'readwrite')
    } catch (error) {
      reject(new HistoryStorageError('prune', { cause: error }))
      return
    }
    transaction.oncomplete = () => resolve(deleted)
    transaction.onerror = () => reject(new HistoryStorageError('prune', { cause: transaction.error }))
    transaction.onabort = () => reject(new HistoryStorageError('prune', { cause: transaction.error }))
    const samples = transaction.objectStore('samples')

    const byAge = samples.index('time').openCursor(IDBKeyRange.upperBound(now - retention.maxAgeMs, true))
    byAge.onsuccess = () => {
      const cursor = byAge.result
      if (cursor === null) return capAccounts()
      cursor.delete()
      deleted++
      cursor.continue()
    }

    // After the age pass, so the cap counts only what the age kept.
    function capAccounts() {
      const accounts = samples.openKeyCursor()
      accounts.onsuccess = () => {
        const cursor = accounts.result
        if (cursor === null) return
        const address = (cursor.key as [string, number])[0]
        const count = samples.count(accountKeyRange(address))
        count.onsuccess = () => {
          const excess = count.result - retention.maxSamplesPerAccount
          if (excess > 0) dropOldest(address, excess)
        }
        // The next account: the first key after every `[address, time]`.
        cursor.continue([address, Number.POSITIVE_INFINITY])
      }
    }

    function dropOldest(address: string, excess: number) {
      const oldest = samples.openKeyCursor(accountKeyRange(address))
      let advanced = excess === 1
      oldest.onsuccess = () => {
        const cursor = oldest.result
        if (cursor === null) return
        if (!advanced) {
          advanced = true
          cursor.advance(excess - 1)
          return
        }
        samples.delete(IDBKeyRange.bound([address, Number.NEGATIVE_INFINITY], cursor.key))
        deleted += excess
      }
    }
  })
}
