import { awaitTransaction } from './awaitTransaction'
import { HistoryStorageError } from './errors'
import type { HistoryStore } from './openHistoryStore'
import type { HistorySample } from './types'

export type AppendSamplesErrorType = HistoryStorageError

/**
 * Stores samples in one transaction (`put`: a sample at the same `[address, time]` replaces the
 * earlier one). Resolves once the transaction has committed; rejects with
 * {@link HistoryStorageError} (quota exceeded, database closed) and stores none of them.
 */
export async function appendSamples(store: HistoryStore, samples: readonly HistorySample[]): Promise<void> {
  if (samples.length === 0) return
  try {
    const transaction = store.database.transaction('samples', 'readwrite')
    const done = awaitTransaction(transaction)
    const objects = transaction.objectStore('samples')
    for (const sample of samples) objects.put({ ...sample, address: sample.address.toLowerCase() })
    await done
  } catch (error) {
    throw new HistoryStorageError('append', { cause: error })
  }
}
